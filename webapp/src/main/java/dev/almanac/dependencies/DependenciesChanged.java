package dev.almanac.dependencies;

/** A dependency was added or removed: downstream projections move. */
public record DependenciesChanged(String downstreamRelease)
        implements dev.almanac.operations.PlanChange {}
