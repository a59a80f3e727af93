package dev.almanac.releases.internal;

import dev.almanac.operations.Sampled;
import io.micrometer.core.instrument.MeterRegistry;
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
        Sampled.gauge(
                meters,
                "almanac.jobs.backlog",
                "Engine jobs due and not yet done (timers, async steps, retries)",
                () -> management.createJobQuery().executable().count());
        Sampled.gauge(
                meters,
                "almanac.jobs.failed",
                "Engine jobs with no retries left",
                () -> management.createJobQuery().noRetriesLeft().count());
        Sampled.gauge(
                meters,
                "almanac.incidents",
                "Open incidents in the engine",
                () -> runtime.createIncidentQuery().count());
    }
}
