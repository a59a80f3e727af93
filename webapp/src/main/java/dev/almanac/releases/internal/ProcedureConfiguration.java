package dev.almanac.releases.internal;

import dev.almanac.processes.ProcedureConventions;
import dev.almanac.processes.ProcedureListener;
import dev.almanac.processes.ProcedureSignals;
import dev.almanac.processes.ReleaseTiming;
import org.operaton.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the engine needs to run release procedures: their timing bean and their deployment rules.
 */
@Configuration(proxyBeanMethods = false)
class ProcedureConfiguration {

    /**
     * Named as the BPMN expressions call it: {@code ${releaseTiming.nextReleaseWindow(execution)}}.
     */
    @Bean(ReleaseTiming.BEAN_NAME)
    ReleaseTiming releaseTiming(
            ReleaseTimingProperties properties,
            dev.almanac.planning.PlanningCatalog catalog,
            dev.almanac.planning.Windows windows,
            ReleasePlanRepository plans) {
        return new WindowedReleaseTiming(
                catalog,
                windows,
                plans,
                properties.monitoringPeriod(),
                properties.retrospectiveDelay());
    }

    /**
     * The procedure's moments (tasks created and completed, steps started and ended, decisions
     * taken) reach every {@link ProcedureListener} bean; the listeners are looked up once the
     * application is up, so they may use anything the application offers.
     */
    @Bean
    ProcessEnginePlugin procedureSignals(ObjectProvider<ProcedureListener> listeners) {
        return new ProcedureSignals(() -> listeners.orderedStream().toList());
    }

    /** A procedure the calendar cannot read is rejected at deployment, naming the element. */
    @Bean
    ProcessEnginePlugin procedureConventions() {
        return new ProcedureConventions();
    }
}
