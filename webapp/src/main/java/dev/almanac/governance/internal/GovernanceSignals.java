package dev.almanac.governance.internal;

import dev.almanac.governance.Decision;
import dev.almanac.governance.DecisionKind;
import dev.almanac.governance.DecisionLog;
import dev.almanac.governance.FourEyes;
import dev.almanac.governance.FourEyesViolation;
import dev.almanac.governance.GovernanceEvents;
import dev.almanac.governance.OverrideRefused;
import dev.almanac.governance.OverrideRequests;
import dev.almanac.processes.ModelRelease;
import dev.almanac.processes.ModelRelease.Variables;
import dev.almanac.processes.OverrideExpiry;
import dev.almanac.processes.ProcedureClock;
import dev.almanac.processes.ProcedureListener;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Governance inside the procedure, read from the BPMN's properties: a user task with a {@code
 * decisionVariable} writes its decision to the log when completed; {@code fourEyes} refuses the
 * person who requested or last changed the release; {@code override} refuses an override without a
 * reason and a future expiry; a {@code gate} business rule task logs its outcome; the {@code
 * retrospective} keeps its actions for the next release. Everything happens in the engine's
 * transaction, so a refused completion changes nothing.
 */
@Component
class GovernanceSignals implements ProcedureListener {

    static final Set<String> NEGATIVE =
            Set.of("reject", "no-go", "halt", "decline", "stop", "changes");

    /** The variables a decision is based on, as far as the release has them. */
    static final List<String> BASIS =
            List.of(
                    Variables.ACCURACY,
                    Variables.LATENCY_P95_MS,
                    Variables.BASELINE_ACCURACY,
                    Variables.ACCURACY_DELTA,
                    Variables.GATE_OUTCOME,
                    Variables.GATE_REASON,
                    Variables.RISK_TIER,
                    Variables.LANE,
                    Variables.TARGET_DATE,
                    Variables.MODEL_URI,
                    Variables.SIGNOFF);

    private final DecisionLog log;
    private final ApplicationEventPublisher events;
    private final FourEyes fourEyes;
    private final OverrideRequests overrides;

    GovernanceSignals(
            DecisionLog log,
            ApplicationEventPublisher events,
            FourEyes fourEyes,
            OverrideRequests overrides) {
        this.log = log;
        this.events = events;
        this.fourEyes = fourEyes;
        this.overrides = overrides;
    }

    @Override
    public void taskCompleting(Task task) {
        for (String name : FourEyes.RECORD_ONLY) {
            if (task.variable(name) != null) {
                throw new FourEyesViolation(FourEyes.recordOnly(name, task.name()).orElseThrow());
            }
        }
        Map<String, String> properties = task.properties();
        if (properties.containsKey(ModelRelease.DECISION_VARIABLE)) {
            decided(task, properties);
        }
        if ("true".equals(properties.get(ModelRelease.RETROSPECTIVE))) {
            retrospective(task);
        }
    }

    @Override
    public void decisionTaken(Step decision) {
        // on leaving a gate, when the decision's output mapping has set the outcome
        if ("true".equals(decision.properties().get(ModelRelease.GATE))) {
            gate(decision);
        }
    }

