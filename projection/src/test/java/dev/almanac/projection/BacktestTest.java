package dev.almanac.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestTest {

    private static final Instant FROM = Instant.parse("2025-01-06T00:00:00Z");

    @Test
    void p90CoversAboutNineInTenActualDeploysAndTheMedianErrorIsSmall() {
        SimulatedHistory history =
                SimulatedHistory.generate(FROM, Duration.ofDays(200), Duration.ofHours(6), 17);
        int compared = 0;
        double covered = 0;
        double worstMedianError = 0;
        for (int day = 90; day <= 190; day += 20) {
            Backtest.Result result =
                    Backtest.run(
                            history,
                            FROM.plus(Duration.ofDays(day)).plusSeconds(day * 3600L),
                            500,
                            day);
            compared += result.inFlight();
            covered += result.p90Coverage() * result.inFlight();
            worstMedianError = Math.max(worstMedianError, result.medianAbsErrorHours());
            assertThat(result.learnedFrom()).isGreaterThan(200);
        }

        assertThat(compared).isGreaterThan(50);
        assertThat(covered / compared).isBetween(0.75, 0.98);
        assertThat(worstMedianError).isFinite().isLessThan(72.0);
    }

    @Test
    void simulatedReleasesDeployOnlyWhenTheWindowsAllow() {
        SimulatedHistory history =
                SimulatedHistory.generate(FROM, Duration.ofDays(60), Duration.ofHours(12), 3);
        ReleaseWindows windows =
                ReleaseWindows.expand(history.windows(), FROM, FROM.plus(Duration.ofDays(120)));

        List<SimulatedHistory.SimulatedRelease> releases = history.releases();
        assertThat(releases).hasSizeGreaterThan(60);
        assertThat(releases)
                .allSatisfy(
                        r ->
                                assertThat(
                                                windows.nextOpen(
                                                        r.end("deploy"),
                                                        r.productLine(),
                                                        r.model()))
                                        .isEqualTo(r.end("deploy")));
    }

    @Test
    void stateAtTheCutShowsTheRunningStepAsActive() {
        SimulatedHistory history =
                SimulatedHistory.generate(FROM, Duration.ofDays(30), Duration.ofHours(12), 5);
        SimulatedHistory.SimulatedRelease r = history.releases().get(0);
        Instant trainStart = r.actuals().get("train").actualStart();
        Instant cut = trainStart.plusSeconds(60);

        ReleaseState state = r.asOf(cut, history.procedure().id());

        assertThat(state.status()).isEqualTo(ReleaseStatus.ACTIVE);
        assertThat(state.steps().get("data").actualEnd()).isEqualTo(trainStart);
        assertThat(state.steps().get("train").active()).isTrue();
        assertThat(state.steps()).doesNotContainKey("validate");
    }
}
