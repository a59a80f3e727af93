package dev.almanac.projection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An immutable picture of everything the calendar depends on: the clock, each procedure version's
 * model, every release's engine state, the edges between releases, the windows and the history. A
 * what-if is the same projection over an edited snapshot.
 *
 * @param now the instant the projection is made at
 * @param procedures procedure models by {@link Procedure#id()}
 * @param releases the releases to project
 * @param dependencies edges between releases' activities
 * @param windows release, freeze and experimentation windows
 * @param history observed durations
 * @param planned a planner's duration for one release's step, by {@link #stepKey}: it replaces the
 *     BPMN's planned and the learned duration of that step of that release
 */
public record Snapshot(
        Instant now,
        Map<String, Procedure> procedures,
        List<ReleaseState> releases,
        List<Dependency> dependencies,
        List<WindowRule> windows,
        DurationHistory history,
        Map<String, java.time.Duration> planned) {

    public Snapshot {
        procedures = Map.copyOf(procedures);
        releases = List.copyOf(releases);
        dependencies = List.copyOf(dependencies);
        windows = List.copyOf(windows);
        planned = planned == null ? Map.of() : Map.copyOf(planned);
    }

    public Snapshot(
            Instant now,
            Map<String, Procedure> procedures,
            List<ReleaseState> releases,
            List<Dependency> dependencies,
            List<WindowRule> windows,
            DurationHistory history) {
        this(now, procedures, releases, dependencies, windows, history, Map.of());
    }

    /** The same picture with other releases. */
    public Snapshot withReleases(List<ReleaseState> other) {
        return new Snapshot(now, procedures, other, dependencies, windows, history, planned);
    }

    /** The key of one release's step in {@link #planned}. */
    public static String stepKey(String releaseKey, String activityId) {
        return releaseKey + "/" + activityId;
    }
}
