package dev.almanac.projection;

/** A projected step's state. */
public enum StepStatus {
    DONE,
    ACTIVE,
    PLANNED
}
