package dev.almanac.releases.internal;

import dev.almanac.processes.ProcedureConventions;
import dev.almanac.processes.ProcedureListener;
import dev.almanac.processes.ProcedureSignals;
import dev.almanac.processes.ReleaseTiming;
import dev.almanac.processes.safety.ProcedureSafety;
import dev.almanac.processes.safety.PublishedApi;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.operaton.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
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

    /**
     * A procedure parsed (deployed on this node, or read into the engine's cache) may be a new
     * latest version: the kept one is forgotten. Other nodes see a new version within ten seconds.
     */
    @Bean
    ProcessEnginePlugin latestProcedureFollowsDeployments() {
        return new org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin() {
            @Override
            public void preInit(
                    org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl configuration) {
                if (configuration.getCustomPostBPMNParseListeners() == null) {
                    configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
                }
                configuration
                        .getCustomPostBPMNParseListeners()
                        .add(
                                new org.operaton.bpm.engine.impl.bpmn.parser
                                        .AbstractBpmnParseListener() {
                                    @Override
                                    public void parseProcess(
                                            org.operaton.bpm.engine.impl.util.xml.Element process,
                                            org.operaton.bpm.engine.impl.persistence.entity
                                                            .ProcessDefinitionEntity
                                                    definition) {
                                        ProcedureModels.procedureParsed();
                                    }
                                });
            }
        };
    }

    /**
     * Procedures run no code of their own: deployments are reviewed, expressions reach only the
     * published beans (looked up when first called, so they may use anything the application
     * offers), and there are no scripts.
     */
    @Bean
    ProcessEnginePlugin procedureSafety(ApplicationContext context) {
        Map<Object, Object> beans =
                new AbstractMap<>() {
                    @Override
                    public boolean containsKey(Object name) {
                        return PublishedApi.BEANS.containsKey(name);
                    }

                    @Override
                    public Object get(Object name) {
                        return containsKey(name) ? context.getBean((String) name) : null;
                    }

                    @Override
                    public Set<Entry<Object, Object>> entrySet() {
                        Map<Object, Object> all = new HashMap<>();
                        PublishedApi.BEANS.keySet().forEach(name -> all.put(name, get(name)));
                        return all.entrySet();
                    }
                };
        return new ProcedureSafety(beans);
    }

    /** A procedure the calendar cannot read is rejected at deployment, naming the element. */
    @Bean
    ProcessEnginePlugin procedureConventions() {
        return new ProcedureConventions();
    }
}
