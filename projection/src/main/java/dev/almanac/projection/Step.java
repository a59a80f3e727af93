package dev.almanac.projection;

import java.time.Duration;
import java.util.List;

/**
 * One activity of a procedure as the calendar sees it.
 *
 * @param activityId the BPMN activity id
 * @param name its name, for people
 * @param milestone the milestone it belongs to (data readiness, training, ...), from the BPMN
 * @param planned its planned duration, from the BPMN {@code plannedDuration} property
 * @param kind how its end is projected
 * @param after the activities that must end before it starts, on the expected path
 * @param expected whether it lies on the expected path (false for detours such as escalations); a
 *     detour's {@code after} is empty and its {@code rejoins} names where it returns
 * @param rejoins for a detour, the expected-path activity that follows it; null otherwise
 */
public record Step(
        String activityId,
        String name,
        String milestone,
        Duration planned,
        StepKind kind,
        List<String> after,
        boolean expected,
        String rejoins) {

    public Step {
        after = List.copyOf(after);
    }

    /** An expected-path step. */
    public static Step of(
            String activityId, String milestone, Duration planned, StepKind kind, String... after) {
        return new Step(
                activityId, activityId, milestone, planned, kind, List.of(after), true, null);
    }
}
