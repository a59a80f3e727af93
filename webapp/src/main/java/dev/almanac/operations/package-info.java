/**
 * Operations: what running Almanac as several nodes on one database needs. Scheduled jobs take a
 * lock in the database so each runs once per period across the cluster ({@link JobLocks}); work
 * that follows a commit runs after the request has given its connection back ({@link FollowUps}); a
 * node that is saturated answers 503 with {@code Retry-After} at once instead of letting requests
 * queue for a connection ({@link LoadShedding}); a version row tells every node that plans,
 * windows, dependencies or resources changed ({@link ChangeVersion}).
 */
@ApplicationModule(
        displayName = "Operations",
        allowedDependencies = {})
package dev.almanac.operations;

import org.springframework.modulith.ApplicationModule;
