/**
 * Identity: people and teams (the engine's accounts and groups, behind {@link
 * dev.almanac.identity.People}), sign-in, and the policy of who may do what ({@link
 * dev.almanac.identity.AccessPolicy}).
 */
@ApplicationModule(
        displayName = "Identity",
        allowedDependencies = {"operations"})
package dev.almanac.identity;

import org.springframework.modulith.ApplicationModule;
