package dev.almanac.workers.standalone;

import dev.almanac.workers.DataReadinessStep;
import dev.almanac.workers.DeployStep;
import dev.almanac.workers.JsonHttp;
import dev.almanac.workers.PostDeployCheckStep;
import dev.almanac.workers.ReleaseStep;
import dev.almanac.workers.TrainingTriggerStep;
import dev.almanac.workers.ValidationMetricsStep;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every release step as its own process against one or more Almanac nodes' {@code
 * /engine-rest}. Start as many as you like: fetch-and-lock gives each task to one worker, and a
 * task whose worker dies is fetched again when its lock expires.
 */
public final class StandaloneWorkers {

    private StandaloneWorkers() {}

    public static void main(String[] args) throws InterruptedException {
        // its own logging setup, named so that it never shadows the application's when the workers
        // run in-app
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "almanac-workers-logback.xml");
        }
        Logger log = LoggerFactory.getLogger(StandaloneWorkers.class);
        WorkerSettings settings;
        try {
            settings = WorkerSettings.from(name -> System.getProperty(name, System.getenv(name)));
        } catch (IllegalArgumentException e) {
            System.err.println("almanac-workers: " + e.getMessage());
            System.exit(2);
            return;
        }
        dev.almanac.workers.Outbound outbound = settings.outbound();
        JsonHttp http = new JsonHttp(settings.httpTimeout(), outbound);
        List<ReleaseStep> steps =
                List.of(
                        new DataReadinessStep(http, settings.dataFeedCatalogUrl()),
                        new TrainingTriggerStep(
                                settings.integrations(), java.time.Clock.systemUTC(), outbound),
                        new ValidationMetricsStep(
                                new RestProductionBaseline(
                                        new JsonHttp(
                                                settings.httpTimeout(),
                                                dev.almanac.workers.Outbound.ownServer()),
                                        settings.engineRestUrls().get(0),
                                        settings.user(),
                                        settings.password())),
                        new DeployStep(
                                settings.integrations(), java.time.Clock.systemUTC(), outbound),
                        new PostDeployCheckStep(http, settings.healthMetricUrl()));
        RestWorkerAdapter adapter =
                new RestWorkerAdapter(
                        settings.engineRestUrls(),
                        settings.user(),
                        settings.password(),
                        settings.workerId(),
                        settings.maxTasks(),
                        settings.lockDuration().toMillis(),
                        steps,
                        settings::retryFor);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    adapter.close();
                                    stopped.countDown();
                                },
                                "almanac-worker-shutdown"));
        log.info(
                "Almanac worker {} serving topics {} for {}",
                settings.workerId(),
                steps.stream().map(ReleaseStep::topic).toList(),
                settings.engineRestUrls());
        stopped.await();
    }
}
