package dev.almanac.processes;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.DelegateTask;
import org.operaton.bpm.engine.delegate.ExecutionListener;
import org.operaton.bpm.engine.delegate.TaskListener;
import org.operaton.bpm.engine.impl.bpmn.behavior.MultiInstanceActivityBehavior;
import org.operaton.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.operaton.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.pvm.process.ActivityImpl;
import org.operaton.bpm.engine.impl.pvm.process.ScopeImpl;
import org.operaton.bpm.engine.impl.pvm.process.TransitionImpl;
import org.operaton.bpm.engine.impl.task.TaskDefinition;
import org.operaton.bpm.engine.impl.util.xml.Element;
import org.operaton.bpm.engine.task.IdentityLink;
import org.operaton.bpm.engine.task.IdentityLinkType;

/**
 * The one engine plugin through which the procedure talks to Almanac: while a BPMN is parsed it
 * hooks every user task (created, completing), every activity that carries extension properties
 * (started, ended) and every flow leaving a business rule task with properties, and hands each
 * moment to the {@link ProcedureListener}s as plain values. With {@link ProcedureConventions} and
 * {@link StepProperties}, it keeps the engine's internal parse and listener types in this library.
 */
public class ProcedureSignals extends AbstractProcessEnginePlugin {

    private final Supplier<List<ProcedureListener>> listeners;
    private volatile List<ProcedureListener> resolved;

    /**
     * Between a step's name and its release key in a task's name: "Risk review ·
     * fraud-scorer-2026.12".
     */
    public static final String RELEASE_SEPARATOR = " · ";

    /** A task's name: its step's name and the release it is for. */
    public static String taskName(String stepName, String releaseKey) {
        if (stepName == null
                || releaseKey == null
                || stepName.endsWith(RELEASE_SEPARATOR + releaseKey)) {
            return stepName;
        }
        return stepName + RELEASE_SEPARATOR + releaseKey;
    }

    /** The step's name in a task's name, without the release key. */
    public static String stepName(String taskName) {
        if (taskName == null) {
            return null;
        }
        int separator = taskName.lastIndexOf(RELEASE_SEPARATOR);
        return separator < 0 ? taskName : taskName.substring(0, separator);
    }

    /** The listeners are looked up on first use, when the application around the engine is up. */
    public ProcedureSignals(Supplier<List<ProcedureListener>> listeners) {
        this.listeners = listeners;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Map<ActivityImpl, Map<String, String>> decisions =
                Collections.synchronizedMap(new WeakHashMap<>());
        StepProperties.afterParsing(
                configuration,
                new AbstractBpmnParseListener() {
                    @Override
                    public void parseUserTask(
                            Element element, ScopeImpl scope, ActivityImpl activity) {
                        TaskDefinition definition = taskDefinition(activity);
                        if (definition != null) {
                            Map<String, String> properties = StepProperties.of(element);
                            definition.addTaskListener(
                                    TaskListener.EVENTNAME_CREATE,
                                    task -> {
                                        // the Tasklist shows which release a task is for
                                        task.setName(
                                                taskName(
                                                        task.getName(),
                                                        task.getExecution()
                                                                .getProcessBusinessKey()));
                                    });
                            definition.addTaskListener(
                                    TaskListener.EVENTNAME_CREATE,
                                    task ->
                                            each(
                                                    l ->
                                                            l.taskCreated(
                                                                    new TaskMoment(
                                                                            task, properties))));
                            definition.addTaskListener(
                                    TaskListener.EVENTNAME_COMPLETE,
                                    task ->
                                            each(
                                                    l ->
                                                            l.taskCompleting(
                                                                    new TaskMoment(
                                                                            task, properties))));
                        }
                    }

                    @Override
                    public void parseBusinessRuleTask(
                            Element element, ScopeImpl scope, ActivityImpl activity) {
                        Map<String, String> properties = StepProperties.of(element);
                        if (!properties.isEmpty()) {
                            decisions.put(activity, properties);
                        }
                    }

                    @Override
                    public void parseSequenceFlow(
                            Element element, ScopeImpl scope, TransitionImpl transition) {
                        ActivityImpl source = transition.getSource();
                        if (decisions.containsKey(source)) {
                            Map<String, String> properties = decisions.get(source);
                            transition.addListener(
                                    ExecutionListener.EVENTNAME_TAKE,
                                    (ExecutionListener)
                                            execution ->
                                                    each(
                                                            l ->
                                                                    l.decisionTaken(
                                                                            new StepMoment(
                                                                                    execution,
                                                                                    source,
                                                                                    properties))));
                        }
                    }

                    @Override
                    public void parseProcess(Element process, ProcessDefinitionEntity definition) {
                        attach(process, definition);
                    }
                });
    }

