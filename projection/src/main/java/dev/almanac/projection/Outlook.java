package dev.almanac.projection;

/** A release against its target date. */
public enum Outlook {
    /** Projected before its target with at least 80 % probability (or no target). */
    ON_TRACK,
    /** Projected before its target, but with less than 80 % probability. */
    AT_RISK,
    /** Projected after its target. */
    LATE,
    /** Completed or stopped. */
    DONE
}
