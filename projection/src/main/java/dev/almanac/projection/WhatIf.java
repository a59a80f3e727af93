package dev.almanac.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A what-if is the same projection over an edited snapshot. This holds the edits that need the
 * current projection (delaying a release) and the diff of two schedules of the same releases.
 */
public final class WhatIf {

    private WhatIf() {}

    /** A milestone of one release that moves. */
    public record Shift(String releaseKey, String milestone, Instant before, Instant after) {

        public Duration by() {
            return Duration.between(before, after);
        }
    }

    /** A release whose deploy or milestones move, with its target for "now misses its target". */
    public record Moved(
            String releaseKey,
            Instant deployBefore,
            Instant deployAfter,
            Instant target,
            List<Shift> milestones) {

        public Duration by() {
            return deployBefore == null || deployAfter == null
                    ? Duration.ZERO
                    : Duration.between(deployBefore, deployAfter);
        }

        public boolean nowMissesTarget() {
            return target != null
                    && deployAfter != null
                    && deployAfter.isAfter(target)
                    && (deployBefore == null || !deployBefore.isAfter(target));
        }

        public boolean nowMeetsTarget() {
            return target != null
                    && deployBefore != null
                    && deployBefore.isAfter(target)
                    && deployAfter != null
                    && !deployAfter.isAfter(target);
        }
    }

    /**
     * The snapshot with one release delayed: each of its active steps ends {@code by} later than it
     * is due, or than {@code current} projects it when the engine keeps no due date. Steps still to
     * come follow by themselves; so do the releases that depend on it.
     */
    public static Snapshot delay(
            Snapshot snapshot, Schedule current, String releaseKey, Duration by) {
        List<ReleaseState> releases = new ArrayList<>(snapshot.releases());
        for (int i = 0; i < releases.size(); i++) {
            ReleaseState r = releases.get(i);
            if (r.key().equals(releaseKey)) {
                releases.set(
                        i,
                        new ReleaseState(
                                r.key(),
                                r.procedureId(),
                                r.productLine(),
                                r.model(),
                                r.team(),
                                r.lane(),
                                r.status(),
                                r.start(),
                                r.target(),
                                delayedSteps(r, current, by)));
            }
        }
        return snapshot.withReleases(releases);
    }

    /** The release's steps with each active one due {@code by} later than now. */
    public static Map<String, StepState> delayedSteps(
            ReleaseState release, Schedule current, Duration by) {
        Map<String, StepState> steps = new HashMap<>(release.steps());
        ProjectedRelease projected =
                current.releases().stream()
                        .filter(p -> p.key().equals(release.key()))
                        .findFirst()
                        .orElse(null);
        for (StepState s : release.steps().values()) {
            if (s.active()) {
                Instant due = s.due();
                if (due == null) {
                    due =
                            projected == null
                                    ? current.now()
                                    : projected.steps().stream()
                                            .filter(p -> p.activityId().equals(s.activityId()))
                                            .map(ProjectedStep::end)
                                            .findFirst()
                                            .orElse(current.now());
                }
                steps.put(
                        s.activityId(),
                        new StepState(s.activityId(), s.actualStart(), null, due.plus(by)));
            }
        }
        return steps;
    }

    /**
     * The releases whose milestones or deploy move from {@code before} to {@code after}, the
     * largest deploy shift first.
     */
    public static List<Moved> diff(Snapshot snapshot, Schedule before, Schedule after) {
        Map<String, ProjectedRelease> afterByKey = new HashMap<>();
        after.releases().forEach(r -> afterByKey.put(r.key(), r));
        Map<String, Instant> targets = new HashMap<>();
        snapshot.releases()
                .forEach(
                        r -> {
                            if (r.target() != null) {
                                targets.put(r.key(), r.target());
                            }
                        });
        List<Moved> moved = new ArrayList<>();
        for (ProjectedRelease b : before.releases()) {
            ProjectedRelease a = afterByKey.get(b.key());
            if (a == null) {
                continue;
            }
            Map<String, Instant> endsBefore = milestoneEnds(b);
            Map<String, Instant> endsAfter = milestoneEnds(a);
            List<Shift> shifts = new ArrayList<>();
            endsBefore.forEach(
                    (milestone, end) -> {
                        Instant other = endsAfter.get(milestone);
                        if (other != null && !other.equals(end)) {
                            shifts.add(new Shift(b.key(), milestone, end, other));
                        }
                    });
            boolean deployMoved =
                    b.targetEnd() != null
                            && a.targetEnd() != null
                            && !b.targetEnd().equals(a.targetEnd());
            if (!shifts.isEmpty() || deployMoved) {
                moved.add(
                        new Moved(
                                b.key(),
                                b.targetEnd(),
                                a.targetEnd(),
                                targets.get(b.key()),
                                shifts));
            }
        }
        moved.sort((x, y) -> y.by().compareTo(x.by()));
        return moved;
    }

    private static Map<String, Instant> milestoneEnds(ProjectedRelease release) {
        Map<String, Instant> ends = new LinkedHashMap<>();
        for (ProjectedStep step : release.steps()) {
            if (step.milestone() != null
                    && step.status() != StepStatus.DONE
                    && step.end() != null) {
                ends.merge(step.milestone(), step.end(), (x, y) -> x.isAfter(y) ? x : y);
            }
        }
        return ends;
    }
}
