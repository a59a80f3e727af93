package dev.almanac.projection;

/** What a window means for deploys. */
public enum WindowKind {
    /** Deploys are allowed inside it (where any release window applies, deploys wait for one). */
    RELEASE,
    /** No deploys inside it (blackout). */
    FREEZE,
    /** Capacity held for exploratory runs and A/B tests; shown, not a deploy rule. */
    EXPERIMENTATION
}
