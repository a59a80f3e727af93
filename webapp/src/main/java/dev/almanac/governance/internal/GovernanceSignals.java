package dev.almanac.governance.internal;

import dev.almanac.governance.Decision;
import dev.almanac.governance.DecisionKind;
import dev.almanac.governance.DecisionLog;
import dev.almanac.governance.FourEyesViolation;
import dev.almanac.governance.GovernanceEvents;
import dev.almanac.governance.OverrideRefused;
import dev.almanac.processes.ModelRelease;
import dev.almanac.processes.StepProperties;
import dev.almanac.processes.ModelRelease.Variables;
import dev.almanac.processes.OverrideExpiry;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.DelegateTask;
import org.operaton.bpm.engine.delegate.ExecutionListener;
import org.operaton.bpm.engine.delegate.TaskListener;
import org.operaton.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.pvm.process.ActivityImpl;
import org.operaton.bpm.engine.impl.pvm.process.ScopeImpl;
import org.operaton.bpm.engine.impl.task.TaskDefinition;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.engine.impl.util.xml.Element;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Governance inside the procedure, read from the BPMN's properties: a user task with a
 * {@code decisionVariable} writes its decision to the log when completed; {@code fourEyes} refuses
 * the person who requested or last changed the release; {@code override} refuses an override
 * without a reason and a future expiry; a {@code gate} business rule task logs its outcome; the
 * {@code retrospective} keeps its actions for the next release. Everything happens in the engine's
 * transaction, so a refused completion changes nothing.
 */
@Component
class GovernanceSignals extends AbstractProcessEnginePlugin {

    static final Set<String> NEGATIVE = Set.of("reject", "no-go", "halt", "decline", "stop", "changes");
    /** The variables a decision is based on, as far as the release has them. */
    static final List<String> BASIS = List.of(Variables.ACCURACY, Variables.LATENCY_P95_MS, Variables.BASELINE_ACCURACY, Variables.ACCURACY_DELTA,
            Variables.GATE_OUTCOME, Variables.GATE_REASON, Variables.RISK_TIER, Variables.LANE, Variables.TARGET_DATE, Variables.MODEL_URI,
            Variables.SIGNOFF);

    private final DecisionLog log;
    private final ApplicationEventPublisher events;

