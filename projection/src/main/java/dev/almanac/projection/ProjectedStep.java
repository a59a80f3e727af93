package dev.almanac.projection;

import java.time.Instant;

/**
 * One step of one release on the calendar.
 *
 * @param activityId the BPMN activity id
 * @param name for people
 * @param milestone the milestone it belongs to
 * @param status done, active or planned
 * @param start projected (or actual) start
 * @param end projected (or actual) end
 * @param actualStart the engine's start, if it started; null for a step a loop will run again (its
 *     older actuals belong to the earlier run)
 * @param actualEnd the engine's end, if it ended; null likewise
 * @param p50End median end over the Monte Carlo samples; equals {@code end} when not simulated
 * @param p90End 90th percentile end; equals {@code end} when not simulated
 * @param source where its duration came from
 * @param overdue active and past its planned or due end, so it pushes its successors
 * @param heldBy what set its start or end beyond its own duration: a window id, or {@code
 *     release-key/activity} of an upstream dependency; null if nothing
 */
public record ProjectedStep(
        String activityId,
        String name,
        String milestone,
        StepStatus status,
        Instant start,
        Instant end,
        Instant actualStart,
        Instant actualEnd,
        Instant p50End,
        Instant p90End,
        DurationSource source,
        boolean overdue,
        String heldBy) {}
