/**
 * Capacity: resource bookings from projected steps, contention and conflicts, levelling suggestions
 * and the utilisation views.
 */
@ApplicationModule(
        displayName = "Capacity",
        allowedDependencies = {"operations", "identity", "planning", "releases", "schedule"})
package dev.almanac.capacity;

import org.springframework.modulith.ApplicationModule;
