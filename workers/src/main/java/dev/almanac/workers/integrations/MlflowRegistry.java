package dev.almanac.workers.integrations;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deploys by pointing an alias (say {@code production}) of an MLflow registered model at the
 * release's model version, through MLflow's REST API ({@code POST
 * /api/2.0/mlflow/registered-models/alias}).
 */
public final class MlflowRegistry {

    private static final Pattern MODELS_URI = Pattern.compile("models:/([^/]+)/(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI trackingUri;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    private final dev.almanac.workers.Outbound outbound;

    public MlflowRegistry(
            URI trackingUri,
            String token,
            Duration timeout,
            dev.almanac.workers.Outbound outbound) {
        this.outbound = outbound;
        this.trackingUri = trackingUri;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * The registered model and version a release's artifact URI names ({@code
     * models:/fraud-scorer/7}).
     */
    public record ModelVersion(String name, String version) {

        /**
         * The version to deploy of {@code registeredModel} (from the model's configuration): from a
         * {@code models:/<name>/<version>} URI that names that model, or the explicit version.
         */
        public static ModelVersion of(
                String modelUri, String fallbackName, Object explicitVersion) {
            if (modelUri != null) {
                Matcher m = MODELS_URI.matcher(modelUri.trim());
                if (m.matches()) {
                    // the registered model is the release's, as configured: a URI naming another
                    // one must not move that model's alias
                    if (!m.group(1).equals(fallbackName)) {
                        throw new IllegalArgumentException(
                                "modelUri '"
                                        + modelUri
                                        + "' names registered model "
                                        + m.group(1)
                                        + ", but this release deploys to "
                                        + fallbackName);
                    }
                    return new ModelVersion(m.group(1), m.group(2));
                }
            }
            if (explicitVersion != null && !explicitVersion.toString().isBlank()) {
                return new ModelVersion(
                        fallbackName, explicitVersion.toString().replaceAll("\\.0$", ""));
            }
            throw new IllegalArgumentException(
                    "Cannot tell which MLflow model version to deploy: modelUri '"
                            + modelUri
                            + "' is not models:/<name>/<version> and the release has no mlflowModelVersion");
        }
    }

    public void setAlias(ModelVersion version, String alias)
            throws IOException, InterruptedException {
        String body =
                JSON.writeValueAsString(
                        Map.of(
                                "name",
                                version.name(),
                                "alias",
                                alias,
                                "version",
                                version.version()));
        HttpRequest.Builder request =
                HttpRequest.newBuilder(
                                trackingUri.resolve("/api/2.0/mlflow/registered-models/alias"))
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        outbound.check(trackingUri);
        HttpResponse<String> response =
                http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            String detail = response.body();
            try {
                var error = JSON.readTree(response.body());
                if (error.hasNonNull("message")) {
                    detail =
                            error.path("error_code").asText()
                                    + ": "
                                    + error.get("message").asText();
                }
            } catch (IOException notJson) {
                // keep the raw body
            }
            throw new IOException(
                    "MLflow refused alias '"
                            + alias
                            + "' for "
                            + version.name()
                            + " v"
                            + version.version()
                            + " (HTTP "
                            + response.statusCode()
                            + "): "
                            + detail);
        }
    }
}
