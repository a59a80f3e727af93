package dev.almanac.calendar.web;

import dev.almanac.projection.ProjectedRelease;
import dev.almanac.projection.ReleaseState;
import dev.almanac.schedule.CalendarFilter;
import dev.almanac.schedule.Milestones;
import dev.almanac.schedule.ReleaseCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/calendar}: the schedule the views show, as JSON. */
@RestController
class CalendarApiController {

    private final ReleaseCalendar calendar;

    CalendarApiController(ReleaseCalendar calendar) {
        this.calendar = calendar;
    }

    record MilestoneJson(
            String name,
            String status,
            Instant start,
            Instant end,
            Instant actualStart,
            Instant actualEnd,
            Instant p50End,
            Instant p90End,
            boolean overdue,
            String heldBy) {}

    record ReleaseJson(
            String key,
            String model,
            String productLine,
            String team,
            String lane,
            String status,
            Instant target,
            Instant projectedDeploy,
            Instant deployP50,
            Instant deployP90,
            double onTargetProbability,
            String outlook,
            String cadence,
            List<MilestoneJson> milestones) {}

    record CalendarJson(
            Instant projectedAt,
            LocalDate from,
            LocalDate to,
            String zone,
            int samples,
            List<ReleaseJson> releases,
            List<dev.almanac.projection.Conflict> conflicts) {}

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.PIPELINE_READ)
    @GetMapping("/api/v1/calendar")
    ResponseEntity<?> calendar(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate to,
            CalendarFilter filter,
            org.springframework.security.core.Authentication caller) {
        ReleaseCalendar.Projection projection = calendar.current();
        // a scoped token sees the releases of its models and product lines only
        dev.almanac.identity.ScopedCaller scope =
                caller != null
                                && caller.getPrincipal()
                                        instanceof dev.almanac.identity.ScopedCaller s
                        ? s
                        : null;
        LocalDate today = projection.snapshot().now().atZone(projection.zone()).toLocalDate();
        LocalDate start = from != null ? from : today.minusDays(30);
        LocalDate end = to != null ? to : today.plusDays(180);
        if (!end.isAfter(start)) {
            ProblemDetail problem =
                    ProblemDetail.forStatusAndDetail(
                            HttpStatus.BAD_REQUEST,
                            "'to' (" + end + ") must be after 'from' (" + start + ").");
            problem.setTitle("Invalid date range");
            problem.setProperty("field", "to");
            return ResponseEntity.badRequest().body(problem);
        }
        Instant windowStart = start.atStartOfDay(projection.zone()).toInstant();
        Instant windowEnd = end.atStartOfDay(projection.zone()).toInstant();
        List<ReleaseJson> releases = new ArrayList<>();
        for (ProjectedRelease release : projection.schedule().releases()) {
            ReleaseState state = projection.releases().get(release.key());
            if (state == null
                    || !filter.matches(state)
                    || (scope != null
                            && !scope.covers(
                                    new dev.almanac.identity.Subject(
                                            state.model(), state.productLine(), state.team())))) {
                continue;
            }
            List<MilestoneJson> milestones =
                    Milestones.of(release).stream()
                            .map(
                                    m ->
                                            new MilestoneJson(
                                                    m.name(),
                                                    m.state(),
                                                    m.start(),
                                                    m.end(),
                                                    m.actualStart(),
                                                    m.actualEnd(),
                                                    m.p50End(),
                                                    m.p90End(),
                                                    m.overdue(),
                                                    projection.heldBy(m.heldBy())))
                            .toList();
            boolean overlaps =
                    milestones.stream()
                            .anyMatch(
                                    m ->
                                            m.start() != null
                                                    && m.end() != null
                                                    && m.end().isAfter(windowStart)
                                                    && m.start().isBefore(windowEnd));
            if (!overlaps) {
                continue;
            }
            releases.add(
                    new ReleaseJson(
                            release.key(),
                            state.model(),
                            state.productLine(),
                            state.team(),
                            state.lane(),
                            state.status().name().toLowerCase(),
                            state.target(),
                            release.targetEnd(),
                            release.targetP50(),
                            release.targetP90(),
                            release.onTargetProbability(),
                            release.outlook().name().toLowerCase().replace('_', '-'),
                            projection.cadenceOf().get(release.key()),
                            milestones));
        }
        // a scoped token sees only the conflicts of the releases it sees
        java.util.Set<String> shown =
                releases.stream()
                        .map(ReleaseJson::key)
                        .collect(java.util.stream.Collectors.toSet());
        return ResponseEntity.ok(
                new CalendarJson(
                        projection.snapshot().now(),
                        start,
                        end,
                        projection.zone().getId(),
                        projection.schedule().samples(),
                        releases,
                        projection.schedule().conflicts().stream()
                                .filter(c -> scope == null || shown.contains(c.release()))
                                .toList()));
    }

    /** A parameter that cannot be read (a date that is not a date) names itself. */
    @org.springframework.web.bind.annotation.ExceptionHandler
    ResponseEntity<ProblemDetail> unreadable(
            org.springframework.web.method.annotation.MethodArgumentTypeMismatchException e) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.BAD_REQUEST,
                        "'"
                                + e.getValue()
                                + "' is not a valid "
                                + e.getName()
                                + "; give a date like 2026-12-01.");
        problem.setTitle("Invalid parameter");
        problem.setProperty("field", e.getName());
        return ResponseEntity.badRequest().body(problem);
    }
}
