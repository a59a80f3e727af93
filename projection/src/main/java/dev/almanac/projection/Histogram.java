package dev.almanac.projection;

import java.time.Duration;
import java.time.Instant;

/** Simulated end dates of a release's target activity, in equal bins from {@code from}. */
public record Histogram(Instant from, Duration binWidth, int[] counts) {
}
