package dev.almanac.planning;

/** A resource, its demand, a reserve or an override changed: bookings and conflicts move. */
public record ResourcesChanged(String resource) implements dev.almanac.operations.PlanChange {}
