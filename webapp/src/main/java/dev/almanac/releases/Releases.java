package dev.almanac.releases;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.almanac.identity.People;

/**
 * The releases feature's facade: plan a release (and start its procedure), list releases with
 * their progress, show one.
 */
@Service
public class Releases {

    static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9-]{1,59}");
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
    static final Pattern FEEDS = Pattern.compile("\\s*([A-Za-z0-9._:/?&=%-]+)(\\s*,\\s*[A-Za-z0-9._:/?&=%-]+)*\\s*");

    private final ReleasePlanRepository plans;
    private final ReleaseProcess process;
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

    Releases(ReleasePlanRepository plans, ReleaseProcess process, People teams, Clock clock, ReleaseSnapshots snapshots,
            dev.almanac.planning.PlanningCatalog catalog, org.springframework.context.ApplicationEventPublisher events, ProcedureModels procedures,
            StepOverrideRepository overrides, @org.springframework.context.annotation.Lazy WindowWaits windowWaits) {
        this.overrides = overrides;
        this.windowWaits = windowWaits;
        this.events = events;
        this.procedures = procedures;
        this.snapshots = snapshots;
        this.catalog = catalog;
        this.plans = plans;
        this.process = process;
        this.teams = teams;
        this.clock = clock;
    }

    /**
     * Plans a release and starts its procedure in one transaction: either both happen or neither.
     *
     * @throws ReleaseRejected naming the field when the request is not valid
     */
    @Transactional
    public ReleaseSummary plan(NewRelease request, String requestedBy) {
        validate(request);
        String feeds = request.dataFeeds() == null || request.dataFeeds().isBlank() ? null
                : String.join(",", request.dataFeeds().trim().split("\\s*,\\s*"));
        ReleasePlan plan = new ReleasePlan(request.model(), request.version(), request.lane(), request.riskTier(), request.ownerTeam(),
                request.targetDate(), feeds, clock.instant(), requestedBy);
        plans.save(plan);
        catalog.catalogue(plan.getModel(), plan.getOwnerTeam(), plan.getRiskTier());
        plan.started(process.start(plan).getId());
        events.publishEvent(new ReleasePlanChanged(plan.getKey()));
        return ReleaseSummary.of(plan, ReleaseProgress.NOT_STARTED);
    }

    private void validate(NewRelease request) {
        if (request.model() == null || !MODEL.matcher(request.model()).matches()) {
            throw new ReleaseRejected("model", "Model must be 2–60 lower-case letters, digits or dashes, like fraud-scorer.");
        }
        if (request.version() == null || !VERSION.matcher(request.version()).matches()) {
            throw new ReleaseRejected("version", "Version must be 1–40 letters, digits, dots, dashes or underscores, like 2026.12.");
        }
        if (request.lane() == null) {
            throw new ReleaseRejected("lane", "Choose a lane: experimentation, staging or production.");
        }
        if (request.riskTier() == null) {
            throw new ReleaseRejected("riskTier", "Choose a risk tier: low, medium or high.");
        }
        if (!teams.exists(request.ownerTeam())) {
            throw new ReleaseRejected("ownerTeam", "Owner team '" + (request.ownerTeam() == null ? "" : request.ownerTeam())
                    + "' does not exist; choose one of the teams.");
        }
        if (request.targetDate() == null) {
            throw new ReleaseRejected("targetDate", "Give a target date.");
        }
        if (request.targetDate().isBefore(LocalDate.now(clock))) {
            throw new ReleaseRejected("targetDate", "The target date " + request.targetDate() + " is in the past.");
        }
        if (request.dataFeeds() != null && !request.dataFeeds().isBlank()) {
            if (request.dataFeeds().length() > 1000 || !FEEDS.matcher(request.dataFeeds()).matches()) {
                throw new ReleaseRejected("dataFeeds", "Data feeds are names or URLs separated by commas, like transactions, chargebacks.");
            }
        }
        String key = ReleasePlan.keyOf(request.model(), request.version());
        if (plans.existsByKey(key)) {
            throw new ReleaseRejected("version", "Release " + key + " already exists; choose another version.");
        }
    }

    @Transactional(readOnly = true)
    public List<ReleaseSummary> list() {
        List<ReleasePlan> all = plans.findAllByOrderByTargetDateAscKeyAsc();
        Map<String, ReleaseProgress> progress = process.progressOf(all.stream().map(ReleasePlan::getProcessInstanceId).toList());
        return all.stream().map(p -> ReleaseSummary.of(p, progress.getOrDefault(p.getProcessInstanceId(), ReleaseProgress.NOT_STARTED)))
                .toList();
    }

    @Transactional(readOnly = true)
    public Optional<ReleaseDetail> find(String key) {
        return plans.findByKey(key).map(plan -> {
            String instance = plan.getProcessInstanceId();
            ReleaseProgress progress = process.progressOf(List.of(instance)).getOrDefault(instance, ReleaseProgress.NOT_STARTED);
            return new ReleaseDetail(ReleaseSummary.of(plan, progress), process.procedureVersionOf(instance), process.historyOf(instance),
                    process.variablesOf(instance));
        });
    }

    @Transactional(readOnly = true)
    public Optional<String> diagram(String key) {
        return plans.findByKey(key).map(plan -> process.diagramOf(plan.getProcessInstanceId()));
    }

    /** Releases now waiting for a pipeline message, with when they started waiting. */
    @Transactional(readOnly = true)
    public Map<String, java.time.Instant> waitingFor(String message) {
        Map<String, java.time.Instant> byInstance = process.waitingFor(message);
        Map<String, java.time.Instant> byKey = new java.util.HashMap<>();
        if (!byInstance.isEmpty()) {
            plans.findByProcessInstanceIdIn(byInstance.keySet()).forEach(p -> byKey.put(p.getKey(), byInstance.get(p.getProcessInstanceId())));
        }
        return byKey;
    }

    /** Delivers a pipeline message (like data-ready) with its variables to a release. */
    @Transactional
    public void deliver(String key, String message, Map<String, Object> variables) {
        process.correlate(startedPlan(key).getProcessInstanceId(), message, variables);
    }

    /** The pipeline messages a started release waits for right now (one query). */
    @Transactional(readOnly = true)
    public java.util.Set<String> messagesAwaitedBy(ReleaseSummary release) {
        return release.processInstanceId() == null ? java.util.Set.of() : process.messagesAwaitedBy(release.processInstanceId());
    }

    /** The pipeline messages a started release's version of the procedure can catch anywhere. */
    @Transactional(readOnly = true)
    public java.util.Set<String> messagesCaughtBy(ReleaseSummary release) {
        return release.processInstanceId() == null ? java.util.Set.of() : process.messagesCaughtBy(release.processInstanceId());
    }

    /** Delivers a pipeline message to a release already looked up, without reading its plan again. */
    @Transactional
    public void deliver(ReleaseSummary release, String message, Map<String, Object> variables) {
        if (release.processInstanceId() == null) {
            throw new ReleaseRejected("key", "Release " + release.key() + " has not started");
        }
        process.correlate(release.processInstanceId(), message, variables);
    }

    /** The pipeline messages a release's procedure can catch, and those it waits for right now. */
    @Transactional(readOnly = true)
    public Messages messagesOf(String key) {
        String instance = startedPlan(key).getProcessInstanceId();
        return new Messages(process.messagesCaughtBy(instance), process.messagesAwaitedBy(instance));
    }

    public record Messages(java.util.Set<String> caught, java.util.Set<String> awaited) {
    }

    /** The planned release, without reading its progress from the engine. */
    @Transactional(readOnly = true)
    public Optional<ReleaseSummary> plannedRelease(String key) {
        return plans.findByKey(key).map(plan -> ReleaseSummary.of(plan, ReleaseProgress.NOT_STARTED));
    }

    /** Open user tasks of a release, as task id and step id. */
    @Transactional(readOnly = true)
    public Map<String, String> openTasksOf(String key) {
        Map<String, String> open = new java.util.LinkedHashMap<>();
        process.openTasks(startedPlan(key).getProcessInstanceId()).forEach(t -> open.put(t.getId(), t.getTaskDefinitionKey()));
        return open;
    }

    @Transactional
    public void completeTask(String taskId, String userId, Map<String, Object> variables) {
        process.completeTask(taskId, userId, variables);
    }

    private ReleasePlan startedPlan(String key) {
        ReleasePlan plan = plans.findByKey(key).orElseThrow(() -> new ReleaseRejected("key", "No release " + key));
        if (plan.getProcessInstanceId() == null) {
            throw new ReleaseRejected("key", "Release " + key + " has not started");
        }
        return plan;
    }

    /** When a release's step last ended, if it has ended and is not running again; empty if the release has not started. */
    @Transactional(readOnly = true)
    public Optional<java.time.Instant> stepEnded(String key, String activityId) {
        return plans.findByKey(key).filter(p -> p.getProcessInstanceId() != null)
                .flatMap(p -> process.stepEnded(p.getProcessInstanceId(), activityId));
    }

    /** Whether a release's step has started (a planned release has started nothing). */
    @Transactional(readOnly = true)
    public boolean stepStarted(String key, String activityId) {
        return plans.findByKey(key).filter(p -> p.getProcessInstanceId() != null)
                .map(p -> process.stepStarted(p.getProcessInstanceId(), activityId)).orElse(false);
    }

    /**
     * The steps of a release that can wait for upstream releases, each with its milestone: those its
     * procedure version holds at an "Upstream ready?" gateway.
     */
    @Transactional(readOnly = true)
    public Map<String, String> upstreamGatedSteps(String key) {
        return plans.findByKey(key).map(p -> procedures.upstreamGated(p.getProcessInstanceId() == null ? procedures.latestId()
                : process.procedureDefinitionOf(p.getProcessInstanceId()))).orElse(Map.of());
    }

    /**
     * Moves when an active step of a running release is expected to end: a user task's due date, a
     * timer's due date, or, for a step the engine keeps no date for (an external or receive task), the
     * date recorded in our tables. Joins the caller's transaction.
     *
     * @throws ReleaseRejected if the release has not started or the step is not active
     */
    @Transactional
    public void moveActiveStep(String key, String activityId, java.time.Instant due, String by) {
        ReleasePlan plan = startedPlan(key);
        if (!process.activeActivities(plan.getProcessInstanceId()).contains(activityId)) {
            throw new ReleaseRejected("activityId", "Step " + activityId + " of " + key + " is not active; only an active step has an end to move.");
        }
        if (!process.moveDue(plan.getProcessInstanceId(), activityId, due)) {
            StepOverride override = overrides.findByReleaseKeyAndActivityId(key, activityId).orElseGet(() -> new StepOverride(key, activityId));
            override.due(due, by, clock.instant());
            overrides.save(override);
        }
    }

    /** Moves every boundary timer of a running release (escalations, rechecks) by the same amount. */
    @Transactional
    public int shiftBoundaryTimers(String key, java.time.Duration by) {
        return process.shiftBoundaryTimers(startedPlan(key).getProcessInstanceId(), by);
    }

    /** Records how long a step still to come of one release will take, in place of the planned and learned duration. */
    @Transactional
    public void planStepDuration(String key, String activityId, java.time.Duration planned, String by) {
        plans.findByKey(key).orElseThrow(() -> new ReleaseRejected("releaseKey", "No release " + key));
        StepOverride override = overrides.findByReleaseKeyAndActivityId(key, activityId).orElseGet(() -> new StepOverride(key, activityId));
        override.planned(planned, by, clock.instant());
        overrides.save(override);
    }

    /** What the latest procedure's steps need of shared resources, by activity (the BPMN's defaults). */
    public Map<String, List<dev.almanac.projection.Capacity.Need>> resourceNeeds() {
        return procedures.needs(procedures.latestId());
    }

    /** Re-times every waiting deploy timer to the current windows, in the caller's transaction. */
    @Transactional
    public int retimeWindowWaits() {
        return windowWaits.retime();
    }

    /** Tells a release waiting for upstream to check its dependencies again; nothing happens if it is not waiting. */
    public void recheckUpstream(String key) {
        plans.findByKey(key).filter(p -> p.getProcessInstanceId() != null).ifPresent(p -> process.recheckUpstream(p.getProcessInstanceId()));
    }

    /** Procedures and releases as the calendar projects them. */
    public record EngineSnapshot(Map<String, dev.almanac.projection.Procedure> procedures, List<dev.almanac.projection.ReleaseState> releases,
            Map<String, java.time.Duration> planned) {
    }

    /**
     * Every release that is running, planned, or ended since {@code endedSince}, with the engine's
     * state of each step; target dates end at midnight in {@code zone}.
     */
    @Transactional(readOnly = true)
    public EngineSnapshot engineSnapshot(java.time.Instant endedSince, java.time.ZoneId zone) {
        return snapshots.read(endedSince, zone);
    }

    /** What can change in a release's plan once it runs. */
    public record ReleaseChange(Lane lane, dev.almanac.planning.RiskTier riskTier, String ownerTeam, LocalDate targetDate) {
    }

    /**
     * Changes a release's lane, risk tier, owner team or target date, in our plan and in the running
     * procedure (sign-offs not yet determined follow the new risk tier).
     *
     * @throws ReleaseRejected naming the field when the change is not valid
     */
    @Transactional
    public ReleaseSummary replan(String key, ReleaseChange change) {
        return replan(key, change, null);
    }

    /** As {@link #replan(String, ReleaseChange)}, remembering who changed it: they cannot approve its gates afterwards. */
    @Transactional
    public ReleaseSummary replan(String key, ReleaseChange change, String changedBy) {
        ReleasePlan plan = plans.findByKey(key).orElseThrow(() -> new ReleaseRejected("key", "No release " + key));
        if (change.lane() == null) {
            throw new ReleaseRejected("lane", "Choose a lane: experimentation, staging or production.");
        }
        if (change.riskTier() == null) {
            throw new ReleaseRejected("riskTier", "Choose a risk tier: low, medium or high.");
        }
        if (!teams.exists(change.ownerTeam())) {
            throw new ReleaseRejected("ownerTeam", "Owner team '" + (change.ownerTeam() == null ? "" : change.ownerTeam())
                    + "' does not exist; choose one of the teams.");
        }
        if (change.targetDate() == null) {
            throw new ReleaseRejected("targetDate", "Give a target date.");
        }
        if (change.targetDate().isBefore(LocalDate.now(clock)) && !change.targetDate().equals(plan.getTargetDate())) {
            throw new ReleaseRejected("targetDate", "The target date " + change.targetDate() + " is in the past.");
        }
        LocalDate targetBefore = plan.getTargetDate();
        plan.replan(change.lane(), change.riskTier(), change.ownerTeam(), change.targetDate());
        if (!targetBefore.equals(change.targetDate()) && decisions != null) {
            decisions.record(new dev.almanac.governance.Decision(dev.almanac.governance.DecisionKind.RESCHEDULE, key, "Target date of " + key,
                    "moved to " + change.targetDate(), changedBy == null ? "unknown" : changedBy, clock.instant(), "plan changed",
                    Map.of("before", targetBefore.toString(), "after", change.targetDate().toString()), null));
        }
        events.publishEvent(new ReleasePlanChanged(key));
        if (plan.getProcessInstanceId() != null && changedBy != null) {
            process.replanned(plan.getProcessInstanceId(), Map.of(dev.almanac.processes.ModelRelease.Variables.LAST_CHANGED_BY, changedBy));
        }
        if (plan.getProcessInstanceId() != null) {
            process.replanned(plan.getProcessInstanceId(), Map.of(
                    dev.almanac.processes.ModelRelease.Variables.LANE, change.lane().value(),
                    dev.almanac.processes.ModelRelease.Variables.RISK_TIER, change.riskTier().value(),
                    dev.almanac.processes.ModelRelease.Variables.OWNER_TEAM, change.ownerTeam(),
                    dev.almanac.processes.ModelRelease.Variables.TARGET_DATE, change.targetDate().toString()));
        }
        return ReleaseSummary.of(plan, ReleaseProgress.NOT_STARTED);
    }

    /** Stops a running release; it stays on the calendar as stopped. */
    @Transactional
    public void cancel(String key, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ReleaseRejected("reason", "Say why the release is cancelled; the reason is kept in its history.");
        }
        if (!process.cancel(startedPlan(key).getProcessInstanceId(), reason.trim())) {
            throw new ReleaseRejected("reason", "Release " + key + " has already ended.");
        }
        events.publishEvent(new ReleasePlanChanged(key));
    }

    /** The release a process instance runs, if it is one of ours. */
    @Transactional(readOnly = true)
    public Optional<String> releaseKeyOfProcess(String processInstanceId) {
        return plans.findByProcessInstanceIdIn(java.util.List.of(processInstanceId)).stream().map(ReleasePlan::getKey).findFirst();
    }

    /**
     * Asks for a freeze override of a release waiting for its release window.
     *
     * @throws ReleaseRejected naming the field when the release is not waiting for a window or no reason is given
     */
    @Transactional
    public void requestFreezeOverride(String key, String by, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ReleaseRejected("reason", "Say why this release must deploy during the freeze; release managers decide on it.");
        }
        ReleasePlan plan = startedPlan(key);
        FreezeOverride state = freezeOverrideOf(plan);
        if (!state.waitingForWindow()) {
            throw new ReleaseRejected("reason", "Release " + key + " is not waiting for a release window; there is no freeze to override.");
        }
        if (state.requested()) {
            throw new ReleaseRejected("reason", "Release " + key + " already has a freeze override request waiting for release managers.");
        }
        if (!process.requestFreezeOverride(plan.getProcessInstanceId(), by, reason.trim())) {
            throw new ReleaseRejected("reason", "Release " + key + " cannot take an override request now.");
        }
    }

    /** Whether a release waits for its release window, and whether a freeze override request for it is open. */
    public record FreezeOverride(boolean waitingForWindow, boolean requested) {
    }

    @Transactional(readOnly = true)
    public FreezeOverride freezeOverride(String key) {
        return plans.findByKey(key).filter(p -> p.getProcessInstanceId() != null).map(this::freezeOverrideOf)
                .orElse(new FreezeOverride(false, false));
    }

    private FreezeOverride freezeOverrideOf(ReleasePlan plan) {
        java.util.Set<String> active = process.activeActivities(plan.getProcessInstanceId());
        String definition = process.procedureDefinitionOf(plan.getProcessInstanceId());
        boolean waiting = procedures.of(definition).steps().stream()
                .anyMatch(s -> s.kind() == dev.almanac.projection.StepKind.RELEASE_WINDOW && active.contains(s.activityId()));
        boolean requested = procedures.overrideSteps(definition).entrySet().stream()
                .anyMatch(e -> "freeze".equals(e.getValue()) && active.contains(e.getKey()));
        return new FreezeOverride(waiting, requested);
    }

    /** A person's decision a release waits for. */
    public record OpenApproval(String releaseKey, String taskId, String name, java.time.Instant due) {
    }

    /** Every open approval (user task) across releases, by release key, in two queries. */
    @Transactional(readOnly = true)
    public Map<String, List<OpenApproval>> openApprovals() {
        Map<String, List<org.operaton.bpm.engine.task.Task>> byInstance = process.openTasksByInstance();
        Map<String, List<OpenApproval>> byKey = new java.util.HashMap<>();
        if (!byInstance.isEmpty()) {
            plans.findByProcessInstanceIdIn(byInstance.keySet()).forEach(p -> byKey.put(p.getKey(), byInstance.get(p.getProcessInstanceId()).stream()
                    .map(t -> new OpenApproval(p.getKey(), t.getId(), t.getName(), t.getDueDate() == null ? null : t.getDueDate().toInstant()))
                    .toList()));
        }
        return byKey;
    }

    /** Open tasks any of the groups may act on, oldest first, with their release. */
    @Transactional(readOnly = true)
    public List<ReleaseTask> openTasksFor(java.util.Collection<String> groups) {
        return withReleaseKeys(process.openTasksForGroups(groups));
    }

    /** Open tasks past their due date, with their release and candidate groups. */
    @Transactional(readOnly = true)
    public List<ReleaseTask> overdueTasks(java.time.Instant now) {
        return withReleaseKeys(process.tasksDueBefore(now));
    }

    private List<ReleaseTask> withReleaseKeys(List<ReleaseProcess.OpenTask> open) {
        if (open.isEmpty()) {
            return List.of();
        }
        Map<String, String> keys = new java.util.HashMap<>();
        plans.findByProcessInstanceIdIn(open.stream().map(ReleaseProcess.OpenTask::processInstanceId).collect(java.util.stream.Collectors.toSet()))
                .forEach(p -> keys.put(p.getProcessInstanceId(), p.getKey()));
        return open.stream().map(t -> new ReleaseTask(keys.get(t.processInstanceId()), t.taskId(), t.name(), t.due(), t.assignee(), t.groups()))
                .toList();
    }

    /** The procedure new releases start with: the latest deployed version. */
    @Transactional(readOnly = true)
    public dev.almanac.projection.Procedure latestProcedure() {
        return snapshots.latestProcedure();
    }

    /** What the last {@code limit} finished steps teach about durations. */
    @Transactional(readOnly = true)
    public dev.almanac.projection.DurationHistory learnedDurations(int limit, int minSamples) {
        return snapshots.learnedDurations(limit, minSamples);
    }

    @Transactional(readOnly = true)
    public boolean exists() {
        return plans.count() > 0;
    }
}
