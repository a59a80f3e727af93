package dev.almanac.releases;

/**
 * A release was planned, replanned or cancelled: views of the calendar should not wait for their
 * next refresh.
 */
public record ReleasePlanChanged(String releaseKey) implements dev.almanac.operations.PlanChange {}
