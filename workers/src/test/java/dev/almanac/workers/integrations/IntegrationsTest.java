package dev.almanac.workers.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.almanac.workers.DeployStep;
import dev.almanac.workers.ReleaseStep;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntegrationsTest {

    private static final dev.almanac.workers.Outbound LOOPBACK =
            dev.almanac.workers.Outbound.allowing("127.0.0.1, localhost");

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);

    record Received(String path, Headers headers, String body) {}

    HttpServer receiver;
    List<Received> received = new CopyOnWriteArrayList<>();
    MockWebServer mlflow;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext(
                "/",
                exchange -> {
                    String body =
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8);
                    received.add(
                            new Received(
                                    exchange.getRequestURI().getPath(),
                                    exchange.getRequestHeaders(),
                                    body));
                    String path = exchange.getRequestURI().getPath();
                    if (path.equals("/slow")) {
                        try {
                            // a receiver that answers later than the caller's timeout
                            new java.util.concurrent.CountDownLatch(1)
                                    .await(3, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    int status = path.equals("/broken") ? 500 : 200;
                    byte[] answer =
                            (path.equals("/deploy")
                                            ? "{\"deploymentId\":\"cd-77\"}"
                                            : "{\"runId\":\"gh-123\"}")
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, answer.length);
                    exchange.getResponseBody().write(answer);
                    exchange.close();
                });
        receiver.start();
        mlflow = new MockWebServer();
        mlflow.start();
    }

    @AfterEach
    void stop() throws IOException {
        receiver.stop(0);
        mlflow.shutdown();
    }

    private URI at(String path) {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + path);
    }

    @Test
    void webhookRendersItsTemplateAndSignsTheBody() throws Exception {
        Webhook webhook =
                new Webhook(
                        at("/train"),
                        "{\"ref\": \"main\", \"inputs\": {\"release\": ${releaseKey}, \"note\": ${note}, \"gpus\": ${gpus}}}",
                        "s3cret",
                        Duration.ofSeconds(2),
                        CLOCK,
                        LOOPBACK);

        Map<String, Object> answer =
                webhook.post(
                        Map.of(
                                "releaseKey",
                                "fraud-scorer-2026.12",
                                "note",
                                "say \"hi\"",
                                "gpus",
                                4));

        assertThat(answer).containsEntry("runId", "gh-123");
        Received call = received.get(0);
        assertThat(call.body())
                .isEqualTo(
                        "{\"ref\": \"main\", \"inputs\": {\"release\": \"fraud-scorer-2026.12\", \"note\": \"say \\\"hi\\\"\", \"gpus\": 4}}");
        String timestamp = call.headers().getFirst(Webhook.TIMESTAMP_HEADER);
        assertThat(timestamp).isEqualTo(String.valueOf(CLOCK.instant().getEpochSecond()));
        assertThat(call.headers().getFirst(Webhook.SIGNATURE_HEADER))
                .isEqualTo("sha256=" + Webhook.sign("s3cret", timestamp + "." + call.body()));
    }

    @Test
    void signatureIsTheStandardHmacSha256() {
        // RFC 4231 test case 2
        assertThat(Webhook.sign("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void unsignedWhenNoSecretAndDefaultBodyIsTheReleaseAsJson() throws Exception {
        new Webhook(at("/train"), null, null, Duration.ofSeconds(2), CLOCK, LOOPBACK)
                .post(Map.of("releaseKey", "k-1"));

        assertThat(received.get(0).headers().containsKey(Webhook.SIGNATURE_HEADER)).isFalse();
        assertThat(received.get(0).body()).isEqualTo("{\"releaseKey\":\"k-1\"}");
    }

    @Test
    void failingOrSlowReceiverIsATechnicalFailure() {
        assertThatThrownBy(
                        () ->
                                new Webhook(
                                                at("/broken"),
                                                null,
                                                null,
                                                Duration.ofSeconds(2),
                                                CLOCK,
                                                LOOPBACK)
                                        .post(Map.of()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 500");
        assertThatThrownBy(
                        () ->
                                new Webhook(
                                                at("/slow"),
                                                null,
                                                null,
                                                Duration.ofMillis(300),
                                                CLOCK,
                                                LOOPBACK)
                                        .post(Map.of()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void templateThatIsNotJsonIsRefused() {
        assertThatThrownBy(
                        () ->
                                Webhook.render(
                                        "{\"release\": ${releaseKey}", Map.of("releaseKey", "x")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void mlflowDeployPointsTheAliasAtTheReleasesModelVersion() throws Exception {
        // recorded from MLflow 2.x: SetRegisteredModelAlias answers an empty object
        mlflow.enqueue(
                new MockResponse()
                        .setResponseCode(200)
                        .setHeader("Content-Type", "application/json")
                        .setBody("{}"));
        Integrations integrations =
                new Integrations(
                        new Integrations.Target(
                                null,
                                new Integrations.Deploy(
                                        "webhook",
                                        new Integrations.Hook(at("/deploy"), null, null, null),
                                        null,
                                        null,
                                        null,
                                        null)),
                        Map.of(
                                "fraud-scorer",
                                new Integrations.Target(
                                        null,
                                        new Integrations.Deploy(
                                                "mlflow",
                                                null,
                                                mlflow.url("/").uri(),
                                                "mlflow-token",
                                                null,
                                                "production"))));

        var outcome =
                new DeployStep(integrations, CLOCK, LOOPBACK)
                        .run(
                                new ReleaseStep.Work(
                                        "fraud-scorer-2026.12",
                                        Map.of(
                                                "model",
                                                "fraud-scorer",
                                                "modelUri",
                                                "models:/fraud-scorer/7")));

        assertThat(outcome)
                .isEqualTo(
                        new ReleaseStep.Completed(
                                Map.of("deploymentId", "mlflow:fraud-scorer@production=v7")));
        RecordedRequest request = mlflow.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/api/2.0/mlflow/registered-models/alias");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer mlflow-token");
        assertThat(request.getBody().readUtf8())
                .contains("\"name\":\"fraud-scorer\"")
                .contains("\"alias\":\"production\"")
                .contains("\"version\":\"7\"");

        var otherModel =
                new DeployStep(integrations, CLOCK, LOOPBACK)
                        .run(new ReleaseStep.Work("churn-2026.12", Map.of("model", "churn")));
        assertThat(otherModel)
                .isEqualTo(new ReleaseStep.Completed(Map.of("deploymentId", "cd-77")));
        assertThat(received).extracting(Received::path).containsExactly("/deploy");
    }

    @Test
    void mlflowRefusalIsATechnicalFailureWithMlflowsMessage() {
        // recorded: alias on a model name the registry does not know
        mlflow.enqueue(
                new MockResponse()
                        .setResponseCode(404)
                        .setHeader("Content-Type", "application/json")
                        .setBody(
                                "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"Registered Model with name=fraud-scorer not found\"}"));
        MlflowRegistry registry =
                new MlflowRegistry(mlflow.url("/").uri(), null, Duration.ofSeconds(2), LOOPBACK);

        assertThatThrownBy(
                        () ->
                                registry.setAlias(
                                        new MlflowRegistry.ModelVersion("fraud-scorer", "7"),
                                        "production"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining(
                        "RESOURCE_DOES_NOT_EXIST: Registered Model with name=fraud-scorer not found");
    }

    @Test
    void modelVersionComesFromTheModelsUriOrAnExplicitVersion() {
        assertThat(MlflowRegistry.ModelVersion.of("models:/fraud/12", "fraud", null))
                .isEqualTo(new MlflowRegistry.ModelVersion("fraud", "12"));
        // the registered model is the configured one: a URI naming another model moves nothing
        assertThatThrownBy(() -> MlflowRegistry.ModelVersion.of("models:/fraud/12", "churn", null))
                .hasMessageContaining(
                        "names registered model fraud, but this release deploys to churn");
        assertThat(MlflowRegistry.ModelVersion.of("s3://bucket/model", "fraud", 3.0))
                .isEqualTo(new MlflowRegistry.ModelVersion("fraud", "3"));
        assertThatThrownBy(() -> MlflowRegistry.ModelVersion.of("s3://bucket/model", "fraud", null))
                .hasMessageContaining("mlflowModelVersion");
    }
}
