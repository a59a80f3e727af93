package dev.almanac.projection;

import java.time.Instant;
import java.util.List;

/**
 * Window rules expanded over a horizon, answering "when may this release deploy next". The engine's
 * deploy timer and the projector ask the same question of the same rules.
 */
public final class ReleaseWindows {

    /** Expands every rule's occurrences that overlap {@code [from, to)}. */
    public static ReleaseWindows expand(List<WindowRule> rules, Instant from, Instant to) {
        throw new UnsupportedOperationException("built by the calendar issue");
    }

    /**
     * The earliest instant at or after {@code at} when a release of this product line and model may
     * deploy: outside every applicable freeze and, if any release window applies to it, inside one.
     * Null if there is none before the horizon ends.
     */
    public Instant nextOpen(Instant at, String productLine, String model) {
        throw new UnsupportedOperationException("built by the calendar issue");
    }

    /** Occurrences overlapping {@code [from, to)}, by start. */
    public List<WindowOccurrence> occurrences(Instant from, Instant to) {
        throw new UnsupportedOperationException("built by the calendar issue");
    }

    /** Throws IllegalArgumentException with a sentence for people if the RRULE cannot be read. */
    public static void checkRecurrence(String rrule) {
        throw new UnsupportedOperationException("built by the calendar issue");
    }
}
