/**
 * Calendar: the timeline, month grid and portfolio pages, the calendar JSON API and the ICS feeds,
 * all drawn from the schedule.
 */
@ApplicationModule(
        displayName = "Calendar",
        allowedDependencies = {"operations", "identity", "planning", "releases", "schedule"})
package dev.almanac.calendar;

import org.springframework.modulith.ApplicationModule;
