package dev.almanac.releases;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Where a release stands in its procedure, as the engine sees it now. */
public record ReleaseProgress(
        Status status, String outcome, List<CurrentStep> steps, int incidents, Instant endedAt) {

    public enum Status {
        NOT_STARTED,
        ACTIVE,
        ENDED
    }

    public static final ReleaseProgress NOT_STARTED =
            new ReleaseProgress(Status.NOT_STARTED, null, List.of(), 0, null);

    /** The earliest due date among the open steps, if any is due. */
    public Instant nextDue() {
        return steps.stream()
                .map(CurrentStep::due)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    /**
     * One open step and what it waits for.
     *
     * @param waitingFor a sentence for people: "risk-officers", "message data-ready", "worker
     *     (topic deploy)", "timer"
     * @param due task due date, timer due date or escalation deadline; null when there is none
     * @param taskId the user task, for a link to Tasklist; null for other steps
     */
    public record CurrentStep(
            String activityId,
            String name,
            Kind kind,
            String waitingFor,
            Instant due,
            Instant since,
            String taskId) {}

    public enum Kind {
        USER_TASK,
        MESSAGE,
        WORKER,
        TIMER,
        OTHER
    }
}
