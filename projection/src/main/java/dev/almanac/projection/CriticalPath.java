package dev.almanac.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chain of steps, across releases, that sets when a step ends: walking back from it, each step
 * is followed to the predecessor (in its own release, or upstream through a dependency) whose end
 * fixed its start. The walk stops at a step that only waited for "now" or its release's start, or
 * at a step already done.
 */
public final class CriticalPath {

    /**
     * One step of the chain.
     *
     * @param releaseKey the release
     * @param step its projected step
     * @param via how this link leads to the next one: "dependency" (through an edge between
     *     releases), "procedure" (the release's own order), or null for the last link
     */
    public record Link(String releaseKey, ProjectedStep step, String via) {}

    private CriticalPath() {}

    /**
     * The chain that ends at {@code releaseKey}'s target step, earliest first; empty if the release
     * is unknown.
     */
    public static List<Link> toTarget(Snapshot snapshot, Schedule schedule, String releaseKey) {
        ReleaseState release =
                snapshot.releases().stream()
                        .filter(r -> r.key().equals(releaseKey))
                        .findFirst()
                        .orElse(null);
        Procedure procedure =
                release == null ? null : snapshot.procedures().get(release.procedureId());
        if (procedure == null || procedure.targetActivity() == null) {
            return List.of();
        }
        return to(snapshot, schedule, releaseKey, procedure.targetActivity());
    }

    /** The chain that ends at the given step, earliest first. */
    public static List<Link> to(
            Snapshot snapshot, Schedule schedule, String releaseKey, String activityId) {
        Map<String, ReleaseState> releases = new HashMap<>();
        snapshot.releases().forEach(r -> releases.put(r.key(), r));
        Map<String, Map<String, ProjectedStep>> projected = new HashMap<>();
        for (ProjectedRelease r : schedule.releases()) {
            Map<String, ProjectedStep> steps = new HashMap<>();
            r.steps().forEach(s -> steps.put(s.activityId(), s));
            projected.put(r.key(), steps);
        }
        Map<String, List<Dependency>> into = new HashMap<>();
        snapshot.dependencies()
                .forEach(
                        d ->
                                into.computeIfAbsent(
                                                d.toRelease() + '\u0000' + d.toActivity(),
                                                k -> new ArrayList<>())
                                        .add(d));

        List<Link> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String key = releaseKey;
        String activity = activityId;
        String via = null;
        while (key != null && seen.add(key + '\u0000' + activity)) {
            ProjectedStep step = projected.getOrDefault(key, Map.of()).get(activity);
            ReleaseState release = releases.get(key);
            if (step == null || release == null) {
                break;
            }
            chain.add(new Link(key, step, via));
            if (step.status() == StepStatus.DONE) {
                break;
            }
            Procedure procedure = snapshot.procedures().get(release.procedureId());
            Step spec =
                    procedure == null
                            ? null
                            : procedure.steps().stream()
                                    .filter(s -> s.activityId().equals(step.activityId()))
                                    .findFirst()
                                    .orElse(null);
            String nextKey = null;
            String nextActivity = null;
            long binding = Long.MIN_VALUE;
            if (spec != null) {
                for (String before : spec.after()) {
                    ProjectedStep p = projected.get(key).get(before);
                    if (p != null && p.end() != null && p.end().getEpochSecond() > binding) {
                        binding = p.end().getEpochSecond();
                        nextKey = key;
                        nextActivity = before;
                        via = "procedure";
                    }
                }
            }
            for (Dependency d : into.getOrDefault(key + '\u0000' + activity, List.of())) {
                ProjectedStep p =
                        projected.getOrDefault(d.fromRelease(), Map.of()).get(d.fromActivity());
                if (p != null
                        && p.end() != null
                        && p.end().plus(d.lag()).getEpochSecond() > binding) {
                    binding = p.end().plus(d.lag()).getEpochSecond();
                    nextKey = d.fromRelease();
                    nextActivity = d.fromActivity();
                    via = "dependency";
                }
            }
            Instant start = step.start();
            if (nextKey == null
                    || (step.status() == StepStatus.PLANNED
                            && start != null
                            && binding < start.getEpochSecond())) {
                break; // it waited for nothing but now or its release's start
            }
            key = nextKey;
            activity = nextActivity;
        }
        Collections.reverse(chain); // each link's "via" is how it leads to the next one
        return chain;
    }
}
