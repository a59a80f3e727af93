package dev.almanac.projection;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small release procedure and builders for snapshots around it. */
final class Fixtures {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** A Monday, 08:00 UTC. */
    static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

    static final Procedure PROCEDURE =
            new Procedure(
                    "model-release:1",
                    List.of(
                            Step.of("data", "data readiness", Duration.ofDays(1), StepKind.WORK),
                            Step.of("train", "training", Duration.ofDays(2), StepKind.WORK, "data"),
                            Step.of(
                                    "validate",
                                    "validation",
                                    Duration.ofHours(12),
                                    StepKind.WORK,
                                    "train"),
                            Step.of(
                                    "review",
                                    "risk review",
                                    Duration.ofDays(1),
                                    StepKind.WORK,
                                    "validate"),
                            Step.of(
                                    "deploy",
                                    "deploy",
                                    Duration.ZERO,
                                    StepKind.RELEASE_WINDOW,
                                    "review"),
                            Step.of(
                                    "retro",
                                    "retrospective",
                                    Duration.ofDays(2),
                                    StepKind.WORK,
                                    "deploy"),
                            new Step(
                                    "escalate",
                                    "escalation",
                                    "risk review",
                                    Duration.ofDays(1),
                                    StepKind.WORK,
                                    List.of(),
                                    false,
                                    "review")),
                    "deploy");

    private Fixtures() {}

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    static Instant now(Duration plus) {
        return NOW.plus(plus);
    }

    static StepState done(String activity, Instant start, Instant end) {
        return new StepState(activity, start, end, null);
    }

    static StepState active(String activity, Instant start) {
        return new StepState(activity, start, null, null);
    }

    static StepState activeDue(String activity, Instant start, Instant due) {
        return new StepState(activity, start, null, due);
    }

    static ReleaseState release(
            String key, ReleaseStatus status, Instant start, StepState... steps) {
        return release(key, "vision", "m-" + key, status, start, null, steps);
    }

    static ReleaseState release(
            String key,
            String productLine,
            String model,
            ReleaseStatus status,
            Instant start,
            Instant target,
            StepState... steps) {
        Map<String, StepState> map = new HashMap<>();
        Arrays.stream(steps).forEach(s -> map.put(s.activityId(), s));
        return new ReleaseState(
                key,
                PROCEDURE.id(),
                productLine,
                model,
                "team",
                "production",
                status,
                start,
                target,
                map);
    }

    static Snapshot snapshot(List<ReleaseState> releases) {
        return snapshot(releases, List.of(), List.of(), DurationHistory.NONE);
    }

    static Snapshot snapshot(
            List<ReleaseState> releases,
            List<Dependency> dependencies,
            List<WindowRule> windows,
            DurationHistory history) {
        return new Snapshot(
                NOW, Map.of(PROCEDURE.id(), PROCEDURE), releases, dependencies, windows, history);
    }

    static WindowRule window(
            String id,
            WindowKind kind,
            LocalDateTime start,
            LocalDateTime end,
            ZoneId zone,
            String rrule) {
        return new WindowRule(id, kind, id, start, end, zone, rrule, WindowScope.GLOBAL, null);
    }

    static WindowRule scoped(
            String id,
            WindowKind kind,
            LocalDateTime start,
            LocalDateTime end,
            String rrule,
            WindowScope scope,
            String key) {
        return new WindowRule(id, kind, id, start, end, UTC, rrule, scope, key);
    }

    static ProjectedRelease only(Schedule schedule) {
        return schedule.releases().get(0);
    }

    static ProjectedStep step(ProjectedRelease release, String activity) {
        return release.steps().stream()
                .filter(s -> s.activityId().equals(activity))
                .findFirst()
                .orElseThrow(() -> new AssertionError(activity + " not in " + release.steps()));
    }

    static boolean has(ProjectedRelease release, String activity) {
        return release.steps().stream().anyMatch(s -> s.activityId().equals(activity));
    }

    static long[] hours(long... hours) {
        return Arrays.stream(hours).map(h -> h * 3600).toArray();
    }
}
