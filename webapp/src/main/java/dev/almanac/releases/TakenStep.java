package dev.almanac.releases;

import java.time.Instant;

/** A step the release has been through (or is in), from the engine's history. */
public record TakenStep(
        String activityId,
        String name,
        String type,
        Instant started,
        Instant ended,
        String completedBy) {}
