package dev.almanac.workers.integrations;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where each model's automated steps go: a default and per-model overrides. The app binds it from
 * {@code almanac.integrations.*}; standalone workers read the same shape from a JSON file.
 *
 * @param training the webhook that starts training
 * @param deploy how to deploy: a webhook, or MLflow (set an alias on the registered model version)
 */
public record Integrations(Target defaults, Map<String, Target> models) {

    public record Target(Hook training, Deploy deploy) {}

    public record Hook(URI url, String template, String secret, Duration timeout) {

        public Webhook webhook(java.time.Clock clock, dev.almanac.workers.Outbound outbound) {
            return new Webhook(
                    url,
                    template,
                    secret,
                    timeout == null ? Duration.ofSeconds(10) : timeout,
                    clock,
                    outbound);
        }
    }

    public record Deploy(
            String type,
            Hook webhook,
            URI mlflowUri,
            String mlflowToken,
            String registeredModel,
            String alias) {

        public boolean mlflow() {
            return "mlflow".equalsIgnoreCase(type);
        }
    }

    /** The training hook for a model: its own, else the default. */
    public Hook trainingFor(String model) {
        Target own = models == null ? null : models.get(model);
        return own != null && own.training() != null ? own.training() : defaults.training();
    }

    /** The deploy target for a model: its own, else the default. */
    public Deploy deployFor(String model) {
        Target own = models == null ? null : models.get(model);
        return own != null && own.deploy() != null ? own.deploy() : defaults.deploy();
    }
}
