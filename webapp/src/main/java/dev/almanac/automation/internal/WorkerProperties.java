package dev.almanac.automation.internal;

import dev.almanac.workers.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The workers that run inside the application and the services they call. */
@ConfigurationProperties("almanac.workers")
public record WorkerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("almanac-embedded") String workerId,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("5m") Duration lockDuration,
        @DefaultValue("4") int concurrency,
        @DefaultValue("10s") Duration httpTimeout,
        @DefaultValue Retry retry,
        Map<String, Retry> topicRetry,
        String dataFeedCatalogUrl,
        URI trainingWebhook,
        URI deployWebhook,
        String healthMetricUrl) {

    /**
     * The retry policy of a topic: its own if configured ({@code
     * almanac.workers.topic-retry.deploy.retries=5}), else the default.
     */
    RetryPolicy retryFor(String topic) {
        return topicRetry == null || !topicRetry.containsKey(topic)
                ? retry.policy()
                : topicRetry.get(topic).policy();
    }

    public record Retry(
            @DefaultValue("3") int retries,
            @DefaultValue("10s") Duration firstBackoff,
            @DefaultValue("10m") Duration maxBackoff) {

        RetryPolicy policy() {
            return new RetryPolicy(retries, firstBackoff, maxBackoff);
        }
    }
}
