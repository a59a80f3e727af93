package dev.almanac.dependencies;

/** What a release relies on from another. */
public enum DependencyKind {
    DATA_FEED,
    FEATURE_STORE,
    INFRASTRUCTURE,
    MONITORING,
    OTHER
}
