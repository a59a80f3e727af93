package dev.almanac.releases;

import dev.almanac.identity.People;
import dev.almanac.identity.TaskOwnership;
import dev.almanac.planning.Lane;
import dev.almanac.releases.internal.ProcedureModels;
import dev.almanac.releases.internal.ReleasePlan;
import dev.almanac.releases.internal.ReleasePlanRepository;
import dev.almanac.releases.internal.ReleaseProcess;
import dev.almanac.releases.internal.ReleaseSnapshots;
import dev.almanac.releases.internal.StepOverride;
import dev.almanac.releases.internal.StepOverrideRepository;
import dev.almanac.releases.internal.WindowWaits;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The releases module's commands: plan a release (and start its procedure), deliver pipeline
 * messages, complete its tasks, move its dates, replan and cancel it. What releases look like is
 * read through {@link ReleaseQueries}.
 */
@Service
public class Releases {

    private final ReleasePlanRepository plans;
    private final ReleaseProcess process;
    private final ReleaseQueries queries;
    private final People teams;
    private final Clock clock;
    private final ReleaseSnapshots snapshots;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final dev.almanac.planning.PlanningCatalog catalog;
    private final ProcedureModels procedures;
    private dev.almanac.governance.DecisionLog decisions;

    @org.springframework.beans.factory.annotation.Autowired
    void decisionLog(dev.almanac.governance.DecisionLog decisions) {
        this.decisions = decisions;
    }

    private final StepOverrideRepository overrides;
    private final WindowWaits windowWaits;
    private final TaskOwnership ownership;
    private final dev.almanac.releases.internal.ReleaseAuthorship authorship;
    private final dev.almanac.governance.OverrideRequests overrideRequests;
    private final dev.almanac.identity.AccessPolicy policy;
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    Releases(
            ReleasePlanRepository plans,
            ReleaseProcess process,
            ReleaseQueries queries,
            People teams,
            Clock clock,
            ReleaseSnapshots snapshots,
            dev.almanac.planning.PlanningCatalog catalog,
            org.springframework.context.ApplicationEventPublisher events,
            ProcedureModels procedures,
            StepOverrideRepository overrides,
            @org.springframework.context.annotation.Lazy WindowWaits windowWaits,
            TaskOwnership ownership,
            dev.almanac.releases.internal.ReleaseAuthorship authorship,
            dev.almanac.governance.OverrideRequests overrideRequests,
            dev.almanac.identity.AccessPolicy policy,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.transactions =
                new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.policy = policy;
        this.ownership = ownership;
        this.authorship = authorship;
        this.overrideRequests = overrideRequests;
        this.overrides = overrides;
        this.windowWaits = windowWaits;
        this.events = events;
        this.procedures = procedures;
        this.snapshots = snapshots;
        this.catalog = catalog;
        this.plans = plans;
        this.process = process;
        this.queries = queries;
        this.teams = teams;
        this.clock = clock;
    }

