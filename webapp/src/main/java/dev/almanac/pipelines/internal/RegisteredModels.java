package dev.almanac.pipelines.internal;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Which registered model (MLflow) a model's releases deploy to: the configured {@code
 * almanac.integrations.models.<model>.deploy.registered-model}, else the model's own key. The
 * deploy target comes from this configuration only, never from what an event says.
 */
@Component
public class RegisteredModels {

    private final Environment environment;

    RegisteredModels(Environment environment) {
        this.environment = environment;
    }

    public String of(String model) {
        String configured =
                environment.getProperty(
                        "almanac.integrations.models." + model + ".deploy.registered-model");
        return configured == null || configured.isBlank() ? model : configured.trim();
    }
}
