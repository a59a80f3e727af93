package dev.almanac.dependencies;

/** A step of a release ended in the engine; releases that depend on it may go on once this commits. */
record UpstreamStepEnded(String releaseKey, String activityId) {
}
