/**
 * Scenarios: drafting what-ifs, diffing them against the plan, and applying them to the engine with
 * the decision log.
 */
@ApplicationModule(
        displayName = "Scenarios",
        allowedDependencies = {
            "operations",
            "capacity",
            "dependencies",
            "governance",
            "identity",
            "planning",
            "releases",
            "schedule"
        })
package dev.almanac.scenarios;

import org.springframework.modulith.ApplicationModule;
