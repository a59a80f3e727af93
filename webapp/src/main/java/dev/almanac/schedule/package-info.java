/**
 * Schedule: reads a snapshot of engine state, plans and history, keeps the current projection
 * ({@link dev.almanac.schedule.ReleaseCalendar}) and records slips. Every view consumes it.
 */
@ApplicationModule(
        displayName = "Schedule",
        allowedDependencies = {"operations", "planning", "releases"})
package dev.almanac.schedule;

import org.springframework.modulith.ApplicationModule;
