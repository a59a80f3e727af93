package dev.almanac.dependencies;

/** A milestone step of a release ended in the engine; releases that depend on it may go on once this commits. */
public record UpstreamStepEnded(String releaseKey, String activityId) {
}