    GovernanceSignals(DecisionLog log, ApplicationEventPublisher events) {
        this.log = log;
        this.events = events;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        java.util.Set<Object> gates = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
        StepProperties.afterParsing(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                Map<String, String> properties = StepProperties.of(element);
                TaskDefinition definition = taskDefinition(activity);
                if (definition == null) {
                    return;
                }
                if (properties.containsKey(ModelRelease.DECISION_VARIABLE)) {
                    definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, task -> decided(task, properties));
                }
                if ("true".equals(properties.get(ModelRelease.RETROSPECTIVE))) {
                    definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, GovernanceSignals.this::retrospective);
                }
            }

            @Override
            public void parseBusinessRuleTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if ("true".equals(StepProperties.of(element).get(ModelRelease.GATE))) {
                    gates.add(activity);
                }
            }

            @Override
            public void parseSequenceFlow(Element element, ScopeImpl scope, org.operaton.bpm.engine.impl.pvm.process.TransitionImpl transition) {
                // on leaving a gate, when the decision's output mapping has set the outcome
                if (gates.contains(transition.getSource())) {
                    ActivityImpl gate = (ActivityImpl) transition.getSource();
                    transition.addListener(ExecutionListener.EVENTNAME_TAKE, (ExecutionListener) execution -> gate(execution, gate));
                }
            }

            @Override
            public void parseProcess(Element process, ProcessDefinitionEntity definition) {
                // nothing process-wide
            }
        });
    }

    private static TaskDefinition taskDefinition(ActivityImpl activity) {
        Object behavior = activity.getActivityBehavior();
        if (behavior instanceof org.operaton.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior user) {
            return user.getTaskDefinition();
        }
        if (behavior instanceof org.operaton.bpm.engine.impl.bpmn.behavior.MultiInstanceActivityBehavior) {
            // a multi-instance task: the inner activity carries the behaviour
            for (ActivityImpl inner : activity.getActivities()) {
                if (inner.getActivityBehavior() instanceof org.operaton.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior user) {
                    return user.getTaskDefinition();
                }
            }
        }
        return null;
    }

    /** Who is completing the task: the signed-in user, else its assignee. */
    static String actor(DelegateTask task) {
        String user = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthenticatedUserId();
        return user != null ? user : task.getAssignee();
    }

    private void decided(DelegateTask task, Map<String, String> properties) {
        String releaseKey = task.getExecution().getProcessBusinessKey();
        String actor = actor(task);
        String decision = string(task.getVariable(properties.get(ModelRelease.DECISION_VARIABLE)));
        String rationale = string(task.getVariable(properties.getOrDefault(ModelRelease.RATIONALE_VARIABLE, "")));
        String subject = task.getName();
        if ("true".equals(properties.get(ModelRelease.FOUR_EYES))) {
            fourEyes(task, actor, releaseKey, subject, properties.containsKey(ModelRelease.OVERRIDE));
        }
        String override = properties.get(ModelRelease.OVERRIDE);
        Instant until = null;
        if (override != null) {
            if (rationale == null || rationale.isBlank()) {
                throw new OverrideRefused("An override needs a reason: say why " + releaseKey + " may go on despite the "
                        + ("freeze".equals(override) ? "freeze" : "failed gate") + ", or why not. Nothing was granted.");
            }
            if ("approve".equals(decision)) {
                try {
                    until = OverrideExpiry.endOf(task.getVariable(Variables.OVERRIDE_EXPIRY));
                } catch (IllegalArgumentException e) {
                    throw new OverrideRefused(e.getMessage() + " Nothing was granted.");
                }
                if (!until.isAfter(ClockUtil.getCurrentTime().toInstant())) {
                    throw new OverrideRefused("The override's expiry " + task.getVariable(Variables.OVERRIDE_EXPIRY)
                            + " has passed; give a date from today on. Nothing was granted.");
                }
            }
        }
        if ("override".equals(decision)) {
            // whoever asks for the override cannot grant it
            task.setVariable(Variables.OVERRIDE_REQUESTED_BY, actor);
        }
        DecisionKind kind = override != null && "approve".equals(decision) ? DecisionKind.OVERRIDE
                : decision != null && NEGATIVE.contains(decision) ? DecisionKind.REJECTION : DecisionKind.APPROVAL;
        Map<String, Object> basis = basis(task.getExecution());
        if (task.getDueDate() != null) {
            basis.put("due", task.getDueDate().toInstant().toString());
        }
        if (until != null) {
            basis.put("overrideUntil", until.toString());
        }
        String outcome = override != null && until != null ? "override granted until " + until : decision == null ? "completed" : decision;
        DecisionLog.Entry entry = log.record(new Decision(kind, releaseKey, subject, outcome, actor, ClockUtil.getCurrentTime().toInstant(),
                rationale == null ? "" : rationale, basis, null));
        events.publishEvent(new GovernanceEvents.Decided(releaseKey, subject, outcome, actor, rationale, kind));
        if (kind == DecisionKind.OVERRIDE) {
            events.publishEvent(new GovernanceEvents.OverrideGranted(releaseKey, override, actor, rationale, until, entry.id()));
        }
        if ("halt".equals(decision) && Variables.VALIDATION_DECISION.equals(properties.get(ModelRelease.DECISION_VARIABLE))) {
            events.publishEvent(new GovernanceEvents.GateHalted(releaseKey, subject, rationale, metrics(task.getExecution()), actor));
        }
    }

    private static void fourEyes(DelegateTask task, String actor, String releaseKey, String subject, boolean grantsOverride) {
        if (actor == null) {
            return;
        }
        if (actor.equals(task.getVariable(Variables.REQUESTED_BY))) {
            throw new FourEyesViolation("Four-eyes: " + actor + " requested release " + releaseKey + " and cannot also decide '" + subject
                    + "'. Someone else in the task's group must decide it.");
        }
        if (actor.equals(task.getVariable(Variables.LAST_CHANGED_BY))) {
            throw new FourEyesViolation("Four-eyes: " + actor + " last changed the plan of release " + releaseKey + " and cannot also decide '"
                    + subject + "'. Someone else in the task's group must decide it.");
        }
        if (grantsOverride && actor.equals(task.getVariable(Variables.OVERRIDE_REQUESTED_BY))) {
            throw new FourEyesViolation("Four-eyes: " + actor + " asked for this override of " + releaseKey
                    + " and cannot also grant it. Another release manager must decide.");
        }
    }

    private void gate(DelegateExecution execution, ActivityImpl activity) {
        String outcome = string(execution.getVariable(Variables.GATE_OUTCOME));
        String reason = string(execution.getVariable(Variables.GATE_REASON));
        String releaseKey = execution.getProcessBusinessKey();
        Map<String, Object> basis = basis(execution);
        String name = activity.getName() == null ? activity.getId() : activity.getName();
        log.record(new Decision(DecisionKind.GATE, releaseKey, name, outcome == null ? "decided" : outcome, "decision table " + activity.getId(),
                ClockUtil.getCurrentTime().toInstant(), reason == null ? "" : reason, basis, null));
        if ("halt".equals(outcome)) {
            events.publishEvent(new GovernanceEvents.GateHalted(releaseKey, name, reason, metrics(execution), null));
        }
    }

    private void retrospective(DelegateTask task) {
        events.publishEvent(new GovernanceEvents.RetrospectiveHeld(task.getExecution().getProcessBusinessKey(),
                string(task.getVariable(Variables.MODEL)), string(task.getVariable(Variables.RETRO_WENT_WELL)),
                string(task.getVariable(Variables.RETRO_SLIPPED)), string(task.getVariable(Variables.RETRO_ACTIONS)), actor(task)));
    }

    static Map<String, Object> basis(org.operaton.bpm.engine.delegate.VariableScope scope) {
        Map<String, Object> basis = new LinkedHashMap<>();
        for (String name : BASIS) {
            Object value = scope.getVariable(name);
            if (value instanceof Number || value instanceof String || value instanceof Boolean) {
                basis.put(name, value);
            }
        }
        return basis;
    }

    static Map<String, Object> metrics(org.operaton.bpm.engine.delegate.VariableScope scope) {
        Map<String, Object> metrics = new HashMap<>();
        for (String name : List.of(Variables.ACCURACY, Variables.BASELINE_ACCURACY, Variables.ACCURACY_DELTA, Variables.LATENCY_P95_MS)) {
            Object value = scope.getVariable(name);
            if (value instanceof Number) {
                metrics.put(name, value);
            }
        }
        return metrics;
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
