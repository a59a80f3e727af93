/**
 * Releases: release plans and the release process adapter. The only module that starts, moves and
 * reads release processes in the engine ({@code internal.ReleaseProcess}, {@code
 * internal.ProcedureModels}).
 */
@ApplicationModule(
        displayName = "Releases",
        allowedDependencies = {"operations", "governance", "identity", "planning"})
package dev.almanac.releases;

import org.springframework.modulith.ApplicationModule;
