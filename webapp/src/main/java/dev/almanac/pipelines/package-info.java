/**
 * Pipelines: the {@code /api/v1} pipeline API, its tokens and its event contract (which variables
 * each message may carry).
 */
@ApplicationModule(
        displayName = "Pipelines",
        allowedDependencies = {"operations", "identity", "planning", "releases"})
package dev.almanac.pipelines;

import org.springframework.modulith.ApplicationModule;
