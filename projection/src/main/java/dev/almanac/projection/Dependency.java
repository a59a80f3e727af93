package dev.almanac.projection;

import java.time.Duration;

/**
 * An edge of the one graph across all releases: {@code toRelease}'s {@code toActivity} starts no
 * earlier than {@code lag} after {@code fromRelease}'s {@code fromActivity} ends.
 */
public record Dependency(
        String fromRelease,
        String fromActivity,
        String toRelease,
        String toActivity,
        Duration lag) {}
