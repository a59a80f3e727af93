package dev.almanac.calendar.internal;

import dev.almanac.projection.ProjectedRelease;
import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.ReleaseStatus;
import dev.almanac.projection.ReleaseWindows;
import dev.almanac.projection.WindowKind;
import dev.almanac.projection.WindowOccurrence;
import dev.almanac.schedule.CalendarFilter;
import dev.almanac.schedule.Milestones;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.schedule.ScheduleTexts;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Pure builders of what the calendar pages show, from one projection. */
public final class CalendarViews {

    private CalendarViews() {}

    // ---- the span shown

    public record Span(
            String kind,
            LocalDate from,
            LocalDate to,
            String label,
            LocalDate previous,
            LocalDate next) {

        public static Span of(String kind, LocalDate anchor) {
            if ("month".equals(kind)) {
                LocalDate from = anchor.withDayOfMonth(1);
                return new Span(
                        "month",
                        from,
                        from.plusMonths(1),
                        from.format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH)),
                        from.minusMonths(1),
                        from.plusMonths(1));
            }
            LocalDate from = anchor.with(IsoFields.DAY_OF_QUARTER, 1);
            return new Span(
                    "quarter",
                    from,
                    from.plusMonths(3),
                    "Q" + from.get(IsoFields.QUARTER_OF_YEAR) + " " + from.getYear(),
                    from.minusMonths(3),
                    from.plusMonths(3));
        }
    }

    // ---- timeline

    /**
     * One milestone of a bar; class and style are composed here, so a page of a thousand bars
     * renders fast.
     */
    public record Segment(String milestone, String state, double left, double width, String title) {

        public String css() {
            return "segment " + state;
        }

        public String style() {
            return "left:" + left + "%;width:" + width + "%";
        }
    }

    public record Bar(
            String key,
            String label,
            String status,
            String outlook,
            double left,
            double width,
            List<Segment> segments,
            Double target,
            String title,
            boolean planned) {

        public String css() {
            return "bar " + outlook + " " + status + (planned ? " upcoming" : "");
        }

        public String style() {
            return "left:" + left + "%;width:" + width + "%";
        }

        public String labelStyle() {
            return "left:" + left + "%";
        }

        public String targetStyle() {
            return target == null ? null : "left:" + target + "%";
        }
    }

    public record Swimlane(String name, List<Bar> bars) {}

    public record Shade(String kind, String name, double left, double width, String title) {}

    public record Tick(String label, double left) {}

    public record Timeline(
            Span span,
            List<Swimlane> lanes,
            List<Shade> shades,
            Double today,
            List<Tick> ticks,
            int releases) {}

    public static Timeline timeline(
            ReleaseCalendar.Projection projection,
            CalendarFilter filter,
            Span span,
            String groupBy) {
        ZoneId zone = projection.zone();
        Instant from = span.from().atStartOfDay(zone).toInstant();
        Instant to = span.to().atStartOfDay(zone).toInstant();
        Map<String, List<Bar>> groups = new TreeMap<>();
        int count = 0;
        for (ProjectedRelease release : projection.schedule().releases()) {
            ReleaseState state = projection.releases().get(release.key());
            if (state == null || !filter.matches(state)) {
                continue;
            }
            List<Milestones.Milestone> milestones = Milestones.of(release);
            if (milestones.isEmpty()) {
                continue;
            }
            Instant start = milestones.get(0).start();
            Instant end =
                    milestones.stream()
                            .map(Milestones.Milestone::end)
                            .max(Comparator.naturalOrder())
                            .orElse(start);
            if (start == null || end == null || !end.isAfter(from) || !start.isBefore(to)) {
                continue;
            }
            List<Segment> segments = new ArrayList<>();
            for (Milestones.Milestone m : milestones) {
                if (m.start() == null
                        || m.end() == null
                        || !m.end().isAfter(from)
                        || !m.start().isBefore(to)) {
                    continue;
                }
                segments.add(
                        new Segment(
                                m.name(),
                                m.state(),
                                percent(m.start(), from, to),
                                width(m.start(), m.end(), from, to),
                                m.name()
                                        + ": "
                                        + ScheduleTexts.format(m.start(), zone)
                                        + " – "
                                        + ScheduleTexts.format(m.end(), zone)
                                        + (m.overdue() ? " (overdue)" : "")));
            }
            Double target =
                    state.target() == null
                                    || state.target().isBefore(from)
                                    || state.target().isAfter(to)
                            ? null
                            : percent(state.target(), from, to);
            String group =
                    "team".equals(groupBy)
                            ? (state.team() == null ? "no team" : state.team())
                            : state.lane();
            String cadence = projection.cadenceOf().get(release.key());
            String title =
                    release.key()
                            + (cadence == null ? "" : " (" + cadence + ")")
                            + " · "
                            + ScheduleTexts.outlookText(release)
                            + (release.targetEnd() == null
                                    ? ""
                                    : " · deploy "
                                            + ScheduleTexts.format(release.targetEnd(), zone));
            groups.computeIfAbsent(group, k -> new ArrayList<>())
                    .add(
                            new Bar(
                                    release.key(),
                                    release.key(),
                                    state.status().name().toLowerCase(),
                                    release.outlook().name().toLowerCase().replace('_', '-'),
                                    percent(start, from, to),
                                    width(start, end, from, to),
                                    segments,
                                    target,
                                    title,
                                    state.status() == ReleaseStatus.PLANNED));
            count++;
        }
        List<Swimlane> lanes = new ArrayList<>();
        groups.forEach(
                (name, bars) -> {
                    bars.sort(Comparator.comparingDouble(Bar::left));
                    lanes.add(new Swimlane(name, bars));
                });
        List<Shade> shades = new ArrayList<>();
        for (WindowOccurrence o :
                ReleaseWindows.expand(projection.snapshot().windows(), from, to)
                        .occurrences(from, to)) {
            if (o.rule().kind() == WindowKind.RELEASE) {
                continue;
            }
            if (filter.productLine() != null || filter.model() != null) {
                if (!o.rule().appliesTo(filter.productLine(), filter.model())
                        && o.rule().scope() != dev.almanac.projection.WindowScope.GLOBAL) {
                    continue;
                }
            }
            shades.add(
                    new Shade(
                            o.rule().kind().name().toLowerCase(),
                            o.rule().name(),
                            percent(o.start(), from, to),
                            width(o.start(), o.end(), from, to),
                            o.rule().name()
                                    + ": "
                                    + ScheduleTexts.format(o.start(), zone)
                                    + " – "
                                    + ScheduleTexts.format(o.end(), zone)));
        }
        Instant now = projection.snapshot().now();
        Double today = now.isBefore(from) || !now.isBefore(to) ? null : percent(now, from, to);
        List<Tick> ticks = new ArrayList<>();
        if ("month".equals(span.kind())) {
            for (LocalDate d = span.from().with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
                    d.isBefore(span.to());
                    d = d.plusWeeks(1)) {
                ticks.add(
                        new Tick(
                                d.format(DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH)),
                                percent(d.atStartOfDay(zone).toInstant(), from, to)));
            }
        } else {
            for (LocalDate d = span.from(); d.isBefore(span.to()); d = d.plusMonths(1)) {
                ticks.add(
                        new Tick(
                                d.format(DateTimeFormatter.ofPattern("MMMM", Locale.ENGLISH)),
                                percent(d.atStartOfDay(zone).toInstant(), from, to)));
            }
        }
        return new Timeline(span, lanes, shades, today, ticks, count);
    }

    private static double percent(Instant t, Instant from, Instant to) {
        double span = to.getEpochSecond() - from.getEpochSecond();
        double value = (t.getEpochSecond() - from.getEpochSecond()) / span * 100;
        return Math.round(Math.max(0, Math.min(100, value)) * 100) / 100.0;
    }

    private static double width(Instant start, Instant end, Instant from, Instant to) {
        return Math.max(0.3, percent(end, from, to) - percent(start, from, to));
    }
}
