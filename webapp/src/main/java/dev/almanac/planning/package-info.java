/**
 * Planning: product lines, teams, models, windows (release, freeze, experimentation), cadences and
 * resource definitions: the truth about plans and constraints, below everything that reads them.
 */
@ApplicationModule(
        displayName = "Planning",
        allowedDependencies = {"operations", "governance", "identity"})
package dev.almanac.planning;

import org.springframework.modulith.ApplicationModule;
