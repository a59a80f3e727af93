package dev.almanac.projection;

import java.time.Instant;
import java.util.Map;

/**
 * One release in the snapshot.
 *
 * @param key the release key (the process instance's business key)
 * @param procedureId the {@link Procedure#id()} it follows
 * @param productLine its model's product line (scopes windows and learned durations); may be null
 * @param model its model (scopes windows)
 * @param team its owning team
 * @param lane experimentation, staging or production
 * @param status where it stands
 * @param start when it started, or for a planned one when it will
 * @param target when its target activity should be done at the latest; null if none
 * @param steps the engine's state per activity id
 */
public record ReleaseState(
        String key,
        String procedureId,
        String productLine,
        String model,
        String team,
        String lane,
        ReleaseStatus status,
        Instant start,
        Instant target,
        Map<String, StepState> steps) {

    public ReleaseState {
        steps = Map.copyOf(steps);
    }
}
