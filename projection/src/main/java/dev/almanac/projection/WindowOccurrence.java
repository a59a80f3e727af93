package dev.almanac.projection;

import java.time.Instant;

/** One occurrence of a window rule. */
public record WindowOccurrence(WindowRule rule, Instant start, Instant end) {}
