package dev.almanac.releases.internal;

import dev.almanac.operations.Sampled;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The engine's job executor and incidents for operators: jobs due and not yet taken (the backlog),
 * jobs out of retries, open incidents. Counted across the cluster (the engine's tables).
 */
@Component
class EngineMetrics {

    EngineMetrics(ManagementService management, RuntimeService runtime, MeterRegistry meters) {
        Duration every = Duration.ofSeconds(15);
        Sampled<Long> backlog =
                new Sampled<>(() -> management.createJobQuery().executable().count(), every);
        Sampled<Long> failed =
                new Sampled<>(() -> management.createJobQuery().noRetriesLeft().count(), every);
        Sampled<Long> incidents = new Sampled<>(() -> runtime.createIncidentQuery().count(), every);
        Gauge.builder("almanac.jobs.backlog", backlog, Sampled::number)
                .description("Engine jobs due and not yet done (timers, async steps, retries)")
                .register(meters);
        Gauge.builder("almanac.jobs.failed", failed, Sampled::number)
                .description("Engine jobs with no retries left")
                .register(meters);
        Gauge.builder("almanac.incidents", incidents, Sampled::number)
                .description("Open incidents in the engine")
                .register(meters);
    }
}
