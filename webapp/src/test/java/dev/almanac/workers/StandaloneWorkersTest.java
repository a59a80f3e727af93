package dev.almanac.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.processes.ModelRelease;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.Releases;
import dev.almanac.support.MySqlApplicationContext;
import dev.almanac.support.MySqlAvailable;
import dev.almanac.support.StubPlatform;
import dev.almanac.support.TestAccounts;
import dev.almanac.support.WorkerProcess;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.history.HistoricExternalTaskLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Worker processes of their own against the app's /engine-rest on MySQL, with the in-app workers
 * switched off: they do the release's automated steps, and a worker killed mid-task loses nothing.
 */
@ExtendWith(MySqlAvailable.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("mysql")
class StandaloneWorkersTest {

    static final StubPlatform platform = start();

    @DynamicPropertySource
    static void mysqlWithoutInAppWorkers(DynamicPropertyRegistry registry) {
        MySqlApplicationContext.mysql(registry);
        registry.add("almanac.workers.enabled", () -> "false");
    }

    private static StubPlatform start() {
        try {
            return new StubPlatform();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort int port;
    @Autowired Releases releases;
    @Autowired ReleaseQueries releaseQueries;
    @Autowired IdentityService identity;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired org.operaton.bpm.engine.ExternalTaskService externalTasks;

    @BeforeEach
    void accounts() {
        TestAccounts.ensure(identity);
    }

    private String plan(String model) {
        String version = "w." + System.nanoTime();
        releases.plan(
                new NewRelease(
                        model,
                        version,
                        Lane.STAGING,
                        RiskTier.LOW,
                        "fraud-ml",
                        LocalDate.now().plusDays(5),
                        "feed-a,feed-b"),
                "rita");
        return model + "-" + version;
    }

    private List<String> successfulWorkers(String key, String topic) {
        String instance =
                runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(key)
                        .singleResult()
                        .getId();
        return history
                .createHistoricExternalTaskLogQuery()
                .processInstanceId(instance)
                .topicName(topic)
                .successLog()
                .list()
                .stream()
                .map(HistoricExternalTaskLog::getWorkerId)
                .toList();
    }

    @Test
    void standaloneWorkerProcessDoesTheReleasesAutomatedSteps() throws Exception {
        String key = plan("standalone-model");
        try (WorkerProcess worker =
                WorkerProcess.start(
                        "worker-a-" + System.nanoTime(),
                        port,
                        platform,
                        "1m",
                        "worker",
                        TestAccounts.PASSWORD)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () ->
                                    releaseQueries
                                            .waitingFor(ModelRelease.Messages.DATA_READY)
                                            .containsKey(key));
            releases.deliver(key, ModelRelease.Messages.DATA_READY, Map.of());
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    releaseQueries
                                            .waitingFor(ModelRelease.Messages.TRAINING_FINISHED)
                                            .containsKey(key));

            assertThat(successfulWorkers(key, ModelRelease.Topics.DATA_READINESS))
                    .containsExactly(worker.workerId);
            assertThat(successfulWorkers(key, ModelRelease.Topics.TRAINING_TRIGGER))
                    .containsExactly(worker.workerId);
            assertThat(platform.calls)
                    .anyMatch(c -> c.startsWith("GET /feeds/feed-b"))
                    .anyMatch(c -> c.startsWith("POST /train") && c.contains(key));
        }
    }

    @Test
    void workerKilledMidTaskLosesNothingAnotherFinishesItAfterTheLockExpires() throws Exception {
        String key = plan("crash-model");
        var hold = platform.holdNextTraining();
        WorkerProcess first =
                WorkerProcess.start(
                        "doomed-" + System.nanoTime(),
                        port,
                        platform,
                        "3s",
                        "worker",
                        TestAccounts.PASSWORD);
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () ->
                                    releaseQueries
                                            .waitingFor(ModelRelease.Messages.DATA_READY)
                                            .containsKey(key));
            releases.deliver(key, ModelRelease.Messages.DATA_READY, Map.of());
            // the first worker has locked training-trigger and hangs in the training webhook
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> hold.getCount() == 1 && lockedBy(key).equals(first.workerId));
        } finally {
            first.kill();
        }
        hold.countDown();

        try (WorkerProcess second =
                WorkerProcess.start(
                        "survivor-" + System.nanoTime(),
                        port,
                        platform,
                        "1m",
                        "worker",
                        TestAccounts.PASSWORD)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () ->
                                    releaseQueries
                                            .waitingFor(ModelRelease.Messages.TRAINING_FINISHED)
                                            .containsKey(key));
            assertThat(successfulWorkers(key, ModelRelease.Topics.TRAINING_TRIGGER))
                    .containsExactly(second.workerId);
        }
    }

    private String lockedBy(String key) {
        String instance =
                runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(key)
                        .singleResult()
                        .getId();
        var task =
                externalTasks
                        .createExternalTaskQuery()
                        .processInstanceId(instance)
                        .topicName(ModelRelease.Topics.TRAINING_TRIGGER)
                        .locked()
                        .singleResult();
        return task == null || task.getWorkerId() == null ? "" : task.getWorkerId();
    }
}
