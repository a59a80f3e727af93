package dev.almanac.projection;

/** Where a projected duration came from. */
public enum DurationSource {
    /** The step is done or active; its dates are the engine's. */
    ACTUAL,
    /** The BPMN's planned duration. */
    PLANNED,
    /** Learned from finished releases of the same activity across product lines. */
    LEARNED,
    /** Learned from finished releases of the same activity in the release's own product line. */
    LEARNED_PRODUCT_LINE
}
