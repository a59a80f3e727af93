package dev.almanac.releases.internal;

import dev.almanac.workers.ProductionBaseline;
import java.util.OptionalDouble;
import org.springframework.stereotype.Component;

/**
 * The production model is the latest release of the same model that deployed and stayed healthy.
 */
@Component
class ProductionBaselineFromHistory implements ProductionBaseline {

    private final ReleaseProcess process;
    private final ReleaseStandings standings;

    ProductionBaselineFromHistory(ReleaseProcess process, ReleaseStandings standings) {
        this.process = process;
        this.standings = standings;
    }

    @Override
    public OptionalDouble accuracyOf(String model, String excludingReleaseKey) {
        return standings.accuracyOfLatestDeployed(model, excludingReleaseKey);
    }
}
