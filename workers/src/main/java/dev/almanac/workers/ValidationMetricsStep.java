package dev.almanac.workers;

import static dev.almanac.processes.ModelRelease.Variables.*;

import dev.almanac.processes.ModelRelease;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Computes the metric deltas the promotion gate decides on: the candidate's accuracy against the
 * model in production. A first release has no baseline and is compared with itself (delta 0).
 */
public class ValidationMetricsStep implements ReleaseStep {

    private final ProductionBaseline baseline;

    public ValidationMetricsStep(ProductionBaseline baseline) {
        this.baseline = baseline;
    }

    @Override
    public String topic() {
        return ModelRelease.Topics.VALIDATION_METRICS;
    }

    @Override
    public Outcome run(Work work) {
        Double accuracy = work.number(ACCURACY);
        if (accuracy == null || work.number(LATENCY_P95_MS) == null) {
            throw new IllegalStateException(
                    "release "
                            + work.releaseKey()
                            + " has no '"
                            + ACCURACY
                            + "' or '"
                            + LATENCY_P95_MS
                            + "' metric: the training-finished message must carry both");
        }
        OptionalDouble production = baseline.accuracyOf(work.string(MODEL), work.releaseKey());
        double reference = production.orElse(accuracy);
        double delta = Math.round((accuracy - reference) * 1_000_000d) / 1_000_000d;
        return new Completed(Map.of(BASELINE_ACCURACY, reference, ACCURACY_DELTA, delta));
    }
}
