package dev.almanac.workers;

import static dev.almanac.processes.ModelRelease.Variables.HEALTH_FINDING;

import dev.almanac.processes.ModelRelease;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads the deployed model's health from the metric endpoint ({@code {release}} is replaced by the
 * release key), which answers {@code {"healthy": true|false, "finding": "..."}}. Unhealthy is a
 * business outcome: the release goes to roll-back.
 */
public class PostDeployCheckStep implements ReleaseStep {

    private final JsonHttp http;
    private final String metricUrl;

    public PostDeployCheckStep(JsonHttp http, String metricUrl) {
        this.http = http;
        this.metricUrl = metricUrl;
    }

    @Override
    public String topic() {
        return ModelRelease.Topics.POST_DEPLOY_CHECK;
    }

    @Override
    public Outcome run(Work work) throws Exception {
        URI uri =
                URI.create(
                        metricUrl.replace(
                                "{release}",
                                URLEncoder.encode(work.releaseKey(), StandardCharsets.UTF_8)));
        Map<String, Object> health = http.get(uri).requireOk().json();
        Object healthy = health.get("healthy");
        if (!(healthy instanceof Boolean)) {
            throw new IllegalStateException(
                    uri
                            + " did not say whether the model is healthy (expected a boolean 'healthy')");
        }
        String finding = String.valueOf(health.getOrDefault("finding", ""));
        if ((Boolean) healthy) {
            return new Completed(Map.of(HEALTH_FINDING, finding));
        }
        return new BusinessError(
                ModelRelease.Errors.POST_DEPLOY_CHECK_FAILED,
                "unhealthy after deploy: " + finding,
                Map.of(HEALTH_FINDING, finding));
    }
}
