package dev.almanac.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WeeklyReleaseWindowTest {

    private final WeeklyReleaseWindow weekdays = WeeklyReleaseWindow.WEEKDAYS_OFFICE_HOURS_UTC;

    @Test
    void openWindowReleasesAtOnce() {
        Instant wednesday = Instant.parse("2026-12-02T10:00:00Z");
        assertThat(weekdays.nextOpening(wednesday)).isEqualTo(wednesday);
    }

    @Test
    void afterClosingTheNextDayOpens() {
        assertThat(weekdays.nextOpening(Instant.parse("2026-12-02T16:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-03T09:00:00Z"));
    }

    @Test
    void beforeOpeningTheSameDayOpens() {
        assertThat(weekdays.nextOpening(Instant.parse("2026-12-02T06:30:00Z")))
                .isEqualTo(Instant.parse("2026-12-02T09:00:00Z"));
    }

    @Test
    void fridayEveningWaitsForMonday() {
        assertThat(weekdays.nextOpening(Instant.parse("2026-12-04T17:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
    }

    @Test
    void windowFollowsItsOwnTimeZone() {
        WeeklyReleaseWindow berlin =
                new WeeklyReleaseWindow(
                        EnumSet.of(DayOfWeek.TUESDAY),
                        LocalTime.of(9, 0),
                        LocalTime.of(12, 0),
                        ZoneId.of("Europe/Berlin"));
        assertThat(berlin.nextOpening(Instant.parse("2026-12-01T07:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    }

    @Test
    void windowMustOpenBeforeItCloses() {
        assertThatThrownBy(
                        () ->
                                new WeeklyReleaseWindow(
                                        Set.of(DayOfWeek.MONDAY),
                                        LocalTime.of(16, 0),
                                        LocalTime.of(9, 0),
                                        ZoneId.of("UTC")))
                .hasMessageContaining("must open");
        assertThatThrownBy(
                        () ->
                                new WeeklyReleaseWindow(
                                        Set.of(),
                                        LocalTime.of(9, 0),
                                        LocalTime.of(16, 0),
                                        ZoneId.of("UTC")))
                .hasMessageContaining("at least one day");
    }
}
