package dev.almanac.projection;

import static dev.almanac.projection.Fixtures.BERLIN;
import static dev.almanac.projection.Fixtures.UTC;
import static dev.almanac.projection.Fixtures.at;
import static dev.almanac.projection.Fixtures.scoped;
import static dev.almanac.projection.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseWindowsTest {

    private static final WindowRule TUESDAYS_BERLIN =
            window(
                    "tue",
                    WindowKind.RELEASE,
                    LocalDateTime.parse("2026-01-06T09:00"),
                    LocalDateTime.parse("2026-01-06T12:00"),
                    BERLIN,
                    "FREQ=WEEKLY;BYDAY=TU");

    @Test
    void weeklyWindowKeepsNineOClockLocalAcrossBothDaylightSavingChanges() {
        ReleaseWindows windows =
                ReleaseWindows.expand(
                        List.of(TUESDAYS_BERLIN),
                        at("2026-01-01T00:00:00Z"),
                        at("2027-01-01T00:00:00Z"));

        List<WindowOccurrence> all =
                windows.occurrences(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));

        assertThat(all).hasSize(52);
        assertThat(all)
                .allSatisfy(
                        o -> {
                            assertThat(o.start().atZone(BERLIN).toLocalTime())
                                    .isEqualTo(LocalTime.of(9, 0));
                            assertThat(o.end().atZone(BERLIN).toLocalTime())
                                    .isEqualTo(LocalTime.of(12, 0));
                        });
        // Winter time is UTC+1, summer time UTC+2: the UTC instant moves, the local time does not.
        assertThat(windows.nextOpen(at("2026-03-25T00:00:00Z"), null, null))
                .isEqualTo(at("2026-03-31T07:00:00Z"));
        assertThat(windows.nextOpen(at("2026-03-18T00:00:00Z"), null, null))
                .isEqualTo(at("2026-03-24T08:00:00Z"));
        assertThat(windows.nextOpen(at("2026-10-21T00:00:00Z"), null, null))
                .isEqualTo(at("2026-10-27T08:00:00Z"));
        assertThat(windows.nextOpen(at("2026-10-14T00:00:00Z"), null, null))
                .isEqualTo(at("2026-10-20T07:00:00Z"));
    }

    @Test
    void ruleStartedYearsBeforeTheHorizonStillExpandsOnItsWeekdays() {
        WindowRule old =
                window(
                        "old",
                        WindowKind.RELEASE,
                        LocalDateTime.parse("2019-01-03T14:00"),
                        LocalDateTime.parse("2019-01-03T16:00"),
                        UTC,
                        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH");
        ReleaseWindows windows =
                ReleaseWindows.expand(
                        List.of(old), at("2026-03-01T00:00:00Z"), at("2026-05-01T00:00:00Z"));

        List<WindowOccurrence> all =
                windows.occurrences(at("2026-03-01T00:00:00Z"), at("2026-05-01T00:00:00Z"));

        assertThat(all)
                .isNotEmpty()
                .allSatisfy(
                        o ->
                                assertThat(o.start().atZone(UTC).getDayOfWeek().name())
                                        .isEqualTo("THURSDAY"));
        // Every other Thursday counted from 3 January 2019.
        assertThat(all)
                .allSatisfy(
                        o ->
                                assertThat(
                                                java.time.temporal.ChronoUnit.DAYS.between(
                                                                LocalDateTime.parse(
                                                                        "2019-01-03T14:00"),
                                                                o.start()
                                                                        .atZone(UTC)
                                                                        .toLocalDateTime())
                                                        % 14)
                                        .isZero());
    }

    @Test
    void insideAnOpenWindowTheDeployGoesAtOnce() {
        ReleaseWindows windows =
                ReleaseWindows.expand(
                        List.of(TUESDAYS_BERLIN),
                        at("2026-01-01T00:00:00Z"),
                        at("2026-02-01T00:00:00Z"));

        ReleaseWindows.Opening opening =
                windows.nextOpening(at("2026-01-13T09:30:00Z"), null, null);

        assertThat(opening.at()).isEqualTo(at("2026-01-13T09:30:00Z"));
        assertThat(opening.heldBy()).isNull();
    }

    @Test
    void freezeCoveringTheEndOfAReleaseWindowPushesTheDeployToTheNextWindow() {
        WindowRule daily =
                window(
                        "daily",
                        WindowKind.RELEASE,
                        LocalDateTime.parse("2026-01-01T09:00"),
                        LocalDateTime.parse("2026-01-01T17:00"),
                        UTC,
                        "FREQ=DAILY");
        WindowRule freeze =
                window(
                        "freeze",
                        WindowKind.FREEZE,
                        LocalDateTime.parse("2026-01-05T15:00"),
                        LocalDateTime.parse("2026-01-06T10:00"),
                        UTC,
                        null);
        ReleaseWindows windows =
                ReleaseWindows.expand(
                        List.of(daily, freeze),
                        at("2026-01-01T00:00:00Z"),
                        at("2026-02-01T00:00:00Z"));

        assertThat(windows.nextOpen(at("2026-01-05T14:00:00Z"), null, null))
                .isEqualTo(at("2026-01-05T14:00:00Z"));
        ReleaseWindows.Opening held = windows.nextOpening(at("2026-01-05T16:00:00Z"), null, null);
        assertThat(held.at()).isEqualTo(at("2026-01-06T10:00:00Z"));
        assertThat(held.heldBy()).isEqualTo("freeze");
    }

    @Test
    void adjacentAndOverlappingFreezesHoldUntilTheLastOneEnds() {
        WindowRule first =
                window(
                        "f1",
                        WindowKind.FREEZE,
                        LocalDateTime.parse("2026-01-05T00:00"),
                        LocalDateTime.parse("2026-01-07T00:00"),
                        UTC,
                        null);
        WindowRule second =
                window(
                        "f2",
                        WindowKind.FREEZE,
                        LocalDateTime.parse("2026-01-07T00:00"),
                        LocalDateTime.parse("2026-01-08T00:00"),
                        UTC,
                        null);
        WindowRule third =
                window(
                        "f3",
                        WindowKind.FREEZE,
                        LocalDateTime.parse("2026-01-07T12:00"),
                        LocalDateTime.parse("2026-01-09T06:00"),
                        UTC,
                        null);
        ReleaseWindows windows =
                ReleaseWindows.expand(
                        List.of(first, second, third),
                        at("2026-01-01T00:00:00Z"),
                        at("2026-02-01T00:00:00Z"));

        ReleaseWindows.Opening opening =
                windows.nextOpening(at("2026-01-05T10:00:00Z"), "any", "any");

        assertThat(opening.at()).isEqualTo(at("2026-01-09T06:00:00Z"));
        assertThat(opening.heldBy()).isEqualTo("f3");
    }

    @Test
    void experimentationWindowsNeverBlockDeploys() {
        WindowRule lab =
                window(
                        "lab",
                        WindowKind.EXPERIMENTATION,
                        LocalDateTime.parse("2026-01-05T00:00"),
                        LocalDateTime.parse("2026-01-10T00:00"),
                        UTC,
                        null);
        ReleaseWindows windows =
                ReleaseWindows.expand(
                        List.of(lab), at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"));

        assertThat(windows.nextOpen(at("2026-01-06T00:00:00Z"), null, null))
                .isEqualTo(at("2026-01-06T00:00:00Z"));
        assertThat(windows.occurrences(at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z")))
                .hasSize(1);
    }

    @Test
    void scopedWindowsApplyOnlyToTheirProductLineOrModel() {
        WindowRule visionWindow =
                scoped(
                        "vision-fridays",
                        WindowKind.RELEASE,
                        LocalDateTime.parse("2026-01-02T10:00"),
                        LocalDateTime.parse("2026-01-02T12:00"),
                        "FREQ=WEEKLY;BYDAY=FR",
                        WindowScope.PRODUCT_LINE,
                        "vision");
        WindowRule modelFreeze =
                scoped(
                        "ranker-freeze",
                        WindowKind.FREEZE,
                        LocalDateTime.parse("2026-01-05T00:00"),
                        LocalDateTime.parse("2026-01-20T00:00"),
                        null,
                        WindowScope.MODEL,
                        "ranker");
        ReleaseWindows windows =
                ReleaseWindows.expand(
                        List.of(visionWindow, modelFreeze),
                        at("2026-01-01T00:00:00Z"),
                        at("2026-03-01T00:00:00Z"));
        var monday = at("2026-01-05T08:00:00Z");

        assertThat(windows.nextOpen(monday, "vision", "detector"))
                .isEqualTo(at("2026-01-09T10:00:00Z"));
        assertThat(windows.nextOpen(monday, "vision", "ranker"))
                .isEqualTo(at("2026-01-23T10:00:00Z"));
        assertThat(windows.nextOpen(monday, "search", "ranker"))
                .isEqualTo(at("2026-01-20T00:00:00Z"));
        assertThat(windows.nextOpen(monday, "search", "other")).isEqualTo(monday);
    }

    @Test
    void noReleaseWindowBeforeTheHorizonEndsGivesNull() {
        WindowRule once =
                window(
                        "once",
                        WindowKind.RELEASE,
                        LocalDateTime.parse("2026-01-05T09:00"),
                        LocalDateTime.parse("2026-01-05T10:00"),
                        UTC,
                        null);
        ReleaseWindows windows =
                ReleaseWindows.expand(
                        List.of(once), at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"));

        assertThat(windows.nextOpen(at("2026-01-06T00:00:00Z"), null, null)).isNull();
        assertThat(windows.nextOpening(at("2026-01-06T00:00:00Z"), null, null)).isNull();
    }

    @Test
    void badRecurrenceRuleIsExplainedInASentence() {
        assertThatThrownBy(() -> ReleaseWindows.checkRecurrence("FREQ=WEEKLY;BYDAY=XX"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'FREQ=WEEKLY;BYDAY=XX' is not a recurrence rule: ");
        assertThatThrownBy(() -> ReleaseWindows.checkRecurrence(" "))
                .isInstanceOf(IllegalArgumentException.class);
        ReleaseWindows.checkRecurrence("FREQ=WEEKLY;BYDAY=MO,TU");
        ReleaseWindows.checkRecurrence("FREQ=DAILY");
    }

    @Test
    void aRuleIsCheckedByWhatItExpandsToNotByItsLength() {
        String everySecond =
                "FREQ=HOURLY;BYMINUTE="
                        + java.util.stream.IntStream.range(0, 60)
                                .mapToObj(String::valueOf)
                                .collect(java.util.stream.Collectors.joining(","))
                        + ";BYSECOND="
                        + java.util.stream.IntStream.range(0, 60)
                                .mapToObj(String::valueOf)
                                .collect(java.util.stream.Collectors.joining(","));
        assertThat(everySecond).hasSize(369);
        LocalDateTime from = LocalDateTime.parse("2026-12-01T00:00");
        java.time.Duration budget = java.time.Duration.ofSeconds(2);
        assertThatThrownBy(
                        () ->
                                ReleaseWindows.checkExpansion(
                                        everySecond, from, 730, 24, budget, "window"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recurs more than 24 times on 2026-12-01")
                .hasMessageContaining("a window may recur at most 24 times a day");
        // hourly is the most a window may do; a daily train with every minute of the day is not one
        ReleaseWindows.checkExpansion("FREQ=HOURLY", from, 730, 24, budget, "window");
        ReleaseWindows.checkExpansion(
                "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", from, 730, 24, budget, "window");
        assertThatThrownBy(
                        () ->
                                ReleaseWindows.checkExpansion(
                                        "FREQ=DAILY;BYHOUR=9;BYMINUTE=0,1,2,3",
                                        from,
                                        730,
                                        1,
                                        budget,
                                        "cadence"))
                .hasMessageContaining("a cadence may recur at most once a day");
        ReleaseWindows.checkExpansion("FREQ=DAILY", from, 730, 1, budget, "cadence");
    }

    @Test
    void unreadableRuleIsLeftOutAndNamed() {
        WindowRule bad =
                window(
                        "bad",
                        WindowKind.FREEZE,
                        LocalDateTime.parse("2026-01-05T09:00"),
                        LocalDateTime.parse("2026-01-05T10:00"),
                        UTC,
                        "FREQ=SOMETIMES");
        ReleaseWindows windows =
                ReleaseWindows.expand(
                        List.of(bad), at("2026-01-01T00:00:00Z"), at("2026-02-01T00:00:00Z"));

        assertThat(windows.unreadable()).containsKey("bad");
        assertThat(windows.nextOpen(at("2026-01-05T09:30:00Z"), null, null))
                .isEqualTo(at("2026-01-05T09:30:00Z"));
    }
}
