package dev.almanac.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.almanac.pipelines.internal.PipelineEventRepository;
import dev.almanac.processes.ModelRelease;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.support.ApiClient;
import dev.almanac.support.MySqlApplicationContext;
import dev.almanac.support.TestAccounts;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

class MySqlPipelineEventsTest extends MySqlApplicationContext {

    @LocalServerPort int port;
    @Autowired PipelineTokens tokens;
    @Autowired PipelineEventRepository events;
    @Autowired ReleaseQueries releaseQueries;
    @Autowired IdentityService identity;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;

    @Test
    void fiftyConcurrentDuplicatesOfOneEventCorrelateExactlyOnce() throws Exception {
        TestAccounts.ensure(identity);
        ApiClient api =
                new ApiClient(port, tokens.issue("concurrency test", Set.of(), "test").token());
        String version = "c." + System.nanoTime();
        String key = "dup-model-" + version;
        assertThat(
                        api.post(
                                        "/api/v1/releases",
                                        Map.of(
                                                "model",
                                                "dup-model",
                                                "version",
                                                version,
                                                "lane",
                                                "staging",
                                                "riskTier",
                                                "low",
                                                "ownerTeam",
                                                "fraud-ml",
                                                "targetDate",
                                                LocalDate.now().plusDays(5).toString()))
                                .status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                releaseQueries
                                        .waitingFor(ModelRelease.Messages.DATA_READY)
                                        .containsKey(key));

        String body =
                "{\"type\":\"data-ready\",\"eventId\":\"feed-load-"
                        + version
                        + "\",\"variables\":{\"rows\":1200000}}";
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(50);
        List<Future<ApiClient.Response>> responses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            responses.add(
                    clients.submit(
                            () -> {
                                start.await();
                                return api.post("/api/v1/releases/" + key + "/events", body);
                            }));
        }
        start.countDown();
        List<ApiClient.Response> results = new ArrayList<>();
        for (Future<ApiClient.Response> response : responses) {
            results.add(response.get());
        }
        clients.shutdown();

        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(202));
        assertThat(results)
                .filteredOn(r -> Boolean.FALSE.equals(r.json().get("replay")))
                .hasSize(1);
        assertThat(results)
                .extracting(r -> r.json().get("acceptedAt"))
                .containsOnly(results.get(0).json().get("acceptedAt"));
        assertThat(events.countByReleaseKey(key)).isOne();
        String instance =
                runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(key)
                        .singleResult()
                        .getId();
        assertThat(
                        history.createHistoricActivityInstanceQuery()
                                .processInstanceId(instance)
                                .activityId("wait-data-ready")
                                .count())
                .isOne();
        assertThat(
                        history.createHistoricVariableInstanceQuery()
                                .processInstanceId(instance)
                                .variableName("rows")
                                .singleResult()
                                .getValue())
                .isEqualTo(1200000);
    }
}
