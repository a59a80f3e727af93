package dev.almanac.projection;

import java.util.Map;

/**
 * Observed durations of finished activities, in seconds: per activity id, then per product line
 * (releases without one are under the empty string). The projector trusts a group once it has
 * {@code minSamples} observations, preferring the product line's own.
 */
public record DurationHistory(
        Map<String, Map<String, long[]>> secondsByActivityAndProductLine, int minSamples) {

    public static final DurationHistory NONE = new DurationHistory(Map.of(), 5);
}
