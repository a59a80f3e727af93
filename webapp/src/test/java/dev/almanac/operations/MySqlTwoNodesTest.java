package dev.almanac.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.almanac.pipelines.PipelineTokens;
import dev.almanac.planning.Cadences;
import dev.almanac.planning.Lane;
import dev.almanac.planning.PlanningCatalog;
import dev.almanac.planning.RiskTier;
import dev.almanac.processes.ModelRelease;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.support.ApiClient;
import dev.almanac.support.MySqlApplicationContext;
import dev.almanac.support.MySqlAvailable;
import dev.almanac.support.TestAccounts;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two Almanac nodes on one MariaDB database: this test's application (node A) and a second JVM
 * (node B). Pipelines send every event to both nodes at once under load, node B is killed (SIGKILL)
 * half-way, the pipelines send what failed again to node A, and afterwards no event is lost or
 * applied twice, no slip, notice or cadence release is doubled, there is no incident, and every
 * release has reached its risk review.
 */
// a context of its own, closed after the class, with an engine of its own name: engines are
// registered JVM-wide by name, and while it lived the shared context's /engine-rest could reach it
// as the default engine
@org.springframework.test.annotation.DirtiesContext
class MySqlTwoNodesTest extends MySqlApplicationContext {

    static final int RELEASES = 24;
    static final int CLIENTS = 8;

    @DynamicPropertySource
    static void nodeA(DynamicPropertyRegistry registry) {
        registry.add("operaton.bpm.process-engine-name", () -> "two-nodes");
        // both nodes race for the cadence and the slip checks
        registry.add("almanac.calendar.cadence-check", () -> "PT3S");
        registry.add("almanac.calendar.slip-check", () -> "PT2S");
        registry.add("almanac.workers.worker-id", () -> "node-a");
        registry.add("almanac.workers.lock-duration", () -> "10s");
    }

    @LocalServerPort int port;
    @Autowired PipelineTokens tokens;
    @Autowired IdentityService identity;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired TaskService tasks;
    @Autowired ReleaseQueries releaseQueries;
    @Autowired PlanningCatalog catalog;
    @Autowired Cadences cadences;
    @Autowired JdbcTemplate jdbc;

    private Process nodeB;
    private Path nodeBLog;

    @AfterEach
    void stopNodeB() {
        if (nodeB != null) {
            nodeB.destroyForcibly();
        }
    }

    @Test
    void eventsSentToTwoNodesOneOfThemKilledAreAppliedOnceAndNothingIsDoubled() throws Exception {
        TestAccounts.ensure(identity);
        String run = Long.toString(System.currentTimeMillis(), 36);
        int portB = freePort();
        nodeB = startNodeB(portB);
        ApiClient apiA =
                new ApiClient(port, tokens.issue("two nodes " + run, Set.of(), "test").token());
        String token = tokens.issue("two nodes B " + run, Set.of(), "test").token();
        ApiClient apiB = new ApiClient(portB, token);
        await("node B serving")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> ready(portB));

        // a daily release train whose first release is due in a few seconds: both nodes' cadence
        // checks see it come
        String trainModel = "train-" + run;
        catalog.saveModel(
                null,
                new PlanningCatalog.ModelInfo(
                        trainModel, "Train", null, "fraud-ml", RiskTier.LOW, null));
        LocalDateTime due = LocalDateTime.now(ZoneOffset.UTC).plusSeconds(8).withNano(0);
        cadences.save(
                null,
                new Cadences.CadenceChange(
                        "Two-node train " + run,
                        trainModel,
                        Lane.STAGING,
                        due,
                        ZoneOffset.UTC,
                        "FREQ=DAILY",
                        "yyyy.MM.dd",
                        10,
                        true),
                "rita");
        String trainKey = trainModel + "-" + due.format(DateTimeFormatter.ofPattern("yyyy.MM.dd"));

