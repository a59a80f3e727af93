package dev.almanac.planning;

/** A window was added, changed or removed: deploy timers waiting for a window may have to move. */
public record WindowsChanged(Long windowId) implements dev.almanac.operations.PlanChange {}
