package dev.almanac.projection;

/**
 * {@code Snapshot -> Schedule}: the longest-path projection over one graph of all releases' steps,
 * with windows, overdue pushes, learned durations and, when asked, Monte Carlo confidence.
 */
public final class Projector {

    private Projector() {
    }

    /** The deterministic projection: median durations, no sampling. */
    public static Schedule project(Snapshot snapshot) {
        throw new UnsupportedOperationException("built by the calendar issue");
    }

    /** The deterministic projection plus P50/P90 per step and the on-target probability from {@code samples} runs. */
    public static Schedule simulate(Snapshot snapshot, int samples, long seed) {
        throw new UnsupportedOperationException("built by the calendar issue");
    }
}
