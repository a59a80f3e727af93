package dev.almanac.releases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.almanac.processes.ModelRelease;
import dev.almanac.projection.Procedure;
import dev.almanac.projection.Step;
import dev.almanac.projection.StepKind;
import dev.almanac.releases.internal.ProcedureModels;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.model.bpmn.Bpmn;

class ProcedureModelsTest {

    private static Procedure procedure() throws Exception {
        try (InputStream bpmn =
                ProcedureModelsTest.class
                        .getClassLoader()
                        .getResourceAsStream(ModelRelease.BPMN_RESOURCE)) {
            return ProcedureModels.read("model-release:1", Bpmn.readModelFromStream(bpmn));
        }
    }

    private static Step step(Procedure procedure, String id) {
        return procedure.steps().stream()
                .filter(s -> s.activityId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void expectedPathFollowsTheFlowsMarkedExpectedAndEveryParallelBranch() throws Exception {
        Procedure procedure = procedure();

        List<String> milestones =
                procedure.steps().stream()
                        .filter(Step::expected)
                        .filter(s -> s.milestone() != null)
                        .map(Step::activityId)
                        .toList();
        assertThat(milestones)
                .containsExactly(
                        "check-data-feeds",
                        "wait-data-ready",
                        "trigger-training",
                        "wait-training-finished",
                        "compute-validation-metrics",
                        "promotion-gate",
                        "risk-review",
                        "determine-signoffs",
                        "signoff",
                        "deploy-approval",
                        "wait-release-window",
                        "deploy",
                        "monitor-in-production",
                        "post-deploy-check",
                        "wait-for-retrospective",
                        "retrospective");
        assertThat(step(procedure, "risk-join").after())
                .containsExactlyInAnyOrder("risk-review", "signoff");
        assertThat(step(procedure, "deploy").after()).containsExactly("wait-release-window");
        assertThat(procedure.targetActivity()).isEqualTo("deploy");
    }

    @Test
    void stepsCarryPlannedDurationMilestoneAndHowTheyEnd() throws Exception {
        Procedure procedure = procedure();

        assertThat(step(procedure, "wait-training-finished").planned())
                .isEqualTo(Duration.ofDays(5));
        assertThat(step(procedure, "wait-training-finished").milestone()).isEqualTo("Training");
        assertThat(step(procedure, "wait-release-window").kind())
                .isEqualTo(StepKind.RELEASE_WINDOW);
        assertThat(step(procedure, "deploy").kind()).isEqualTo(StepKind.WORK);
        assertThat(step(procedure, "signoff").name()).isEqualTo("Sign-off: sign-offs");
        assertThat(step(procedure, "gate-outcome").milestone())
                .as("gateways take no time and are not milestones")
                .isNull();
    }

    @Test
    void detoursNameWhereTheyRejoinTheExpectedPath() throws Exception {
        Procedure procedure = procedure();

        assertThat(step(procedure, "resolve-data-feeds").expected()).isFalse();
        assertThat(step(procedure, "resolve-data-feeds").rejoins()).isEqualTo("data-check-merge");
        assertThat(step(procedure, "review-validation").rejoins()).isEqualTo("risk-merge");
        assertThat(step(procedure, "decide-after-halt").rejoins())
                .as("a halt retrains")
                .isEqualTo("training-merge");
        assertThat(step(procedure, "resolve-data-blocker").rejoins())
                .as("an escalation runs beside the wait")
                .isNull();
        assertThat(step(procedure, "roll-back").rejoins()).isEqualTo("retrospective-merge");
    }
}
