package dev.almanac.processes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.operaton.bpm.engine.BpmnParseException;
import org.operaton.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.util.xml.Element;
import org.operaton.bpm.engine.impl.util.xml.Namespace;

/**
 * Rejects a deployment whose procedure the calendar could not read, naming the element: every task,
 * receive task and timer needs a {@code plannedDuration} (ISO-8601, in days and time), and every
 * user task a candidate group.
 */
public class ProcedureConventions extends AbstractProcessEnginePlugin {

    private static final String OPERATON_NS = "http://operaton.org/schema/1.0/bpmn";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<org.operaton.bpm.engine.impl.bpmn.parser.BpmnParseListener> listeners =
                configuration.getCustomPreBPMNParseListeners();
        if (listeners == null) {
            listeners = new ArrayList<>();
            configuration.setCustomPreBPMNParseListeners(listeners);
        }
        listeners.add(new Listener());
    }

    static final class Listener extends AbstractBpmnParseListener {

        private static final Set<String> ACTIVITIES =
                Set.of(
                        "task",
                        "userTask",
                        "serviceTask",
                        "businessRuleTask",
                        "receiveTask",
                        "scriptTask",
                        "manualTask",
                        "sendTask",
                        "callActivity");
        private static final Namespace OPERATON = new Namespace(OPERATON_NS);

        @Override
        public void parseProcess(Element process, ProcessDefinitionEntity definition) {
            check(process);
        }

        /**
         * Walks the process and its sub-processes; the first element that breaks a convention
         * rejects the deployment.
         */
        private static void check(Element scope) {
            for (Element element : scope.elements()) {
                String tag = element.getTagName();
                if (ACTIVITIES.contains(tag)) {
                    requirePlannedDuration(element);
                    checkNeeds(element);
                } else if ("intermediateCatchEvent".equals(tag)
                        && element.element("timerEventDefinition") != null) {
                    requirePlannedDuration(element);
                }
                if ("userTask".equals(tag)) {
                    String groups = element.attributeNS(OPERATON, "candidateGroups");
                    if (groups == null || groups.isBlank()) {
                        throw new BpmnParseException(
                                "User task '"
                                        + element.attribute("id")
                                        + "' has no candidate group (operaton:candidateGroups): every human step needs a team that owns it",
                                element);
                    }
                }
                if ("subProcess".equals(tag) || "transaction".equals(tag)) {
                    check(element);
                }
            }
        }

        private static void requirePlannedDuration(Element element) {
            String id = element.attribute("id");
            String value = plannedDuration(element);
            if (value == null) {
                throw new BpmnParseException(
                        "Activity '"
                                + id
                                + "' has no "
                                + ModelRelease.PLANNED_DURATION
                                + " property: add operaton:property name=\"plannedDuration\" with an ISO-8601 duration like P3D",
                        element);
            }
            try {
                DefaultReleaseTiming.parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new BpmnParseException(
                        "Activity '"
                                + id
                                + "' has an invalid "
                                + ModelRelease.PLANNED_DURATION
                                + ": "
                                + e.getMessage(),
                        element);
            }
        }

        private static void checkNeeds(Element element) {
            String value = property(element, ModelRelease.NEEDS);
            if (value == null) {
                return;
            }
            try {
                DefaultReleaseTiming.parseNeeds(value);
            } catch (IllegalArgumentException e) {
                throw new BpmnParseException(
                        "Activity '"
                                + element.attribute("id")
                                + "' has an invalid "
                                + ModelRelease.NEEDS
                                + ": "
                                + e.getMessage()
                                + "; write resource:amount pairs separated by commas",
                        element);
            }
        }

        private static String plannedDuration(Element element) {
            return property(element, ModelRelease.PLANNED_DURATION);
        }

        private static String property(Element element, String name) {
            return StepProperties.of(element).get(name);
        }
    }
}
