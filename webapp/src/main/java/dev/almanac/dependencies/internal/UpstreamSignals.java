package dev.almanac.dependencies.internal;

import dev.almanac.releases.MilestoneStepEnded;
import dev.almanac.processes.ModelRelease;
import dev.almanac.processes.StepProperties;
import org.operaton.bpm.engine.delegate.ExecutionListener;
import org.operaton.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.pvm.process.ActivityImpl;
import org.operaton.bpm.engine.impl.util.xml.Element;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells Almanac when a milestone step of any release ends: every activity with a {@code milestone}
 * property gets an end listener that publishes {@link MilestoneStepEnded} inside the engine's
 * transaction, so the releases waiting for it are told only once it has committed.
 */
@Component
class UpstreamSignals extends AbstractProcessEnginePlugin {

    private final ApplicationEventPublisher events;

    UpstreamSignals(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        ExecutionListener ended = execution -> events.publishEvent(new MilestoneStepEnded(execution.getProcessBusinessKey(),
                execution.getCurrentActivityId()));
        StepProperties.afterParsing(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element process, ProcessDefinitionEntity definition) {
                attach(process, definition, ended);
            }
        });
    }

    private static void attach(Element scope, ProcessDefinitionEntity definition, ExecutionListener ended) {
        for (Element element : scope.elements()) {
            if (hasMilestone(element)) {
                ActivityImpl activity = definition.findActivity(element.attribute("id"));
                if (activity != null) {
                    activity.addListener(ExecutionListener.EVENTNAME_END, ended);
                }
            }
            if ("subProcess".equals(element.getTagName()) || "transaction".equals(element.getTagName())) {
                attach(element, definition, ended);
            }
        }
    }

    private static boolean hasMilestone(Element element) {
        return StepProperties.of(element).containsKey(ModelRelease.MILESTONE);
    }
}