    private void attach(Element scope, ProcessDefinitionEntity definition) {
        for (Element element : scope.elements()) {
            Map<String, String> properties = StepProperties.of(element);
            ActivityImpl activity =
                    element.attribute("id") == null || properties.isEmpty()
                            ? null
                            : definition.findActivity(element.attribute("id"));
            if (activity != null) {
                activity.addListener(
                        ExecutionListener.EVENTNAME_START,
                        (ExecutionListener)
                                execution ->
                                        each(
                                                l ->
                                                        l.stepStarted(
                                                                new StepMoment(
                                                                        execution,
                                                                        activity,
                                                                        properties))));
                activity.addListener(
                        ExecutionListener.EVENTNAME_END,
                        (ExecutionListener)
                                execution ->
                                        each(
                                                l ->
                                                        l.stepEnded(
                                                                new StepMoment(
                                                                        execution,
                                                                        activity,
                                                                        properties))));
            }
            if ("subProcess".equals(element.getTagName())
                    || "transaction".equals(element.getTagName())) {
                attach(element, definition);
            }
        }
    }

    private static TaskDefinition taskDefinition(ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior user) {
            return user.getTaskDefinition();
        }
        if (activity.getActivityBehavior() instanceof MultiInstanceActivityBehavior) {
            // a multi-instance task: the inner activity carries the behaviour
            for (ActivityImpl inner : activity.getActivities()) {
                if (inner.getActivityBehavior() instanceof UserTaskActivityBehavior user) {
                    return user.getTaskDefinition();
                }
            }
        }
        return null;
    }

    private void each(Consumer<ProcedureListener> call) {
        List<ProcedureListener> all = resolved;
        if (all == null) {
            all = List.copyOf(listeners.get());
            resolved = all;
        }
        all.forEach(call);
    }

    private record StepMoment(
            DelegateExecution execution, ActivityImpl activity, Map<String, String> properties)
            implements ProcedureListener.Step {

        @Override
        public String releaseKey() {
            return execution.getProcessBusinessKey();
        }

        @Override
        public String processInstanceId() {
            return execution.getProcessInstanceId();
        }

        @Override
        public String activityId() {
            return activity.getId();
        }

        @Override
        public String activityName() {
            return activity.getName() == null ? activity.getId() : activity.getName();
        }

        @Override
        public String activityInstanceId() {
            return execution.getActivityInstanceId();
        }

        @Override
        public Object variable(String name) {
            return execution.getVariable(name);
        }
    }

    private record TaskMoment(DelegateTask task, Map<String, String> properties)
            implements ProcedureListener.Task {

        @Override
        public String releaseKey() {
            return task.getExecution().getProcessBusinessKey();
        }

        @Override
        public String taskId() {
            return task.getId();
        }

        @Override
        public String name() {
            return stepName(task.getName());
        }

        @Override
        public Instant due() {
            return task.getDueDate() == null ? null : task.getDueDate().toInstant();
        }

        @Override
        public List<String> candidateGroups() {
            return task.getCandidates().stream()
                    .filter(
                            link ->
                                    IdentityLinkType.CANDIDATE.equals(link.getType())
                                            && link.getGroupId() != null)
                    .map(IdentityLink::getGroupId)
                    .toList();
        }

        @Override
        public String actor() {
            String user =
                    Context.getCommandContext() == null
                            ? null
                            : Context.getCommandContext().getAuthenticatedUserId();
            return user != null ? user : task.getAssignee();
        }

        @Override
        public Object variable(String name) {
            return task.getVariable(name);
        }

        @Override
        public void setVariable(String name, Object value) {
            task.setVariable(name, value);
        }
    }
}
