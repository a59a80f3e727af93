package dev.almanac.schedule;

import dev.almanac.projection.ProjectedRelease;
import dev.almanac.projection.ProjectedStep;
import dev.almanac.projection.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A release's projected steps grouped into the milestones the BPMN names (data readiness, training,
 * ...).
 */
public final class Milestones {

    /** One milestone of one release: projected, actual and simulated dates. */
    public record Milestone(
            String name,
            StepStatus status,
            Instant start,
            Instant end,
            Instant actualStart,
            Instant actualEnd,
            Instant p50End,
            Instant p90End,
            boolean overdue,
            String heldBy,
            List<ProjectedStep> steps) {

        public String state() {
            return overdue ? "overdue" : status.name().toLowerCase();
        }
    }

    private Milestones() {}

    public static List<Milestone> of(ProjectedRelease release) {
        Map<String, List<ProjectedStep>> grouped = new LinkedHashMap<>();
        for (ProjectedStep step : release.steps()) {
            if (step.milestone() != null) {
                grouped.computeIfAbsent(step.milestone(), k -> new ArrayList<>()).add(step);
            }
        }
        List<Milestone> result = new ArrayList<>();
        grouped.forEach(
                (name, steps) -> {
                    Instant start = null;
                    Instant end = null;
                    Instant actualStart = null;
                    Instant actualEnd = null;
                    Instant p50 = null;
                    Instant p90 = null;
                    boolean overdue = false;
                    boolean allDone = true;
                    boolean anyActive = false;
                    String heldBy = null;
                    for (ProjectedStep step : steps) {
                        start = min(start, step.start());
                        end = max(end, step.end());
                        actualStart = min(actualStart, step.actualStart());
                        actualEnd = max(actualEnd, step.actualEnd());
                        p50 = max(p50, step.p50End());
                        p90 = max(p90, step.p90End());
                        overdue |= step.overdue();
                        allDone &= step.status() == StepStatus.DONE;
                        anyActive |= step.status() == StepStatus.ACTIVE;
                        heldBy = heldBy == null ? step.heldBy() : heldBy;
                    }
                    StepStatus status =
                            allDone
                                    ? StepStatus.DONE
                                    : anyActive ? StepStatus.ACTIVE : StepStatus.PLANNED;
                    result.add(
                            new Milestone(
                                    name,
                                    status,
                                    start,
                                    end,
                                    actualStart,
                                    allDone ? actualEnd : null,
                                    p50,
                                    p90,
                                    overdue,
                                    heldBy,
                                    steps));
                });
        return result;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