    private void decided(Task task, Map<String, String> properties) {
        String releaseKey = task.releaseKey();
        String actor = task.actor();
        String decision = string(task.variable(properties.get(ModelRelease.DECISION_VARIABLE)));
        String rationale =
                string(task.variable(properties.getOrDefault(ModelRelease.RATIONALE_VARIABLE, "")));
        String subject = task.name();
        if ("true".equals(properties.get(ModelRelease.FOUR_EYES))) {
            fourEyes(actor, releaseKey, subject, properties.get(ModelRelease.OVERRIDE));
        }
        String override = properties.get(ModelRelease.OVERRIDE);
        Instant until = null;
        if (override != null) {
            if (rationale == null || rationale.isBlank()) {
                throw new OverrideRefused(
                        "An override needs a reason: say why "
                                + releaseKey
                                + " may go on despite the "
                                + ("freeze".equals(override) ? "freeze" : "failed gate")
                                + ", or why not. Nothing was granted.");
            }
            if ("approve".equals(decision)) {
                try {
                    until = OverrideExpiry.endOf(task.variable(Variables.OVERRIDE_EXPIRY));
                } catch (IllegalArgumentException e) {
                    throw new OverrideRefused(e.getMessage() + " Nothing was granted.");
                }
                if (!until.isAfter(ProcedureClock.now())) {
                    throw new OverrideRefused(
                            "The override's expiry "
                                    + task.variable(Variables.OVERRIDE_EXPIRY)
                                    + " has passed; give a date from today on. Nothing was granted.");
                }
            }
        }
        if ("override".equals(decision)) {
            // whoever asks for the override of the failed gate cannot grant it
            overrides.requested(releaseKey, "gate", actor, rationale);
        }
        DecisionKind kind =
                override != null && "approve".equals(decision)
                        ? DecisionKind.OVERRIDE
                        : decision != null && NEGATIVE.contains(decision)
                                ? DecisionKind.REJECTION
                                : DecisionKind.APPROVAL;
        Map<String, Object> basis = basis(task::variable);
        if (task.due() != null) {
            basis.put("due", task.due().toString());
        }
        if (until != null) {
            basis.put("overrideUntil", until.toString());
        }
        String outcome =
                override != null && until != null
                        ? "override granted until " + until
                        : decision == null ? "completed" : decision;
        DecisionLog.Entry entry =
                log.record(
                        new Decision(
                                kind,
                                releaseKey,
                                subject,
                                outcome,
                                actor,
                                ProcedureClock.now(),
                                rationale == null ? "" : rationale,
                                basis,
                                null));
        events.publishEvent(
                new GovernanceEvents.Decided(releaseKey, subject, outcome, actor, rationale, kind));
        if (kind == DecisionKind.OVERRIDE) {
            events.publishEvent(
                    new GovernanceEvents.OverrideGranted(
                            releaseKey, override, actor, rationale, until, entry.id()));
        }
        if ("halt".equals(decision)
                && Variables.VALIDATION_DECISION.equals(
                        properties.get(ModelRelease.DECISION_VARIABLE))) {
            events.publishEvent(
                    new GovernanceEvents.GateHalted(
                            releaseKey, subject, rationale, metrics(task::variable), actor));
        }
    }

    private void fourEyes(String actor, String releaseKey, String subject, String override) {
        fourEyes.refusal(actor, releaseKey, subject, override)
                .ifPresent(
                        refusal -> {
                            throw new FourEyesViolation(refusal);
                        });
    }

    private void gate(Step gate) {
        String outcome = string(gate.variable(Variables.GATE_OUTCOME));
        String reason = string(gate.variable(Variables.GATE_REASON));
        String releaseKey = gate.releaseKey();
        Map<String, Object> basis = basis(gate::variable);
        String name = gate.activityName();
        log.record(
                new Decision(
                        DecisionKind.GATE,
                        releaseKey,
                        name,
                        outcome == null ? "decided" : outcome,
                        "decision table " + gate.activityId(),
                        ProcedureClock.now(),
                        reason == null ? "" : reason,
                        basis,
                        null));
        if ("halt".equals(outcome)) {
            events.publishEvent(
                    new GovernanceEvents.GateHalted(
                            releaseKey, name, reason, metrics(gate::variable), null));
        }
    }

    private void retrospective(Task task) {
        events.publishEvent(
                new GovernanceEvents.RetrospectiveHeld(
                        task.releaseKey(),
                        string(task.variable(Variables.MODEL)),
                        string(task.variable(Variables.RETRO_WENT_WELL)),
                        string(task.variable(Variables.RETRO_SLIPPED)),
                        string(task.variable(Variables.RETRO_ACTIONS)),
                        task.actor()));
    }

    static Map<String, Object> basis(Function<String, Object> scope) {
        Map<String, Object> basis = new LinkedHashMap<>();
        for (String name : BASIS) {
            Object value = scope.apply(name);
            if (value instanceof Number || value instanceof String || value instanceof Boolean) {
                basis.put(name, value);
            }
        }
        return basis;
    }

    static Map<String, Object> metrics(Function<String, Object> scope) {
        Map<String, Object> metrics = new HashMap<>();
        for (String name :
                List.of(
                        Variables.ACCURACY,
                        Variables.BASELINE_ACCURACY,
                        Variables.ACCURACY_DELTA,
                        Variables.LATENCY_P95_MS)) {
            Object value = scope.apply(name);
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