        // releases planned on both nodes
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < RELEASES; i++) {
            String version = run + "." + i;
            ApiClient node = i % 2 == 0 ? apiA : apiB;
            var created =
                    node.post(
                            "/api/v1/releases",
                            Map.of(
                                    "model", "two-nodes",
                                    "version", version,
                                    "lane", "staging",
                                    "riskTier", "low",
                                    "ownerTeam", "fraud-ml",
                                    "targetDate", LocalDate.now().plusDays(12).toString()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            keys.add("two-nodes-" + version);
        }
        awaitAllWaitingFor(keys, ModelRelease.Messages.DATA_READY);

        // every data-ready event goes to both nodes at once; node B dies half-way
        List<Call> calls = new ArrayList<>();
        for (String key : keys) {
            String body =
                    "{\"type\":\"data-ready\",\"eventId\":\"ready-"
                            + key
                            + "\",\"variables\":{\"rows\":1000}}";
            calls.add(new Call(key, body, apiA));
            calls.add(new Call(key, body, apiB));
        }
        Collections.shuffle(calls, new java.util.Random(16));
        AtomicInteger sent = new AtomicInteger();
        ConcurrentLinkedQueue<String> retriedOnA = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> answeredByB = new ConcurrentLinkedQueue<>();
        ExecutorService pipelines = Executors.newFixedThreadPool(CLIENTS);
        List<Future<ApiClient.Response>> answers = new ArrayList<>();
        for (Call call : calls) {
            answers.add(
                    pipelines.submit(
                            () -> {
                                if (sent.incrementAndGet() == calls.size() / 2) {
                                    nodeB.destroyForcibly();
                                }
                                return send(call, apiA, apiB, retriedOnA, answeredByB);
                            }));
        }
        List<ApiClient.Response> responses = new ArrayList<>();
        for (Future<ApiClient.Response> answer : answers) {
            responses.add(answer.get());
        }
        assertThat(nodeB.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(answeredByB).as("node B took events before it died").isNotEmpty();
        assertThat(retriedOnA).as("events node B did not answer, sent again to A").isNotEmpty();
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(202));
        // each event applied once, whichever node took it: at most one first answer per release,
        // and a release without one is one whose answer node B took with it when it died (it
        // committed, then was killed before it replied; the resend to A is a replay)
        Map<String, Long> firstAnswers =
                responses.stream()
                        .filter(r -> Boolean.FALSE.equals(r.json().get("replay")))
                        .collect(
                                java.util.stream.Collectors.groupingBy(
                                        r -> String.valueOf(r.json().get("releaseKey")),
                                        java.util.stream.Collectors.counting()));
        assertThat(firstAnswers.values()).as("first answers per release").allMatch(c -> c == 1);
        assertThat(keys)
                .filteredOn(key -> !firstAnswers.containsKey(key))
                .as("releases whose first answer was lost with node B")
                .allMatch(retriedOnA::contains);

        // then the training pipeline reports to node A only (node B is gone); the external tasks
        // node B had locked come free after its lock
        awaitAllWaitingFor(keys, ModelRelease.Messages.TRAINING_FINISHED);
        for (String key : keys) {
            var finished =
                    apiA.post(
                            "/api/v1/releases/" + key + "/events",
                            "{\"type\":\"training-finished\",\"eventId\":\"trained-"
                                    + key
                                    + "\",\"variables\":{\"accuracy\":0.95,\"latencyP95Ms\":90,"
                                    + "\"modelUri\":\"s3://models/two-nodes\",\"trainingRunId\":\"run-"
                                    + key
                                    + "\"}}");
            assertThat(finished.status()).as(finished.body()).isEqualTo(202);
        }
        pipelines.shutdown();

        await("every release at its risk review")
                .atMost(Duration.ofSeconds(90))
                .untilAsserted(
                        () ->
                                assertThat(keys)
                                        .allSatisfy(
                                                key ->
                                                        assertThat(
                                                                        tasks.createTaskQuery()
                                                                                .processInstanceBusinessKey(
                                                                                        key)
                                                                                .taskDefinitionKey(
                                                                                        "risk-review")
                                                                                .count())
                                                                .as(key)
                                                                .isOne()));
        for (String key : keys) {
            String instance =
                    history.createHistoricProcessInstanceQuery()
                            .processInstanceBusinessKey(key)
                            .singleResult()
                            .getId();
            for (String wait : List.of("wait-data-ready", "wait-training-finished")) {
                assertThat(
                                history.createHistoricActivityInstanceQuery()
                                        .processInstanceId(instance)
                                        .activityId(wait)
                                        .finished()
                                        .count())
                        .as("%s passed %s once", key, wait)
                        .isOne();
            }
            assertThat(
                            jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM pipeline_event WHERE release_key = ?",
                                    Long.class,
                                    key))
                    .isEqualTo(2);
            assertThat(runtime.createIncidentQuery().processInstanceId(instance).count())
                    .as("incidents of %s", key)
                    .isZero();
        }

        // the release train's release was started once, by one node
        await("the cadence's release")
                .atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                history.createHistoricProcessInstanceQuery()
                                                .processInstanceBusinessKey(trainKey)
                                                .count()
                                        > 0);
        assertThat(
                        history.createHistoricProcessInstanceQuery()
                                .processInstanceBusinessKey(trainKey)
                                .count())
                .isOne();
        assertThat(
                        jdbc.queryForObject(
                                "SELECT COUNT(*) FROM release_plan WHERE model = ?",
                                Long.class,
                                trainModel))
                .isOne();

        // nothing doubled by the two nodes' jobs
        assertThat(
                        jdbc.queryForList(
                                "SELECT release_key, milestone, previous_end, projected_end FROM"
                                        + " milestone_slip GROUP BY release_key, milestone,"
                                        + " previous_end, projected_end HAVING COUNT(*) > 1"))
                .as("slips recorded twice")
                .isEmpty();
        assertThat(
                        jdbc.queryForList(
                                "SELECT source_key FROM notice GROUP BY source_key HAVING COUNT(*)"
                                        + " > 1"))
                .as("notices raised twice")
                .isEmpty();
        assertThat(
                        jdbc.queryForList(
                                "SELECT notice_id, recipient, channel FROM notice_delivery GROUP"
                                        + " BY notice_id, recipient, channel HAVING COUNT(*) > 1"))
                .as("deliveries made twice")
                .isEmpty();
        assertThat(jdbc.queryForList("SELECT name, locked_by FROM shedlock"))
                .as("the jobs took their cluster locks")
                .extracting(row -> row.get("name"))
                .contains("slip-check", "cadence-starts", "capacity-check");
        assertThat(
                        jdbc.queryForObject(
                                "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE"
                                        + " table_schema = DATABASE() AND index_name ="
                                        + " 'ALMANAC_IDX_TASK_PARENT'",
                                Long.class))
                .as("the engine's sub-task lookup is indexed")
                .isPositive();
        assertThat(Files.readString(nodeBLog))
                .as("node B ran as a second node on the same database")
                .contains("Started AlmanacApplication");
    }

    private record Call(String key, String body, ApiClient node) {}

    /**
     * Sends the event to its node; when the node does not answer (it was killed), sends it again to
     * node A with the same event id, as a pipeline retries.
     */
    private static ApiClient.Response send(
            Call call,
            ApiClient nodeA,
            ApiClient nodeB,
            ConcurrentLinkedQueue<String> retriedOnA,
            ConcurrentLinkedQueue<String> answeredByB) {
        String path = "/api/v1/releases/" + call.key() + "/events";
        try {
            ApiClient.Response response = call.node().post(path, call.body());
            if (response.status() < 500) {
                if (call.node() == nodeB) {
                    answeredByB.add(call.key());
                }
                return response;
            }
        } catch (RuntimeException nodeGone) {
            // connection refused or reset: the node died
        }
        retriedOnA.add(call.key());
        return nodeA.post(path, call.body());
    }

    private void awaitAllWaitingFor(List<String> keys, String message) {
        await("all waiting for " + message)
                .atMost(Duration.ofSeconds(90))
                .until(() -> releaseQueries.waitingFor(message).keySet().containsAll(keys));
    }

    private static boolean ready(int port) {
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://localhost:"
                                                                    + port
                                                                    + "/actuator/health/readiness"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Node B: the application in a JVM of its own, on the same database and stub platform. */
    private Process startNodeB(int portB) throws IOException {
        nodeBLog = Files.createTempFile("almanac-node-b", ".log");
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx384m",
                                "-XX:TieredStopAtLevel=1",
                                "-cp",
                                applicationClasspath(),
                                "dev.almanac.AlmanacApplication"));
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put("spring.profiles.active", "mysql");
        properties.put("server.port", Integer.toString(portB));
        properties.put("spring.datasource.url", MySqlAvailable.URL);
        properties.put("spring.datasource.username", MySqlAvailable.USER);
        properties.put("spring.datasource.password", MySqlAvailable.PASSWORD);
        properties.put(
                "spring.jpa.properties.hibernate.dialect", "org.hibernate.dialect.MariaDBDialect");
        properties.put("almanac.admin.password", ADMIN_PASSWORD);
        properties.put("almanac.outbound.allowed-hosts", "localhost, 127.0.0.1, ::1");
        properties.put("operaton.bpm.job-execution.max-wait", "500");
        properties.put("operaton.bpm.job-execution.wait-time-in-millis", "200");
        properties.put("almanac.workers.enabled", "true");
        properties.put("almanac.workers.worker-id", "node-b");
        properties.put("almanac.workers.poll-interval", "200ms");
        properties.put("almanac.workers.lock-duration", "10s");
        properties.put("almanac.workers.data-feed-catalog-url", platform.url("/feeds/{feed}"));
        properties.put("almanac.workers.training-webhook", platform.url("/train"));
        properties.put("almanac.workers.deploy-webhook", platform.url("/deploy"));
        properties.put("almanac.workers.health-metric-url", platform.url("/health/{release}"));
        properties.put("almanac.release-timing.monitoring-period", "PT1S");
        properties.put("almanac.release-timing.retrospective-delay", "PT1S");
        properties.put("almanac.calendar.cadence-check", "PT3S");
        properties.put("almanac.calendar.slip-check", "PT2S");
        properties.forEach((name, value) -> command.add("--" + name + "=" + value));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(nodeBLog.toFile())
                .start();
    }

    /** The application's classpath without the tests' classes (their configurations). */
    private static String applicationClasspath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry :
                System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.endsWith(".jar") && entry.contains("surefirebooter")) {
                try (JarFile booter = new JarFile(entry)) {
                    String listed = booter.getManifest().getMainAttributes().getValue("Class-Path");
                    for (String url : listed.split(" ")) {
                        if (!url.isBlank()) {
                            entries.add(Path.of(URI.create(url)).toString());
                        }
                    }
                }
            } else {
                entries.add(entry);
            }
        }
        return entries.stream()
                .filter(
                        e ->
                                !e.replace('\\', '/').endsWith("/test-classes")
                                        && !e.replace('\\', '/').endsWith("/test-classes/"))
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }
}
