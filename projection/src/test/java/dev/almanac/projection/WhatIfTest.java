package dev.almanac.projection;

import static dev.almanac.projection.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WhatIfTest {

    @Test
    void delayingAnUpstreamMovesItsDependentsAndTheDiffSaysByHowMuch() {
        ReleaseState upstream =
                release(
                        "features",
                        "vision",
                        "m-features",
                        ReleaseStatus.ACTIVE,
                        NOW,
                        NOW.plus(Duration.ofDays(30)),
                        active("data", NOW));
        ReleaseState downstream =
                release(
                        "reco",
                        "vision",
                        "m-reco",
                        ReleaseStatus.ACTIVE,
                        NOW,
                        NOW.plus(Duration.ofDays(8)),
                        done("data", NOW.minus(Duration.ofDays(1)), NOW));
        ReleaseState unrelated = release("other", ReleaseStatus.ACTIVE, NOW, active("data", NOW));
        Snapshot snapshot =
                snapshot(
                        List.of(upstream, downstream, unrelated),
                        List.of(
                                new Dependency(
                                        "features", "validate", "reco", "train", Duration.ZERO)),
                        List.of(),
                        DurationHistory.NONE);
        Schedule before = Projector.project(snapshot);

        List<WhatIf.Moved> moved =
                WhatIf.diff(
                        snapshot,
                        before,
                        Projector.project(
                                WhatIf.delay(snapshot, before, "features", Duration.ofDays(3))));

        assertThat(moved)
                .extracting(WhatIf.Moved::releaseKey)
                .containsExactlyInAnyOrder("features", "reco");
        WhatIf.Moved reco =
                moved.stream().filter(m -> m.releaseKey().equals("reco")).findFirst().orElseThrow();
        assertThat(reco.milestones())
                .extracting(WhatIf.Shift::milestone)
                .contains("training", "validation");
        assertThat(
                        reco.milestones().stream()
                                .filter(s -> s.milestone().equals("training"))
                                .findFirst()
                                .orElseThrow()
                                .by())
                .isEqualTo(Duration.ofDays(3));
        assertThat(reco.nowMissesTarget()).as("its 8-day target no longer holds").isTrue();
    }
}
