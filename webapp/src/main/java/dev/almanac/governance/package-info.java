/**
 * Governance: the hash-chained, append-only decision log, four-eyes and override rules inside the
 * procedure, and retrospectives that feed the next release.
 */
@ApplicationModule(
        displayName = "Governance",
        allowedDependencies = {"operations", "identity"})
package dev.almanac.governance;

import org.springframework.modulith.ApplicationModule;
