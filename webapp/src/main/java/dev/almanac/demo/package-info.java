/** Demo: accounts, plans, releases and a simulated pipeline for the {@code demo} profile. */
@ApplicationModule(
        displayName = "Demo",
        allowedDependencies = {
            "operations",
            "communications",
            "communications :: stakeholders",
            "dependencies",
            "identity",
            "planning",
            "releases"
        })
package dev.almanac.demo;

import org.springframework.modulith.ApplicationModule;
