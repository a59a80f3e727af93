package dev.almanac.automation.internal;

import dev.almanac.workers.DataReadinessStep;
import dev.almanac.workers.DeployStep;
import dev.almanac.workers.JsonHttp;
import dev.almanac.workers.PostDeployCheckStep;
import dev.almanac.workers.ProductionBaseline;
import dev.almanac.workers.ReleaseStep;
import dev.almanac.workers.TrainingTriggerStep;
import dev.almanac.workers.ValidationMetricsStep;
import dev.almanac.workers.integrations.Integrations;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.operaton.bpm.engine.ExternalTaskService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

    /**
     * Where each model's training and deploy go ({@code almanac.integrations.models.<model>.*});
     * models without their own use the webhooks in {@code almanac.workers.*}.
     */
    @Bean
    Integrations integrations(Environment environment, WorkerProperties properties) {
        String secret = environment.getProperty("almanac.integrations.webhook-secret");
        var training =
                new Integrations.Hook(
                        properties.trainingWebhook(), null, secret, properties.httpTimeout());
        var deploy =
                new Integrations.Deploy(
                        "webhook",
                        new Integrations.Hook(
                                properties.deployWebhook(), null, secret, properties.httpTimeout()),
                        null,
                        null,
                        null,
                        null);
        Map<String, Integrations.Target> models =
                Binder.get(environment)
                        .bind(
                                "almanac.integrations.models",
                                Bindable.mapOf(String.class, Integrations.Target.class))
                        .orElse(Map.of());
        return new Integrations(new Integrations.Target(training, deploy), models);
    }

    /**
     * Where Almanac may call out to ({@code almanac.outbound.allowed-hosts}): data feed checks,
     * training and deploy webhooks, MLflow, notice webhooks. Empty: nowhere.
     */
    @Bean
    dev.almanac.workers.Outbound outbound(Environment environment) {
        return dev.almanac.workers.Outbound.allowing(
                environment.getProperty("almanac.outbound.allowed-hosts", ""));
    }

    @Bean
    List<ReleaseStep> releaseSteps(
            WorkerProperties properties,
            ProductionBaseline baseline,
            Integrations integrations,
            Clock clock,
            dev.almanac.workers.Outbound outbound) {
        JsonHttp http = new JsonHttp(properties.httpTimeout(), outbound);
        return List.of(
                new DataReadinessStep(http, properties.dataFeedCatalogUrl()),
                new TrainingTriggerStep(integrations, clock, outbound),
                new ValidationMetricsStep(baseline),
                new DeployStep(integrations, clock, outbound),
                new PostDeployCheckStep(http, properties.healthMetricUrl()));
    }

    @Bean
    @ConditionalOnProperty(
            name = "almanac.workers.enabled",
            havingValue = "true",
            matchIfMissing = true)
    EmbeddedWorkers embeddedWorkers(
            ExternalTaskService externalTasks,
            List<ReleaseStep> releaseSteps,
            WorkerProperties properties) {
        return new EmbeddedWorkers(externalTasks, releaseSteps, properties);
    }
}
