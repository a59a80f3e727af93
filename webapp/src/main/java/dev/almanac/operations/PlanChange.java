package dev.almanac.operations;

/**
 * An event that changes what the calendar is projected from besides the engine: a release's plan, a
 * window, a cadence, a dependency, a resource or reserve. Publishing one inside the changing
 * transaction moves the {@link ChangeVersion}, so every node drops what it kept.
 */
public interface PlanChange {}
