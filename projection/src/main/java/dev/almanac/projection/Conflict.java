package dev.almanac.projection;

/**
 * Something the projection could not honour, named for people: a dependency cycle, no open window,
 * an unknown procedure.
 */
public record Conflict(String release, String activityId, String kind, String message) {}
