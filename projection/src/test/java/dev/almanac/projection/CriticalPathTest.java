package dev.almanac.projection;

import static dev.almanac.projection.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CriticalPathTest {

    @Test
    void theChainToADeployRunsThroughTheUpstreamThatHoldsIt() {
        ReleaseState upstream = release("features", ReleaseStatus.ACTIVE, NOW, active("data", NOW));
        ReleaseState downstream =
                release(
                        "reco",
                        ReleaseStatus.ACTIVE,
                        NOW,
                        done("data", NOW.minus(Duration.ofDays(1)), NOW));
        Snapshot snapshot =
                snapshot(
                        List.of(upstream, downstream),
                        List.of(
                                new Dependency(
                                        "features",
                                        "validate",
                                        "reco",
                                        "train",
                                        Duration.ofHours(6))),
                        List.of(),
                        DurationHistory.NONE);

        Schedule schedule = Projector.project(snapshot);
        List<CriticalPath.Link> chain = CriticalPath.toTarget(snapshot, schedule, "reco");

        assertThat(chain)
                .extracting(l -> l.releaseKey() + "/" + l.step().activityId())
                .containsExactly(
                        "features/data",
                        "features/train",
                        "features/validate",
                        "reco/train",
                        "reco/validate",
                        "reco/review",
                        "reco/deploy");
        assertThat(chain.get(2).via()).isEqualTo("dependency");
        assertThat(chain.get(3).via()).isEqualTo("procedure");
        assertThat(chain.get(chain.size() - 1).via()).isNull();
    }

    @Test
    void withoutAnUpstreamTheChainStaysInTheRelease() {
        ReleaseState alone =
                release(
                        "reco",
                        ReleaseStatus.ACTIVE,
                        NOW,
                        done("data", NOW.minus(Duration.ofDays(1)), NOW),
                        active("train", NOW));
        Snapshot snapshot = snapshot(List.of(alone));

        List<CriticalPath.Link> chain =
                CriticalPath.toTarget(snapshot, Projector.project(snapshot), "reco");

        assertThat(chain)
                .extracting(l -> l.step().activityId())
                .containsExactly("data", "train", "validate", "review", "deploy");
        assertThat(CriticalPath.toTarget(snapshot, Projector.project(snapshot), "nobody"))
                .isEmpty();
    }

    @Test
    void aPlannersDurationForOneStepReplacesThePlannedOneForThatReleaseOnly() {
        ReleaseState a = release("a", ReleaseStatus.ACTIVE, NOW, active("data", NOW));
        ReleaseState b = release("b", ReleaseStatus.ACTIVE, NOW, active("data", NOW));
        Snapshot plain = snapshot(List.of(a, b));
        Snapshot longer =
                new Snapshot(
                        NOW,
                        plain.procedures(),
                        plain.releases(),
                        List.of(),
                        List.of(),
                        DurationHistory.NONE,
                        java.util.Map.of(Snapshot.stepKey("a", "train"), Duration.ofDays(5)));

        ProjectedStep before =
                Projector.project(plain).releases().get(0).steps().stream()
                        .filter(s -> s.activityId().equals("train"))
                        .findFirst()
                        .orElseThrow();
        var after = Projector.project(longer).releases();
        ProjectedStep trainA =
                after.get(0).steps().stream()
                        .filter(s -> s.activityId().equals("train"))
                        .findFirst()
                        .orElseThrow();
        ProjectedStep trainB =
                after.get(1).steps().stream()
                        .filter(s -> s.activityId().equals("train"))
                        .findFirst()
                        .orElseThrow();

        assertThat(Duration.between(trainA.start(), trainA.end())).isEqualTo(Duration.ofDays(5));
        assertThat(trainB.end()).isEqualTo(before.end());
    }
}
