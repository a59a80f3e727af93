package dev.almanac.workers;

import static dev.almanac.processes.ModelRelease.Variables.DEPLOYMENT_ID;
import static dev.almanac.processes.ModelRelease.Variables.MODEL;
import static dev.almanac.processes.ModelRelease.Variables.MODEL_URI;

import dev.almanac.processes.ModelRelease;
import dev.almanac.workers.integrations.Integrations;
import dev.almanac.workers.integrations.MlflowRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Deploys the release the way its model is configured: post it to a deploy webhook (a CD pipeline
 * or serving platform), or point the MLflow registered model's alias at its version.
 */
public class DeployStep implements ReleaseStep {

    /**
     * A release can name its MLflow model version explicitly when its modelUri is not
     * models:/name/version.
     */
    public static final String MLFLOW_MODEL_VERSION = "mlflowModelVersion";

    private final Integrations integrations;
    private final Clock clock;

    private final Outbound outbound;

    public DeployStep(Integrations integrations, Clock clock, Outbound outbound) {
        this.outbound = outbound;
        this.integrations = integrations;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return ModelRelease.Topics.DEPLOY;
    }

    @Override
    public Outcome run(Work work) throws Exception {
        String model = work.string(MODEL);
        Integrations.Deploy deploy = integrations.deployFor(model);
        if (deploy.mlflow()) {
            var version =
                    MlflowRegistry.ModelVersion.of(
                            work.string(MODEL_URI),
                            deploy.registeredModel() == null ? model : deploy.registeredModel(),
                            work.variables().get(MLFLOW_MODEL_VERSION));
            String alias = deploy.alias() == null ? "production" : deploy.alias();
            new MlflowRegistry(
                            deploy.mlflowUri(),
                            deploy.mlflowToken(),
                            Duration.ofSeconds(10),
                            outbound)
                    .setAlias(version, alias);
            return new Completed(
                    Map.of(
                            DEPLOYMENT_ID,
                            "mlflow:" + version.name() + "@" + alias + "=v" + version.version()));
        }
        Map<String, Object> answer =
                deploy.webhook().webhook(clock, outbound).post(ReleasePayload.of("deploy", work));
        return new Completed(
                Map.of(DEPLOYMENT_ID, String.valueOf(answer.getOrDefault("deploymentId", ""))));
    }
}
