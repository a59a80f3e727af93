package dev.almanac.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.operaton.bpm.engine.test.Deployment;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;

@Deployment(resources = {"dmn/promotion-gate.dmn", "dmn/required-signoffs.dmn"})
class PromotionGateDecisionTest {

    @RegisterExtension
    static ProcessEngineExtension extension =
            ProcessEngineExtension.builder().useProcessEngine(TestEngine.get()).build();

    @ParameterizedTest(name = "delta {0}, p95 {1} ms, {2}, {3} risk -> {4}")
    @CsvSource({
        "0.01,   120, production, low,    advance",
        "0.00,   300, staging,    medium, advance",
        "-0.005, 120, staging,    low,    review",
        "-0.03,  120, staging,    low,    halt",
        "0.02,   350, staging,    low,    review",
        "0.02,   501, staging,    low,    halt",
        "0.02,   100, production, high,   review",
        "0.02,   100, staging,    high,   advance",
        "-0.05,  900, production, high,   halt"
    })
    void gateDecidesFromMetricsLaneAndRiskTier(
            double delta, double latency, String lane, String tier, String outcome) {
        var result =
                extension
                        .getDecisionService()
                        .evaluateDecisionTableByKey(
                                ModelRelease.Decisions.PROMOTION_GATE,
                                Map.of(
                                        "accuracyDelta",
                                        delta,
                                        "latencyP95Ms",
                                        latency,
                                        "lane",
                                        lane,
                                        "riskTier",
                                        tier))
                        .getSingleResult();
        assertThat(result.<String>getEntry("outcome")).isEqualTo(outcome);
        assertThat(result.<String>getEntry("reason")).isNotBlank();
    }

    @ParameterizedTest(name = "{0} risk -> {1}")
    @CsvSource({"low, ''", "medium, privacy", "high, privacy compliance security"})
    void signoffsFollowRiskTier(String tier, String expected) {
        var result =
                extension
                        .getDecisionService()
                        .evaluateDecisionTableByKey(
                                ModelRelease.Decisions.REQUIRED_SIGNOFFS, Map.of("riskTier", tier))
                        .collectEntries("signoff");
        assertThat(String.join(" ", result.stream().map(Object::toString).toList()))
                .isEqualTo(expected);
    }
}
