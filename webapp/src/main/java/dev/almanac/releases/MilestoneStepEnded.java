package dev.almanac.releases;

/**
 * A milestone step of a release ended in the engine; releases that depend on it may go on once this
 * commits.
 */
public record MilestoneStepEnded(String releaseKey, String activityId) {}
