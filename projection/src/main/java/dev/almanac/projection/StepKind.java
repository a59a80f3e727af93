package dev.almanac.projection;

/** How the projector finds when a step ends. */
public enum StepKind {
    /** Work that takes its (planned or learned) duration. */
    WORK,
    /** Waits until the release's next open release window: not in a freeze, inside a release window if any apply. */
    RELEASE_WINDOW
}
