package dev.almanac.capacity;

import dev.almanac.projection.Capacity;

/**
 * A resource is newly over-allocated (or a reserve eaten into) over a period: the communications
 * issue turns this into notices.
 */
public record CapacityConflictDetected(Capacity.Conflict conflict) {}
