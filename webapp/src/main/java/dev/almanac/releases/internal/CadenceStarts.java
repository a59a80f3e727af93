package dev.almanac.releases.internal;

import dev.almanac.planning.CadenceReleases;
import dev.almanac.planning.Lane;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.ReleaseRejected;
import dev.almanac.releases.Releases;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** Cadences start their releases through the ordinary release plan, as the account "cadence". */
@Component
class CadenceStarts implements CadenceReleases {

    private final Releases releases;

    private final ReleaseQueries releaseQueries;

    CadenceStarts(Releases releases, ReleaseQueries releaseQueries) {
        this.releases = releases;
        this.releaseQueries = releaseQueries;
    }

    @Override
    public boolean isPlanned(String releaseKey) {
        return releaseQueries.plannedRelease(releaseKey).isPresent();
    }

    @Override
    public void plan(ModelInfoForCadence model, String version, Lane lane, LocalDate targetDate) {
        try {
            releases.plan(
                    new NewRelease(
                            model.key(),
                            version,
                            lane,
                            model.riskTier(),
                            model.ownerTeam(),
                            targetDate,
                            ""),
                    "cadence");
        } catch (ReleaseRejected rejected) {
            throw new Refused(rejected.getMessage(), rejected);
        }
    }
}
