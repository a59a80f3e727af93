package dev.almanac.scenarios.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.almanac.scenarios.AddFreeze;
import dev.almanac.scenarios.AddLeave;
import dev.almanac.scenarios.ChangeCapacity;
import dev.almanac.scenarios.DelayRelease;
import dev.almanac.scenarios.MoveStepEnd;
import dev.almanac.scenarios.PlanDuration;
import dev.almanac.scenarios.RemoveDependency;
import dev.almanac.scenarios.Scenarios.ChangeKind;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The scenario page's change form, one object for every kind: the chosen kind's fields make its
 * change.
 */
class ChangeFormTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @Test
    void eachKindTakesItsOwnFieldsAndLeavesTheOthers() {
        assertThat(filled(ChangeKind.DELAY_RELEASE).change(ZONE))
                .isEqualTo(new DelayRelease("features-1", 7));
        assertThat(filled(ChangeKind.MOVE_STEP).change(ZONE))
                .isEqualTo(
                        new MoveStepEnd(
                                "features-1",
                                "train",
                                LocalDateTime.parse("2025-03-03T10:00:00")
                                        .atZone(ZONE)
                                        .toInstant()));
        assertThat(filled(ChangeKind.ADD_FREEZE).change(ZONE))
                .isEqualTo(
                        new AddFreeze(
                                "Migration",
                                LocalDateTime.parse("2025-03-10T18:00:00"),
                                LocalDateTime.parse("2025-03-12T08:00:00"),
                                "payments"));
        assertThat(filled(ChangeKind.PLAN_DURATION).change(ZONE))
                .isEqualTo(new PlanDuration("features-1", "train", Duration.ofHours(36)));
        assertThat(filled(ChangeKind.REMOVE_DEPENDENCY).change(ZONE))
                .isEqualTo(new RemoveDependency(42L));
        assertThat(filled(ChangeKind.CHANGE_CAPACITY).change(ZONE))
                .isEqualTo(new ChangeCapacity("gpus", LocalDate.parse("2025-03-01"), 400.0));
        assertThat(filled(ChangeKind.ADD_LEAVE).change(ZONE))
                .isEqualTo(
                        new AddLeave(
                                "gpus",
                                "ana",
                                LocalDate.parse("2025-03-01"),
                                LocalDate.parse("2025-03-07")));
    }

    @Test
    void withoutAKindThereIsNoChangeAndTheServiceAsksForOne() {
        assertThat(filled(null).change(ZONE)).isNull();
    }

    @Test
    void missingFieldsStayMissingForTheChecksToName() {
        var form = new ScenarioController.ChangeForm();
        form.kind = ChangeKind.PLAN_DURATION;
        assertThat(form.change(ZONE)).isEqualTo(new PlanDuration(null, null, null));
    }

    /** Every field filled in, whichever kind is chosen. */
    private static ScenarioController.ChangeForm filled(ChangeKind kind) {
        var form = new ScenarioController.ChangeForm();
        form.kind = kind;
        form.releaseKey = "features-1";
        form.activityId = "train";
        form.days = 7;
        form.date = LocalDateTime.parse("2025-03-03T10:00:00");
        form.durationDays = 1.5;
        form.windowName = "Migration";
        form.windowStart = LocalDateTime.parse("2025-03-10T18:00:00");
        form.windowEnd = LocalDateTime.parse("2025-03-12T08:00:00");
        form.productLine = "payments";
        form.dependencyId = 42L;
        form.resource = "gpus";
        form.member = "ana";
        form.from = LocalDate.parse("2025-03-01");
        form.until = LocalDate.parse("2025-03-07");
        form.capacity = 400.0;
        return form;
    }
}
