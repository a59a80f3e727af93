package dev.almanac.releases.internal;

import org.operaton.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.almanac.processes.DefaultReleaseTiming;
import dev.almanac.processes.ProcedureConventions;
import dev.almanac.processes.ReleaseTiming;

/** What the engine needs to run release procedures: their timing bean and their deployment rules. */
@Configuration(proxyBeanMethods = false)
class ProcedureConfiguration {

    /** Named as the BPMN expressions call it: {@code ${releaseTiming.nextReleaseWindow(execution)}}. */
    @Bean(ReleaseTiming.BEAN_NAME)
    ReleaseTiming releaseTiming(ReleaseTimingProperties properties, dev.almanac.planning.PlanningCatalog catalog, ReleasePlanRepository plans) {
        return new WindowedReleaseTiming(catalog, plans, properties.monitoringPeriod(), properties.retrospectiveDelay());
    }

    /** A procedure the calendar cannot read is rejected at deployment, naming the element. */
    @Bean
    ProcessEnginePlugin procedureConventions() {
        return new ProcedureConventions();
    }
}
