package dev.almanac.releases.internal;

import dev.almanac.workers.ProductionBaseline;
import java.util.OptionalDouble;
import org.springframework.stereotype.Component;

/** The production model is the latest release of the same model that deployed and stayed healthy. */
@Component
class ProductionBaselineFromHistory implements ProductionBaseline {

    private final ReleaseProcess process;

    ProductionBaselineFromHistory(ReleaseProcess process) {
        this.process = process;
    }

    @Override
    public OptionalDouble accuracyOf(String model, String excludingReleaseKey) {
        return process.accuracyOfLatestDeployed(model, excludingReleaseKey);
    }
}
