package dev.almanac.workers.standalone;

import dev.almanac.processes.ModelRelease;
import dev.almanac.workers.JsonHttp;
import dev.almanac.workers.ProductionBaseline;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalDouble;

/** The production model's accuracy, read from the engine's history over /engine-rest. */
class RestProductionBaseline implements ProductionBaseline {

    private final JsonHttp http;
    private final URI engineRest;
    private final Map<String, String> auth;

    RestProductionBaseline(JsonHttp http, URI engineRest, String user, String password) {
        this.http = http;
        this.engineRest = engineRest;
        this.auth =
                Map.of(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (user + ":" + password)
                                                        .getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public OptionalDouble accuracyOf(String model, String excludingReleaseKey) {
        try {
            String variables =
                    URLEncoder.encode(
                            ModelRelease.Variables.MODEL
                                    + "_eq_"
                                    + model
                                    + ","
                                    + ModelRelease.Variables.RELEASE_OUTCOME
                                    + "_eq_deployed",
                            StandardCharsets.UTF_8);
            var releases =
                    http.get(
                                    URI.create(
                                            engineRest
                                                    + "/history/process-instance?processDefinitionKey="
                                                    + ModelRelease.PROCESS_ID
                                                    + "&variables="
                                                    + variables
                                                    + "&sortBy=startTime&sortOrder=desc&maxResults=5"),
                                    auth)
                            .requireOk()
                            .jsonList();
            for (Map<String, Object> release : releases) {
                if (excludingReleaseKey.equals(release.get("businessKey"))) {
                    continue;
                }
                var accuracy =
                        http.get(
                                        URI.create(
                                                engineRest
                                                        + "/history/variable-instance?processInstanceId="
                                                        + release.get("id")
                                                        + "&variableName="
                                                        + ModelRelease.Variables.ACCURACY),
                                        auth)
                                .requireOk()
                                .jsonList();
                if (!accuracy.isEmpty() && accuracy.get(0).get("value") instanceof Number n) {
                    return OptionalDouble.of(n.doubleValue());
                }
            }
            return OptionalDouble.empty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
