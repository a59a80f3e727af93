package dev.almanac.workers.standalone;

import dev.almanac.workers.RetryPolicy;
import dev.almanac.workers.integrations.Integrations;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Settings of a standalone worker process, from environment variables (or system properties of the
 * same name). Retries can be set per topic: {@code ALMANAC_RETRY_DEPLOY=5,30s,1h}.
 */
record WorkerSettings(
        List<URI> engineRestUrls,
        String user,
        String password,
        String workerId,
        int maxTasks,
        Duration lockDuration,
        Duration httpTimeout,
        RetryPolicy defaultRetry,
        Map<String, RetryPolicy> topicRetries,
        String dataFeedCatalogUrl,
        Integrations integrations,
        String healthMetricUrl,
        dev.almanac.workers.Outbound outbound) {

    static WorkerSettings from(Function<String, String> source) {
        Function<String, String> get =
                name -> {
                    String value = source.apply(name);
                    return value == null || value.isBlank() ? null : value.trim();
                };
        String urls = required(get, "ALMANAC_ENGINE_REST");
        RetryPolicy retry = retry(or(get.apply("ALMANAC_RETRY"), "3,10s,10m"));
        Map<String, RetryPolicy> perTopic = new java.util.HashMap<>();
        for (String topic : dev.almanac.processes.ModelRelease.Topics.ALL) {
            String value = get.apply("ALMANAC_RETRY_" + topic.toUpperCase().replace('-', '_'));
            if (value != null) {
                perTopic.put(topic, retry(value));
            }
        }
        return new WorkerSettings(
                Arrays.stream(urls.split(","))
                        .map(String::trim)
                        .filter(u -> !u.isEmpty())
                        .map(URI::create)
                        .toList(),
                required(get, "ALMANAC_WORKER_USER"),
                required(get, "ALMANAC_WORKER_PASSWORD"),
                or(
                        get.apply("ALMANAC_WORKER_ID"),
                        "almanac-worker-" + ProcessHandle.current().pid()),
                Integer.parseInt(or(get.apply("ALMANAC_MAX_TASKS"), "8")),
                duration(or(get.apply("ALMANAC_LOCK_DURATION"), "5m")),
                duration(or(get.apply("ALMANAC_HTTP_TIMEOUT"), "10s")),
                retry,
                Map.copyOf(perTopic),
                required(get, "ALMANAC_DATA_FEED_CATALOG_URL"),
                integrations(get, duration(or(get.apply("ALMANAC_HTTP_TIMEOUT"), "10s"))),
                required(get, "ALMANAC_HEALTH_METRIC_URL"),
                // where the steps may call: ALMANAC_OUTBOUND_ALLOWED_HOSTS, like the app's
                // almanac.outbound.allowed-hosts
                dev.almanac.workers.Outbound.allowing(get.apply("ALMANAC_OUTBOUND_ALLOWED_HOSTS")));
    }

    /**
     * Where training and deploys go: ALMANAC_TRAINING_WEBHOOK and ALMANAC_DEPLOY_WEBHOOK (signed
     * with ALMANAC_WEBHOOK_SECRET if set) for every model, or a JSON file
     * (ALMANAC_INTEGRATIONS_FILE) of the same shape as the app's almanac.integrations, with
     * per-model targets.
     */
    static Integrations integrations(Function<String, String> get, Duration timeout) {
        String file = get.apply("ALMANAC_INTEGRATIONS_FILE");
        if (file != null) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper()
                        .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                        .readValue(java.nio.file.Path.of(file).toFile(), Integrations.class);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(
                        "ALMANAC_INTEGRATIONS_FILE "
                                + file
                                + " is not readable integrations JSON: "
                                + e.getMessage());
            }
        }
        String secret = get.apply("ALMANAC_WEBHOOK_SECRET");
        var training =
                new Integrations.Hook(
                        URI.create(required(get, "ALMANAC_TRAINING_WEBHOOK")),
                        null,
                        secret,
                        timeout);
        var deploy =
                new Integrations.Hook(
                        URI.create(required(get, "ALMANAC_DEPLOY_WEBHOOK")), null, secret, timeout);
        return new Integrations(
                new Integrations.Target(
                        training,
                        new Integrations.Deploy("webhook", deploy, null, null, null, null)),
                Map.of());
    }

    RetryPolicy retryFor(String topic) {
        return topicRetries.getOrDefault(topic, defaultRetry);
    }

    private static String required(Function<String, String> get, String name) {
        String value = get.apply(name);
        if (value == null) {
            throw new IllegalArgumentException(
                    "Set " + name + " (see the README, 'Standalone workers').");
        }
        return value;
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** "3,10s,10m": retries, first back-off, longest back-off. */
    static RetryPolicy retry(String text) {
        String[] parts = text.split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "A retry setting is 'retries,first-backoff,max-backoff', like 3,10s,10m; got '"
                            + text
                            + "'");
        }
        return new RetryPolicy(
                Integer.parseInt(parts[0].trim()), duration(parts[1]), duration(parts[2]));
    }

    /** 500ms, 10s, 5m, 2h, or ISO-8601 (PT5M). */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase();
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase());
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration like 500ms, 10s, 5m or PT5M");
        }
    }
}
