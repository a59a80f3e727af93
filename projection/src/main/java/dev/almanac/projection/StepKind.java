package dev.almanac.projection;

/** How the projector finds when a step ends. */
public enum StepKind {
    /** Work that takes its (planned or learned) duration. */
    WORK,
    /**
     * Waits until the release's next open release window: not in a freeze, inside a release window
     * if any apply.
     */
    RELEASE_WINDOW,
    /**
     * Waits for other releases' steps (a dependency gate): it ends when they do, which the edges
     * between releases already project, so while it waits it ends "now" and is never overdue.
     */
    UPSTREAM_WAIT
}