    /**
     * Plans a release and starts its procedure in one transaction: either both happen or neither.
     * Two plans racing to catalogue a new model both succeed; two racing for the same release key:
     * one is refused.
     *
     * @throws ReleaseRejected naming the field when the request is not valid
     */
    public ReleaseSummary plan(NewRelease request, String requestedBy) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> planOnce(request, requestedBy));
            } catch (org.springframework.dao.DataIntegrityViolationException
                    | org.springframework.dao.ConcurrencyFailureException raced) {
                // Another node or request catalogued the same new model, or planned the same
                // release, between our checks and our inserts (MariaDB may also pick one of them
                // as a deadlock's loser). Again: the model is there now, and the same release is
                // refused by name.
                // inside a caller's transaction the retry would only meet the same rolled-back one
                if (attempt == 3
                        || org.springframework.transaction.support.TransactionSynchronizationManager
                                .isActualTransactionActive()) {
                    throw raced;
                }
            }
        }
    }

    private ReleaseSummary planOnce(NewRelease request, String requestedBy) {
        validate(request);
        String feeds =
                request.dataFeeds() == null || request.dataFeeds().isBlank()
                        ? null
                        : String.join(",", request.dataFeeds().trim().split("\\s*,\\s*"));
        ReleasePlan plan =
                new ReleasePlan(
                        request.model(),
                        request.version(),
                        request.lane(),
                        request.riskTier(),
                        request.ownerTeam(),
                        request.targetDate(),
                        feeds,
                        clock.instant(),
                        requestedBy);
        plans.save(plan);
        catalog.catalogue(plan.getModel(), plan.getOwnerTeam(), plan.getRiskTier());
        plan.started(process.start(plan).getId());
        events.publishEvent(new ReleasePlanChanged(plan.getKey()));
        return ReleaseSummary.of(plan, ReleaseProgress.NOT_STARTED);
    }

    private void validate(NewRelease request) {
        request.check(teams::exists, LocalDate.now(clock));
        String key = ReleasePlan.keyOf(request.model(), request.version());
        if (plans.existsByKey(key)) {
            throw new ReleaseRejected(
                    "version", "Release " + key + " already exists; choose another version.");
        }
    }

    /** Delivers a pipeline message (like data-ready) with its variables to a release. */
    @Transactional
    public void deliver(String key, String message, Map<String, Object> variables) {
        process.correlate(queries.startedPlan(key).getProcessInstanceId(), message, variables);
    }

    /**
     * Delivers a pipeline message to a release already looked up, without reading its plan again.
     */
    @Transactional
    public void deliver(ReleaseSummary release, String message, Map<String, Object> variables) {
        if (release.processInstanceId() == null) {
            throw new ReleaseRejected("key", "Release " + release.key() + " has not started");
        }
        process.correlate(release.processInstanceId(), message, variables);
    }

    /**
     * Completes a task as the person: refused, naming the group, when it is not theirs; the engine
     * then checks it again in their name.
     *
     * @throws TaskRefused when the person is not a candidate of the task
     */
    @Transactional
    public void completeTask(String taskId, String userId, Map<String, Object> variables) {
        ownership
                .refusal(userId, taskId)
                .ifPresent(
                        refusal -> {
                            throw new TaskRefused(refusal);
                        });
        teams.actingAs(
                userId,
                () -> {
                    process.completeTask(taskId, userId, variables);
                    return null;
                });
    }

    /**
     * Moves when an active step of a running release is expected to end: a user task's due date, a
     * timer's due date, or, for a step the engine keeps no date for (an external or receive task),
     * the date recorded in our tables. Joins the caller's transaction.
     *
     * @throws ReleaseRejected if the release has not started or the step is not active
     */
    @Transactional
    public void moveActiveStep(String key, String activityId, java.time.Instant due, String by) {
        ReleasePlan plan = queries.startedPlan(key);
        if (!queries.activeActivities(plan.getProcessInstanceId()).contains(activityId)) {
            throw new ReleaseRejected(
                    "activityId",
                    "Step "
                            + activityId
                            + " of "
                            + key
                            + " is not active; only an active step has an end to move.");
        }
        if (windowWaits.isWindowWait(activityId)) {
            // a deploy held by a window goes out earlier only through a freeze override
            var earliest = windowWaits.earliestDeploy(key, plan.getProcessInstanceId());
            if (earliest.isPresent() && due.isBefore(earliest.get())) {
                throw new ReleaseRejected(
                        "activityId",
                        key
                                + " waits for its release window until "
                                + earliest.get()
                                + "; it deploys earlier only through a freeze override (a reason,"
                                + " an expiry and a second person's approval), not by moving the"
                                + " wait.");
            }
        }
        authorship.changed(
                key,
                by == null ? "unknown" : by,
                clock.instant(),
                "moved the end of " + activityId + " to " + due);
        if (!teams.recordedAs(
                by, () -> process.moveDue(plan.getProcessInstanceId(), activityId, due))) {
            StepOverride override =
                    overrides
                            .findByReleaseKeyAndActivityId(key, activityId)
                            .orElseGet(() -> new StepOverride(key, activityId));
            override.due(due, by, clock.instant());
            overrides.save(override);
        }
    }

    /**
     * Moves every boundary timer of a running release (escalations, rechecks) by the same amount.
     */
    @Transactional
    public int shiftBoundaryTimers(String key, java.time.Duration by) {
        return process.shiftBoundaryTimers(queries.startedPlan(key).getProcessInstanceId(), by);
    }

    /**
     * Records how long a step still to come of one release will take, in place of the planned and
     * learned duration.
     */
    @Transactional
    public void planStepDuration(
            String key, String activityId, java.time.Duration planned, String by) {
        plans.findByKey(key)
                .orElseThrow(() -> new ReleaseRejected("releaseKey", "No release " + key));
        StepOverride override =
                overrides
                        .findByReleaseKeyAndActivityId(key, activityId)
                        .orElseGet(() -> new StepOverride(key, activityId));
        override.planned(planned, by, clock.instant());
        authorship.changed(
                key,
                by == null ? "unknown" : by,
                clock.instant(),
                "planned " + activityId + " to take " + planned);
        overrides.save(override);
    }

    /** Re-times every waiting deploy timer to the current windows, in the caller's transaction. */
    @Transactional
    public int retimeWindowWaits() {
        return windowWaits.retime();
    }

    /**
     * Tells a release waiting for upstream to check its dependencies again; nothing happens if it
     * is not waiting.
     */
    public void recheckUpstream(String key) {
        plans.findByKey(key)
                .filter(p -> p.getProcessInstanceId() != null)
                .ifPresent(p -> process.recheckUpstream(p.getProcessInstanceId()));
    }

    /** What can change in a release's plan once it runs. */
    /**
     * A change of plan, with why it is made (kept on the decision log; required from people, who
     * always send one, and null only for Almanac's own changes).
     */
    public record ReleaseChange(
            Lane lane,
            dev.almanac.planning.RiskTier riskTier,
            String ownerTeam,
            LocalDate targetDate,
            String reason) {

        public ReleaseChange(
                Lane lane,
                dev.almanac.planning.RiskTier riskTier,
                String ownerTeam,
                LocalDate targetDate) {
            this(lane, riskTier, ownerTeam, targetDate, null);
        }
    }

    /**
     * Changes a release's lane, risk tier, owner team or target date, in our plan and in the
     * running procedure (sign-offs not yet determined follow the new risk tier).
     *
     * @throws ReleaseRejected naming the field when the change is not valid
     */
    @Transactional
    public ReleaseSummary replan(String key, ReleaseChange change) {
        return replan(key, change, null);
    }

    /**
     * As {@link #replan(String, ReleaseChange)}, remembering who changed it: they cannot approve
     * its gates afterwards.
     */
    @Transactional
    public ReleaseSummary replan(String key, ReleaseChange change, String changedBy) {
        ReleasePlan plan =
                plans.findByKey(key)
                        .orElseThrow(() -> new ReleaseRejected("key", "No release " + key));
        if (change.lane() == null) {
            throw new ReleaseRejected(
                    "lane", "Choose a lane: experimentation, staging or production.");
        }
        if (change.riskTier() == null) {
            throw new ReleaseRejected("riskTier", "Choose a risk tier: low, medium or high.");
        }
        if (!teams.exists(change.ownerTeam())) {
            throw new ReleaseRejected(
                    "ownerTeam",
                    "Owner team '"
                            + (change.ownerTeam() == null ? "" : change.ownerTeam())
                            + "' does not exist; choose one of the teams.");
        }
        if (change.targetDate() == null) {
            throw new ReleaseRejected("targetDate", "Give a target date.");
        }
        if (change.targetDate().isBefore(LocalDate.now(clock))
                && !change.targetDate().equals(plan.getTargetDate())) {
            throw new ReleaseRejected(
                    "targetDate", "The target date " + change.targetDate() + " is in the past.");
        }
        LocalDate targetBefore = plan.getTargetDate();
        String reason = change.reason() == null ? "" : change.reason().trim();
        // a person's change always carries a reason (the form sends one, perhaps empty); null is
        // a change by Almanac itself
        if (changedBy != null && change.reason() != null && reason.isEmpty()) {
            throw new ReleaseRejected(
                    "reason", "Say why the plan changes; the reason goes on the decision log.");
        }
        if (reason.length() > 1000) {
            throw new ReleaseRejected("reason", "Keep the reason under 1000 characters.");
        }
        if (changedBy != null
                && !plan.getOwnerTeam().equals(change.ownerTeam())
                && !policy.isReleaseManager(changedBy)) {
            // otherwise anyone could make their own team the release's owner and speak for it
            throw new ReleaseRejected(
                    "ownerTeam",
                    "Only release managers hand a release to another team; ask one to change the owner.");
        }
        String why = reason.isEmpty() ? "plan changed" : reason;
        Map<String, String> before =
                Map.of(
                        "lane", plan.getLane().value(),
                        "riskTier", plan.getRiskTier().value(),
                        "ownerTeam", plan.getOwnerTeam());
        Map<String, String> after =
                Map.of(
                        "lane", change.lane().value(),
                        "riskTier", change.riskTier().value(),
                        "ownerTeam", change.ownerTeam());
        if (!before.equals(after) && decisions != null) {
            // the lane and risk tier are what the promotion gate and the sign-off table decide on
            java.util.List<String> changed = new java.util.ArrayList<>();
            for (String name : java.util.List.of("lane", "ownerTeam", "riskTier")) {
                if (!after.get(name).equals(before.get(name))) {
                    changed.add(name + " " + before.get(name) + " → " + after.get(name));
                }
            }
            decisions.record(
                    new dev.almanac.governance.Decision(
                            dev.almanac.governance.DecisionKind.PLAN_CHANGE,
                            key,
                            "Plan of " + key,
                            String.join(", ", changed),
                            changedBy == null ? "unknown" : changedBy,
                            clock.instant(),
                            why,
                            Map.of("before", before, "after", after),
                            null));
        }
        plan.replan(change.lane(), change.riskTier(), change.ownerTeam(), change.targetDate());
        if (!targetBefore.equals(change.targetDate()) && decisions != null) {
            decisions.record(
                    new dev.almanac.governance.Decision(
                            dev.almanac.governance.DecisionKind.RESCHEDULE,
                            key,
                            "Target date of " + key,
                            "moved to " + change.targetDate(),
                            changedBy == null ? "unknown" : changedBy,
                            clock.instant(),
                            why,
                            Map.of(
                                    "before",
                                    targetBefore.toString(),
                                    "after",
                                    change.targetDate().toString()),
                            null));
        }
        if (changedBy != null) {
            authorship.changed(
                    key,
                    changedBy,
                    clock.instant(),
                    "lane "
                            + change.lane().value()
                            + ", risk tier "
                            + change.riskTier().value()
                            + ", owner "
                            + change.ownerTeam()
                            + ", target "
                            + change.targetDate());
        }
        events.publishEvent(new ReleasePlanChanged(key));
        if (plan.getProcessInstanceId() != null) {
            teams.recordedAs(
                    changedBy,
                    () -> {
                        replanProcess(plan, change);
                        return null;
                    });
        }
        return ReleaseSummary.of(plan, ReleaseProgress.NOT_STARTED);
    }

    private void replanProcess(ReleasePlan plan, ReleaseChange change) {
        process.replanned(
                plan.getProcessInstanceId(),
                Map.of(
                        dev.almanac.processes.ModelRelease.Variables.LANE, change.lane().value(),
                        dev.almanac.processes.ModelRelease.Variables.RISK_TIER,
                                change.riskTier().value(),
                        dev.almanac.processes.ModelRelease.Variables.OWNER_TEAM, change.ownerTeam(),
                        dev.almanac.processes.ModelRelease.Variables.TARGET_DATE,
                                change.targetDate().toString()));
    }

    /** Stops a running release; it stays on the calendar as stopped. */
    @Transactional
    public void cancel(String key, String reason) {
        cancel(key, reason, null);
    }

    /**
     * Stops a running release, with who and why on the decision log; it stays on the calendar as
     * stopped.
     */
    @Transactional
    public void cancel(String key, String reason, String by) {
        if (reason == null || reason.isBlank()) {
            throw new ReleaseRejected(
                    "reason",
                    "Say why the release is cancelled; the reason is kept in its history.");
        }
        String instance = queries.startedPlan(key).getProcessInstanceId();
        if (!teams.recordedAs(by, () -> process.cancel(instance, reason.trim()))) {
            throw new ReleaseRejected("reason", "Release " + key + " has already ended.");
        }
        if (decisions != null) {
            decisions.record(
                    new dev.almanac.governance.Decision(
                            dev.almanac.governance.DecisionKind.CANCELLATION,
                            key,
                            "Release " + key,
                            "cancelled",
                            by == null ? "unknown" : by,
                            clock.instant(),
                            reason.trim(),
                            Map.of(),
                            null));
        }
        events.publishEvent(new ReleasePlanChanged(key));
    }

    /**
     * Asks for a freeze override of a release waiting for its release window.
     *
     * @throws ReleaseRejected naming the field when the release is not waiting for a window or no
     *     reason is given
     */
    @Transactional
    public void requestFreezeOverride(String key, String by, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ReleaseRejected(
                    "reason",
                    "Say why this release must deploy during the freeze; release managers decide on it.");
        }
        ReleasePlan plan = queries.startedPlan(key);
        ReleaseQueries.FreezeOverride state = queries.freezeOverrideOf(plan);
        if (!state.waitingForWindow()) {
            throw new ReleaseRejected(
                    "reason",
                    "Release "
                            + key
                            + " is not waiting for a release window; there is no freeze to override.");
        }
        if (state.requested()) {
            throw new ReleaseRejected(
                    "reason",
                    "Release "
                            + key
                            + " already has a freeze override request waiting for release managers.");
        }
        if (!process.requestFreezeOverride(plan.getProcessInstanceId(), reason.trim())) {
            throw new ReleaseRejected(
                    "reason", "Release " + key + " cannot take an override request now.");
        }
        overrideRequests.requested(key, "freeze", by, reason.trim());
    }
}
