package dev.almanac.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * A milestone's projected end moved beyond the threshold, or past its release's target date.
 *
 * @param releaseKey the release
 * @param milestone the milestone (Training, Deploy, ...)
 * @param previousEnd its projected end before
 * @param projectedEnd its projected end now
 * @param target the release's target (end of its target date), or null
 * @param pastTarget whether it now ends after the target while it did not before
 * @param cause what moved it, for people: an upstream release's step, an overdue step, a window, a
 *     decision
 */
public record MilestoneSlipped(
        String releaseKey,
        String milestone,
        Instant previousEnd,
        Instant projectedEnd,
        Instant target,
        boolean pastTarget,
        String cause) {

    public Duration by() {
        return Duration.between(previousEnd, projectedEnd);
    }
}
