package dev.almanac.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.almanac.processes.ModelRelease;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StepsTest {

    private HttpServer server;
    private String base;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** The stub servers listen on loopback, which the test allows explicitly. */
    static final Outbound LOOPBACK = Outbound.allowing("127.0.0.1");

    private final JsonHttp http = new JsonHttp(Duration.ofSeconds(2), LOOPBACK);

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    requests.add(
                            exchange.getRequestMethod()
                                    + " "
                                    + path
                                    + " "
                                    + new String(
                                            exchange.getRequestBody().readAllBytes(),
                                            StandardCharsets.UTF_8));
                    int status = 200;
                    String body = "{}";
                    if (path.startsWith("/feeds/missing")) {
                        status = 404;
                    } else if (path.startsWith("/feeds/broken")) {
                        status = 503;
                    } else if (path.equals("/train")) {
                        body = "{\"runId\":\"run-42\"}";
                    } else if (path.equals("/health/sick-1")) {
                        body = "{\"healthy\":false,\"finding\":\"error rate 9%\"}";
                    } else if (path.startsWith("/health/")) {
                        body = "{\"healthy\":true,\"finding\":\"error rate 0.2%\"}";
                    }
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, bytes.length);
                    exchange.getResponseBody().write(bytes);
                    exchange.close();
                });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    private ReleaseStep.Work work(Map<String, Object> variables) {
        return new ReleaseStep.Work("fraud-scorer-2026.12", variables);
    }

    @Test
    void allDeclaredFeedsPresentCompletesDataReadiness() throws Exception {
        var outcome =
                new DataReadinessStep(http, base + "/feeds/{feed}")
                        .run(work(Map.of("dataFeeds", "transactions, chargebacks")));

        assertThat(outcome).isInstanceOf(ReleaseStep.Completed.class);
        assertThat(requests).hasSize(2).allMatch(r -> r.startsWith("GET /feeds/"));
    }

    @Test
    void aFeedThatLooksLikeAnAddressIsStillLookedUpInTheCatalogByName() {
        var step = new DataReadinessStep(http, "https://catalog.example/feeds/{feed}");
        // no request is sent: the address is only built
        assertThat(step.feedUri("http://127.0.0.1:3306/").toString())
                .isEqualTo("https://catalog.example/feeds/http%3A%2F%2F127.0.0.1%3A3306%2F");
        assertThat(step.feedUri("http://169.254.169.254/latest/meta-data").getHost())
                .isEqualTo("catalog.example");
    }

    @Test
    void missingFeedIsABusinessErrorNamingTheFeed() throws Exception {
        var outcome =
                new DataReadinessStep(http, base + "/feeds/{feed}")
                        .run(work(Map.of("dataFeeds", "transactions,missing-labels")));

        assertThat(outcome)
                .isEqualTo(
                        new ReleaseStep.BusinessError(
                                ModelRelease.Errors.DATA_FEED_MISSING,
                                "missing data feeds: missing-labels",
                                Map.of("missingFeeds", "missing-labels")));
    }

    @Test
    void unreachableCatalogIsATechnicalFailure() {
        assertThatThrownBy(
                        () ->
                                new DataReadinessStep(http, base + "/feeds/{feed}")
                                        .run(work(Map.of("dataFeeds", "broken"))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void anErrorAnswerLeavesOnlyAShortPlainReason() {
        assertThat(
                        JsonHttp.Response.reason(
                                "<html><script>alert(1)</script>\u0007" + "x".repeat(500)))
                .hasSizeLessThanOrEqualTo(80)
                .doesNotContain("<", ">", "\u0007")
                .endsWith("...");
        assertThat(JsonHttp.Response.reason("{\"error\": \"model not found\"}"))
                .isEqualTo("\"error\": \"model not found\"");
    }

    @Test
    void trainingTriggerPostsTheReleaseAndKeepsTheRunId() throws Exception {
        var hook =
                new dev.almanac.workers.integrations.Integrations.Hook(
                        URI.create(base + "/train"), null, null, Duration.ofSeconds(2));
        var integrations =
                new dev.almanac.workers.integrations.Integrations(
                        new dev.almanac.workers.integrations.Integrations.Target(hook, null),
                        Map.of());
        var outcome =
                new TrainingTriggerStep(integrations, java.time.Clock.systemUTC(), LOOPBACK)
                        .run(work(Map.of("model", "fraud-scorer", "version", "2026.12")));

        assertThat(outcome).isEqualTo(new ReleaseStep.Completed(Map.of("trainingRunId", "run-42")));
        assertThat(requests.get(0))
                .contains("\"releaseKey\":\"fraud-scorer-2026.12\"")
                .contains("\"action\":\"train\"");
    }

    @Test
    void validationComparesWithProductionAccuracy() {
        var outcome =
                new ValidationMetricsStep((model, exclude) -> OptionalDouble.of(0.90))
                        .run(
                                work(
                                        Map.of(
                                                "model",
                                                "fraud-scorer",
                                                "accuracy",
                                                0.93,
                                                "latencyP95Ms",
                                                120.0)));

        assertThat(outcome)
                .isEqualTo(
                        new ReleaseStep.Completed(
                                Map.of("baselineAccuracy", 0.90, "accuracyDelta", 0.03)));
    }

    @Test
    void firstReleaseOfAModelHasNoDelta() {
        var outcome =
                new ValidationMetricsStep((model, exclude) -> OptionalDouble.empty())
                        .run(
                                work(
                                        Map.of(
                                                "model",
                                                "fraud-scorer",
                                                "accuracy",
                                                0.93,
                                                "latencyP95Ms",
                                                120.0)));

        assertThat(((ReleaseStep.Completed) outcome).variables())
                .containsEntry("accuracyDelta", 0.0);
    }

    @Test
    void unhealthyModelAfterDeployIsABusinessError() throws Exception {
        var outcome =
                new PostDeployCheckStep(http, base + "/health/{release}")
                        .run(new ReleaseStep.Work("sick-1", Map.of()));

        assertThat(outcome)
                .isEqualTo(
                        new ReleaseStep.BusinessError(
                                ModelRelease.Errors.POST_DEPLOY_CHECK_FAILED,
                                "unhealthy after deploy: error rate 9%",
                                Map.of("healthFinding", "error rate 9%")));
    }

    @Test
    void healthyModelCompletesTheCheck() throws Exception {
        var outcome = new PostDeployCheckStep(http, base + "/health/{release}").run(work(Map.of()));

        assertThat(outcome)
                .isEqualTo(new ReleaseStep.Completed(Map.of("healthFinding", "error rate 0.2%")));
    }

    @Test
    void retriesBackOffExponentiallyUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(10), Duration.ofSeconds(60));

        assertThat(policy.retriesLeftAfterFailure(null)).isEqualTo(3);
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(40));
        assertThat(policy.backoff(0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.retriesLeftAfterFailure(0)).isZero();
    }
}
