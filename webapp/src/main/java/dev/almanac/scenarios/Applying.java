package dev.almanac.scenarios;

import dev.almanac.dependencies.Dependencies;
import dev.almanac.planning.Resources;
import dev.almanac.planning.Windows;
import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.Schedule;
import dev.almanac.releases.Releases;
import java.time.ZoneId;
import java.util.Map;

/**
 * What a change needs to be made for real, inside the one transaction that applies its scenario:
 * the services that move engine dates and write our tables, and the plan it was checked against.
 *
 * @param releasesByKey the releases as they stood when the scenario was applied
 * @param before their projected schedule then, which delays start from
 * @param scenario the scenario's name, and {@code why} it was applied, for what the change records
 * @param by who applies it
 */
record Applying(
        Releases releases,
        Windows windows,
        Dependencies dependencies,
        Resources resources,
        ZoneId zone,
        Map<String, ReleaseState> releasesByKey,
        Schedule before,
        String scenario,
        String why,
        String by) {

    ReleaseState release(String key) {
        return releasesByKey.get(key);
    }
}
