package dev.almanac.planning;

/** A cadence was created or changed: the releases it will start move on the calendar. */
public record CadencesChanged(Long cadenceId) implements dev.almanac.operations.PlanChange {}
