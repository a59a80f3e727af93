/**
 * Communications: stakeholders and preferences ({@code stakeholders}), notices and the outbox
 * dispatcher ({@code notices}), digests ({@code digests}), release notes and planned communications
 * ({@code releasenotes}). Each sub-package has one facade and the controllers of its pages; this
 * package holds the types other modules use.
 */
@ApplicationModule(
        displayName = "Communications",
        allowedDependencies = {
            "operations",
            "capacity",
            "dependencies",
            "governance",
            "identity",
            "pipelines",
            "planning",
            "releases",
            "schedule"
        })
package dev.almanac.communications;

import org.springframework.modulith.ApplicationModule;
