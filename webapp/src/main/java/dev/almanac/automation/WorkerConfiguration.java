package dev.almanac.automation;

import java.util.List;

import org.operaton.bpm.engine.ExternalTaskService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.almanac.workers.DataReadinessStep;
import dev.almanac.workers.DeployStep;
import dev.almanac.workers.JsonHttp;
import dev.almanac.workers.PostDeployCheckStep;
import dev.almanac.workers.ProductionBaseline;
import dev.almanac.workers.ReleaseStep;
import dev.almanac.workers.TrainingTriggerStep;
import dev.almanac.workers.ValidationMetricsStep;

@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

    @Bean
    List<ReleaseStep> releaseSteps(WorkerProperties properties, ProductionBaseline baseline) {
        JsonHttp http = new JsonHttp(properties.httpTimeout());
        return List.of(
                new DataReadinessStep(http, properties.dataFeedCatalogUrl()),
                new TrainingTriggerStep(http, properties.trainingWebhook()),
                new ValidationMetricsStep(baseline),
                new DeployStep(http, properties.deployWebhook()),
                new PostDeployCheckStep(http, properties.healthMetricUrl()));
    }

    @Bean
    @ConditionalOnProperty(name = "almanac.workers.enabled", havingValue = "true", matchIfMissing = true)
    EmbeddedWorkers embeddedWorkers(ExternalTaskService externalTasks, List<ReleaseStep> releaseSteps, WorkerProperties properties) {
        return new EmbeddedWorkers(externalTasks, releaseSteps, properties);
    }
}
