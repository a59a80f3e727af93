/** Automation: the in-app job workers that fetch and complete the procedure's external tasks. */
@ApplicationModule(
        displayName = "Automation",
        allowedDependencies = {"operations"})
package dev.almanac.automation;

import org.springframework.modulith.ApplicationModule;
