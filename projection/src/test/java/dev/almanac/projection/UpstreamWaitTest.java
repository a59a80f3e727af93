package dev.almanac.projection;

import static dev.almanac.projection.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamWaitTest {

    static final Procedure GATED =
            new Procedure(
                    "gated:1",
                    List.of(
                            Step.of("data", "data readiness", Duration.ofDays(1), StepKind.WORK),
                            Step.of("train", "training", Duration.ofDays(2), StepKind.WORK, "data"),
                            Step.of(
                                    "deploy",
                                    "deploy",
                                    Duration.ofHours(1),
                                    StepKind.WORK,
                                    "train"),
                            new Step(
                                    "wait-upstream",
                                    "Wait for upstream",
                                    "training",
                                    Duration.ZERO,
                                    StepKind.UPSTREAM_WAIT,
                                    List.of(),
                                    false,
                                    "train")),
                    "deploy");

    @Test
    void aReleaseWaitingForItsUpstreamIsNotOverdueAndItsTrainingFollowsTheUpstream() {
        ReleaseState upstream =
                new ReleaseState(
                        "features",
                        GATED.id(),
                        "vision",
                        "m-f",
                        "team",
                        "production",
                        ReleaseStatus.ACTIVE,
                        NOW,
                        null,
                        Map.of("data", active("data", NOW)));
        ReleaseState waiting =
                new ReleaseState(
                        "reco",
                        GATED.id(),
                        "vision",
                        "m-r",
                        "team",
                        "production",
                        ReleaseStatus.ACTIVE,
                        NOW.minus(Duration.ofDays(3)),
                        null,
                        Map.of(
                                "data",
                                done(
                                        "data",
                                        NOW.minus(Duration.ofDays(3)),
                                        NOW.minus(Duration.ofDays(2))),
                                "wait-upstream",
                                active("wait-upstream", NOW.minus(Duration.ofDays(2)))));
        Snapshot snapshot =
                new Snapshot(
                        NOW,
                        Map.of(GATED.id(), GATED),
                        List.of(upstream, waiting),
                        List.of(
                                new Dependency(
                                        "features", "deploy", "reco", "train", Duration.ZERO)),
                        List.of(),
                        DurationHistory.NONE);

        for (Schedule schedule :
                List.of(Projector.project(snapshot), Projector.simulate(snapshot, 200, 7))) {
            ProjectedRelease reco = schedule.releases().get(1);
            ProjectedStep wait =
                    reco.steps().stream()
                            .filter(s -> s.activityId().equals("wait-upstream"))
                            .findFirst()
                            .orElseThrow();
            ProjectedStep train =
                    reco.steps().stream()
                            .filter(s -> s.activityId().equals("train"))
                            .findFirst()
                            .orElseThrow();
            ProjectedStep upstreamDeploy =
                    schedule.releases().get(0).steps().stream()
                            .filter(s -> s.activityId().equals("deploy"))
                            .findFirst()
                            .orElseThrow();
            assertThat(wait.overdue()).isFalse();
            assertThat(train.start()).isEqualTo(upstreamDeploy.end());
            assertThat(train.heldBy()).isEqualTo("features/deploy");
        }
    }
}
