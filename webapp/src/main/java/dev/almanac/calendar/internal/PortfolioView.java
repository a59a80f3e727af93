package dev.almanac.calendar.internal;

import dev.almanac.projection.Outlook;
import dev.almanac.projection.ProjectedRelease;
import dev.almanac.projection.ReleaseState;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.schedule.CalendarFilter;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.schedule.ScheduleTexts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The portfolio: per product line, how many releases are on track, at risk or late, the next
 * deploys and open approvals.
 */
public final class PortfolioView {

    private PortfolioView() {}

    // ---- portfolio

    record Deploy(String releaseKey, Instant at, String outlook, String when) {}

    record LineSummary(
            String productLine,
            int onTrack,
            int atRisk,
            int late,
            int done,
            List<Deploy> nextDeploys,
            int openApprovals,
            int overdueApprovals) {}

    public static List<LineSummary> portfolio(
            ReleaseCalendar.Projection projection,
            CalendarFilter filter,
            Map<String, List<ReleaseQueries.OpenApproval>> approvals) {
        Map<String, List<ProjectedRelease>> byLine = new TreeMap<>();
        for (ProjectedRelease release : projection.schedule().releases()) {
            ReleaseState state = projection.releases().get(release.key());
            if (state != null && filter.matches(state)) {
                byLine.computeIfAbsent(
                                state.productLine() == null
                                        ? "(no product line)"
                                        : state.productLine(),
                                k -> new ArrayList<>())
                        .add(release);
            }
        }
        Instant now = projection.snapshot().now();
        List<LineSummary> result = new ArrayList<>();
        byLine.forEach(
                (line, releases) -> {
                    Map<Outlook, Integer> counts = new LinkedHashMap<>();
                    releases.forEach(r -> counts.merge(r.outlook(), 1, Integer::sum));
                    List<Deploy> next =
                            releases.stream()
                                    .filter(
                                            r ->
                                                    r.outlook() != Outlook.DONE
                                                            && r.targetEnd() != null
                                                            && r.targetEnd().isAfter(now))
                                    .sorted(Comparator.comparing(ProjectedRelease::targetEnd))
                                    .limit(5)
                                    .map(
                                            r ->
                                                    new Deploy(
                                                            r.key(),
                                                            r.targetEnd(),
                                                            r.outlook()
                                                                    .name()
                                                                    .toLowerCase()
                                                                    .replace('_', '-'),
                                                            ScheduleTexts.format(
                                                                    r.targetEnd(),
                                                                    projection.zone())))
                                    .toList();
                    int open = 0;
                    int overdue = 0;
                    for (ProjectedRelease r : releases) {
                        for (ReleaseQueries.OpenApproval a :
                                approvals.getOrDefault(r.key(), List.of())) {
                            open++;
                            if (a.due() != null && a.due().isBefore(now)) {
                                overdue++;
                            }
                        }
                    }
                    result.add(
                            new LineSummary(
                                    line,
                                    counts.getOrDefault(Outlook.ON_TRACK, 0),
                                    counts.getOrDefault(Outlook.AT_RISK, 0),
                                    counts.getOrDefault(Outlook.LATE, 0),
                                    counts.getOrDefault(Outlook.DONE, 0),
                                    next,
                                    open,
                                    overdue));
                });
        return result;
    }
}
