package dev.almanac.workers;

import java.util.OptionalDouble;

/** The accuracy of the model version now in production, which a candidate is compared with. */
public interface ProductionBaseline {

    OptionalDouble accuracyOf(String model, String excludingReleaseKey);
}
