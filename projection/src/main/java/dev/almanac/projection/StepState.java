package dev.almanac.projection;

import java.time.Instant;

/**
 * What the engine knows of one activity of one release: the latest time it ran.
 *
 * @param activityId the BPMN activity id
 * @param actualStart when it started, or null if it has not
 * @param actualEnd when it ended, or null if it is active (or has not started)
 * @param due for an active step, when the engine expects it to end: the timer's due date or the
 *     task's due date; null if unknown
 */
public record StepState(String activityId, Instant actualStart, Instant actualEnd, Instant due) {

    public boolean active() {
        return actualStart != null && actualEnd == null;
    }
}
