package dev.almanac.automation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.almanac.processes.DefaultReleaseTiming;
import dev.almanac.processes.ModelRelease;
import dev.almanac.processes.ReleaseTiming;
import dev.almanac.workers.ReleaseStep;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.operaton.bpm.engine.runtime.Incident;

/**
 * The in-app worker runner against a real engine of its own, so no other test's releases are in the
 * way.
 */
class EmbeddedWorkersTest {

    static final ProcessEngine engine = engine();
    final ExternalTaskService externalTasks = engine.getExternalTaskService();
    final RuntimeService runtime = engine.getRuntimeService();

    private static ProcessEngine engine() {
        StandaloneInMemProcessEngineConfiguration configuration =
                new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("embeddedWorkersTest");
        configuration.setJdbcUrl("jdbc:h2:mem:embedded-workers-test;DB_CLOSE_DELAY=-1");
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setBeans(
                Map.of(
                        ReleaseTiming.BEAN_NAME,
                        new DefaultReleaseTiming(),
                        dev.almanac.processes.UpstreamReadiness.BEAN_NAME,
                        dev.almanac.processes.UpstreamReadiness.NONE));
        ProcessEngine engine = configuration.buildProcessEngine();
        var deployment =
                engine.getRepositoryService()
                        .createDeployment()
                        .addClasspathResource(ModelRelease.BPMN_RESOURCE);
        for (String dmn : ModelRelease.DMN_RESOURCES) {
            deployment.addClasspathResource(dmn);
        }
        deployment.deploy();
        return engine;
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private EmbeddedWorkers workers(ReleaseStep step, int retries) {
        WorkerProperties properties =
                new WorkerProperties(
                        true,
                        "test-worker",
                        Duration.ofMillis(100),
                        Duration.ofMinutes(1),
                        1,
                        Duration.ofSeconds(1),
                        new WorkerProperties.Retry(retries, Duration.ZERO, Duration.ZERO),
                        Map.of(),
                        "http://unused/{feed}",
                        URI.create("http://unused"),
                        URI.create("http://unused"),
                        "http://unused/{release}");
        return new EmbeddedWorkers(externalTasks, List.of(step), properties);
    }

    interface Behaviour {
        ReleaseStep.Outcome run(ReleaseStep.Work work) throws Exception;
    }

    private static ReleaseStep dataReadiness(Behaviour behaviour) {
        return new ReleaseStep() {
            @Override
            public String topic() {
                return ModelRelease.Topics.DATA_READINESS;
            }

            @Override
            public Outcome run(Work work) throws Exception {
                return behaviour.run(work);
            }
        };
    }

    private String plan(String model) {
        return runtime.startProcessInstanceByKey(
                        ModelRelease.PROCESS_ID,
                        model + "-1",
                        Map.of(
                                "model",
                                model,
                                "dataFeeds",
                                "feed-a",
                                "riskTier",
                                "low",
                                "lane",
                                "staging",
                                "ownerTeam",
                                "fraud-ml"))
                .getId();
    }

    /**
     * Polls as the scheduler would, waiting for each fetched task to finish, until nothing more can
     * be fetched.
     */
    private void drain(EmbeddedWorkers workers) {
        workers.start();
        try {
            for (int i = 0; i < 10; i++) {
                workers.poll();
                await().atMost(Duration.ofSeconds(10)).until(() -> !workers.busy());
            }
        } finally {
            workers.stop();
        }
    }

    @Test
    void technicalFailureIsRetriedThenBecomesAnIncidentWithTheErrorMessage() {
        String instance = plan("flaky-feed-model");
        AtomicInteger tries = new AtomicInteger();
        ReleaseStep failing =
                dataReadiness(
                        work -> {
                            tries.incrementAndGet();
                            throw new IOException("feed catalog answered HTTP 503");
                        });

        drain(workers(failing, 3));

        assertThat(tries).hasValue(3);
        Incident incident =
                runtime.createIncidentQuery().processInstanceId(instance).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getIncidentMessage()).isEqualTo("feed catalog answered HTTP 503");
        assertThat(incident.getActivityId()).isEqualTo("check-data-feeds");

        // once the cause is fixed, "retry" in Cockpit (set retries) lets the worker finish the step
        String taskId =
                externalTasks
                        .createExternalTaskQuery()
                        .processInstanceId(instance)
                        .singleResult()
                        .getId();
        externalTasks.setRetries(taskId, 1);
        ReleaseStep healthy = dataReadiness(work -> new ReleaseStep.Completed(Map.of()));
        drain(workers(healthy, 3));

        assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
        assertThat(runtime.getActiveActivityIds(instance)).containsExactly("wait-data-ready");
    }

    @Test
    void businessOutcomeBecomesABpmnErrorThatTheProcessHandles() {
        String instance = plan("missing-feed-model");
        ReleaseStep missingFeed =
                dataReadiness(
                        work ->
                                new ReleaseStep.BusinessError(
                                        ModelRelease.Errors.DATA_FEED_MISSING,
                                        "missing data feeds: feed-a",
                                        Map.of("missingFeeds", "feed-a")));

        drain(workers(missingFeed, 3));

        assertThat(runtime.getActiveActivityIds(instance)).containsExactly("resolve-data-feeds");
        assertThat(runtime.getVariable(instance, "missingFeeds")).isEqualTo("feed-a");
    }

    @Test
    void retriesFollowTheTopicsOwnPolicyAndWaitBeforeTheNextTry() {
        String instance = plan("backoff-model");
        ReleaseStep failing =
                dataReadiness(
                        work -> {
                            throw new IOException("timeout");
                        });
        WorkerProperties properties =
                new WorkerProperties(
                        true,
                        "test-worker",
                        Duration.ofMillis(100),
                        Duration.ofMinutes(1),
                        1,
                        Duration.ofSeconds(1),
                        new WorkerProperties.Retry(1, Duration.ZERO, Duration.ZERO),
                        Map.of(
                                ModelRelease.Topics.DATA_READINESS,
                                new WorkerProperties.Retry(
                                        3, Duration.ofMinutes(1), Duration.ofMinutes(10))),
                        "http://unused/{feed}",
                        URI.create("http://unused"),
                        URI.create("http://unused"),
                        "http://unused/{release}");
        EmbeddedWorkers workers = new EmbeddedWorkers(externalTasks, List.of(failing), properties);

        drain(workers);

        var task =
                externalTasks.createExternalTaskQuery().processInstanceId(instance).singleResult();
        assertThat(task.getRetries()).isEqualTo(2);
        assertThat(task.getErrorMessage()).isEqualTo("timeout");
        // not fetched again before its back-off has passed
        assertThat(task.getLockExpirationTime())
                .isAfter(new java.util.Date(System.currentTimeMillis() + 50_000));
    }
}
