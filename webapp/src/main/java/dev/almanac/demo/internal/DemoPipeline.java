package dev.almanac.demo.internal;

import static dev.almanac.processes.ModelRelease.Variables.*;

import dev.almanac.processes.ModelRelease;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.Releases;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The simulated data and training pipelines: a while after a release starts waiting, they send
 * {@code data-ready} and {@code training-finished} with metrics, as a real pipeline would.
 */
@Component
@ConditionalOnProperty(name = "almanac.demo.enabled", havingValue = "true")
class DemoPipeline {

    private static final Logger log = LoggerFactory.getLogger(DemoPipeline.class);

    private final Releases releases;

    private final ReleaseQueries releaseQueries;
    private final DemoProperties properties;
    private final Clock clock;

    DemoPipeline(
            Releases releases,
            ReleaseQueries releaseQueries,
            DemoProperties properties,
            Clock clock) {
        this.releases = releases;
        this.releaseQueries = releaseQueries;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 5_000, fixedDelay = 5_000)
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(
            name = "demo-pipeline",
            lockAtLeastFor = "PT4S",
            lockAtMostFor = "PT2M")
    void advance() {
        Instant now = clock.instant();
        releaseQueries
                .waitingFor(ModelRelease.Messages.DATA_READY)
                .forEach(
                        (key, since) -> {
                            if (since.plus(properties.dataReadyAfter()).isBefore(now)) {
                                send(key, ModelRelease.Messages.DATA_READY, Map.of());
                            }
                        });
        releaseQueries
                .waitingFor(ModelRelease.Messages.TRAINING_FINISHED)
                .forEach(
                        (key, since) -> {
                            if (since.plus(properties.trainingTakes()).isBefore(now)) {
                                send(key, ModelRelease.Messages.TRAINING_FINISHED, metricsFor(key));
                            }
                        });
    }

    /** Deterministic metrics per model, so each demo release takes a different path at the gate. */
    static Map<String, Object> metricsFor(String key) {
        double accuracy = (900 + Math.abs(key.hashCode()) % 50) / 1000.0;
        double latency = key.startsWith("churn") ? 620 : 80 + Math.abs(key.hashCode()) % 150;
        return Map.of(
                ACCURACY,
                accuracy,
                LATENCY_P95_MS,
                latency,
                MODEL_URI,
                "s3://almanac-demo/models/" + key);
    }

    private void send(String key, String message, Map<String, Object> variables) {
        try {
            releases.deliver(key, message, variables);
            log.info("Demo pipeline sent {} to {}", message, key);
        } catch (RuntimeException e) {
            log.warn("Demo pipeline could not send {} to {}: {}", message, key, e.getMessage());
        }
    }
}
