package dev.almanac.calendar.internal;

import dev.almanac.projection.ProjectedRelease;
import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.ReleaseStatus;
import dev.almanac.schedule.CalendarFilter;
import dev.almanac.schedule.Milestones;
import dev.almanac.schedule.ReleaseCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The month grid: each day of a month with the milestones and deadlines that fall on it. */
public final class MonthView {

    private MonthView() {}

    // ---- month grid

    record Entry(String releaseKey, String text, String kind, String time) {}

    record Day(LocalDate date, boolean inMonth, boolean today, List<Entry> entries) {}

    record MonthGrid(YearMonth month, List<List<Day>> weeks, LocalDate previous, LocalDate next) {}

    public static MonthGrid month(
            ReleaseCalendar.Projection projection, CalendarFilter filter, YearMonth month) {
        ZoneId zone = projection.zone();
        Map<LocalDate, List<Entry>> entries = new TreeMap<>();
        for (ProjectedRelease release : projection.schedule().releases()) {
            ReleaseState state = projection.releases().get(release.key());
            if (state == null || !filter.matches(state)) {
                continue;
            }
            for (Milestones.Milestone m : Milestones.of(release)) {
                if (m.end() != null) {
                    entries.computeIfAbsent(
                                    m.end().atZone(zone).toLocalDate(), k -> new ArrayList<>())
                            .add(
                                    new Entry(
                                            release.key(),
                                            m.name()
                                                    + " "
                                                    + (m.status()
                                                                    == dev.almanac.projection
                                                                            .StepStatus.DONE
                                                            ? "done"
                                                            : "due"),
                                            "milestone " + m.state(),
                                            m.end()
                                                    .atZone(zone)
                                                    .toLocalTime()
                                                    .withSecond(0)
                                                    .withNano(0)
                                                    .toString()));
                }
                for (var step : m.steps()) {
                    if (step.status() == dev.almanac.projection.StepStatus.ACTIVE
                            && step.overdue()) {
                        entries.computeIfAbsent(
                                        projection.snapshot().now().atZone(zone).toLocalDate(),
                                        k -> new ArrayList<>())
                                .add(
                                        new Entry(
                                                release.key(),
                                                step.name() + " overdue",
                                                "deadline overdue",
                                                ""));
                    }
                }
            }
            if (state.target() != null && state.status() != ReleaseStatus.STOPPED) {
                entries.computeIfAbsent(
                                state.target().minusSeconds(1).atZone(zone).toLocalDate(),
                                k -> new ArrayList<>())
                        .add(
                                new Entry(
                                        release.key(),
                                        "Target date",
                                        "deadline "
                                                + release.outlook()
                                                        .name()
                                                        .toLowerCase()
                                                        .replace('_', '-'),
                                        ""));
            }
        }
        LocalDate first = month.atDay(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate last = month.atEndOfMonth().with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        LocalDate today = projection.snapshot().now().atZone(zone).toLocalDate();
        List<List<Day>> weeks = new ArrayList<>();
        for (LocalDate week = first; !week.isAfter(last); week = week.plusWeeks(1)) {
            List<Day> days = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                LocalDate date = week.plusDays(i);
                List<Entry> list =
                        entries.getOrDefault(date, List.of()).stream()
                                .filter(e -> e.text() != null)
                                .sorted(Comparator.comparing(Entry::time))
                                .toList();
                days.add(
                        new Day(
                                date,
                                YearMonth.from(date).equals(month),
                                date.equals(today),
                                list));
            }
            weeks.add(days);
        }
        return new MonthGrid(
                month, weeks, month.minusMonths(1).atDay(1), month.plusMonths(1).atDay(1));
    }
}
