package dev.almanac.planning;

import java.time.LocalDate;

/**
 * How a cadence starts the releases it is due to start. Planning sits below releases in the data
 * flow, so the releases module provides this; a cadence only knows the model, version and target.
 */
public interface CadenceReleases {

    /** Whether a release with this key is planned already (a cadence never starts one twice). */
    boolean isPlanned(String releaseKey);

    /**
     * Plans and starts the release; a refusal is thrown as {@link Refused} and rolls its
     * transaction back.
     */
    void plan(ModelInfoForCadence model, String version, Lane lane, LocalDate targetDate);

    /** The model as the cadence knows it from the catalogue. */
    record ModelInfoForCadence(String key, RiskTier riskTier, String ownerTeam) {}

    /** The release was refused (a bad plan, or the key is taken); the cadence moves on. */
    class Refused extends RuntimeException {
        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
