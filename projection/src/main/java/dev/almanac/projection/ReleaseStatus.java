package dev.almanac.projection;

/** Where a release stands as a whole. */
public enum ReleaseStatus {
    /**
     * Not started yet: a cadence's future occurrence or a planned release; it starts at its planned
     * start.
     */
    PLANNED,
    /** Running in the engine. */
    ACTIVE,
    /** Finished its procedure. */
    COMPLETED,
    /** Ended without deploying (halted, rejected, declined). */
    STOPPED
}
