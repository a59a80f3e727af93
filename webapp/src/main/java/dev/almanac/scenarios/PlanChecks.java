package dev.almanac.scenarios;

import dev.almanac.dependencies.Dependencies;
import dev.almanac.planning.PlanningCatalog;
import dev.almanac.planning.Resources;
import dev.almanac.projection.Capacity;
import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.ReleaseStatus;
import dev.almanac.projection.Snapshot;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Checks a draft change against the plan as it stands, when it is drafted and again when it is
 * applied (the plan may have moved in between). Each kind of change knows its own rules; this gives
 * them the plan and the catalog, dependencies and resources they name.
 */
@Component
class PlanChecks {

    /** The longest a release can be delayed, or a step planned, by one change. */
    static final Duration LONGEST_DELAY = Duration.ofDays(365);

    private final PlanningCatalog catalog;
    private final Dependencies dependencies;
    private final Resources resources;

    PlanChecks(PlanningCatalog catalog, Dependencies dependencies, Resources resources) {
        this.catalog = catalog;
        this.dependencies = dependencies;
        this.resources = resources;
    }

    /**
     * @throws ScenarioRejected naming the field that does not fit the plan
     */
    void check(Scenarios.Change change, Snapshot snapshot) {
        if (change == null) {
            throw new ScenarioRejected("kind", "Choose what to change.");
        }
        change.check(new Against(snapshot));
    }

    /** The plan one change is checked against. */
    final class Against {

        private final Snapshot snapshot;
        private final Map<String, ReleaseState> byKey;

        private Against(Snapshot snapshot) {
            this.snapshot = snapshot;
            this.byKey =
                    snapshot.releases().stream()
                            .collect(Collectors.toMap(ReleaseState::key, r -> r, (a, b) -> a));
        }

        Snapshot snapshot() {
            return snapshot;
        }

        /** The release with this key, whatever its status. */
        ReleaseState release(String key) {
            ReleaseState r = key == null ? null : byKey.get(key);
            if (r == null) {
                throw new ScenarioRejected(
                        "releaseKey", "There is no release '" + nullToEmpty(key) + "'.");
            }
            return r;
        }

        /**
         * The release with this key, which must be running: only a running release has dates to
         * move.
         */
        ReleaseState running(String key) {
            ReleaseState r = release(key);
            if (r.status() != ReleaseStatus.ACTIVE) {
                throw new ScenarioRejected(
                        "releaseKey",
                        "Release "
                                + key
                                + " is not running; only a running release can be delayed or moved.");
            }
            return r;
        }

        boolean hasProductLine(String key) {
            return catalog.productLines().stream().anyMatch(p -> p.key().equals(key));
        }

        boolean hasDependency(long id) {
            return dependencies.find(id).isPresent();
        }

        /**
         * The resource a capacity change or leave is about, and the day it starts from; both must
         * be given.
         */
        Capacity.Resource resourceFrom(String key, LocalDate from) {
            Optional<Capacity.Resource> resource =
                    key == null ? Optional.empty() : resources.find(key);
            if (resource.isEmpty()) {
                throw new ScenarioRejected(
                        "resource", "There is no resource '" + nullToEmpty(key) + "'.");
            }
            if (from == null) {
                throw new ScenarioRejected("from", "Say from which day.");
            }
            return resource.get();
        }
    }

    /**
     * How a drafted value is stored: trimmed, and a blank one as absent. Checks see the values as
     * typed, before this: a release key with spaces around it is not a release.
     */
    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
