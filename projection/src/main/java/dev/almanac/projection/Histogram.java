package dev.almanac.projection;

import java.time.Duration;
import java.time.Instant;

/** Simulated end dates of a release's target activity, in equal bins from {@code from}. */
public record Histogram(Instant from, Duration binWidth, int[] counts) {

    /** How many samples the bins hold. */
    public int total() {
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        return total;
    }

    /** Where bin {@code i} starts. */
    public Instant binStart(int i) {
        return from.plus(binWidth.multipliedBy(i));
    }
}
