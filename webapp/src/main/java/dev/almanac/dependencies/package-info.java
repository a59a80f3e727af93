/**
 * Dependencies between releases: recorded here, gating upstream waits in the procedure, handed to
 * the schedule through {@link dev.almanac.schedule.DependencyEdges}, and shown on the release page,
 * the graph and the at-risk list.
 */
@ApplicationModule(
        displayName = "Dependencies",
        allowedDependencies = {
            "operations",
            "governance",
            "identity",
            "pipelines",
            "planning",
            "releases",
            "schedule"
        })
package dev.almanac.dependencies;

import org.springframework.modulith.ApplicationModule;
