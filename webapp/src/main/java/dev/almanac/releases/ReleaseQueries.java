package dev.almanac.releases;

import dev.almanac.releases.internal.ProcedureModels;
import dev.almanac.releases.internal.ReleasePlan;
import dev.almanac.releases.internal.ReleasePlanRepository;
import dev.almanac.releases.internal.ReleaseSnapshots;
import dev.almanac.releases.internal.ReleaseStandings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The releases module's queries: where each release stands, what it waits for, its tasks and
 * history, and the engine's part of the projector's snapshot. Pages get many releases with a fixed
 * number of engine queries ({@link ReleaseStandings}); nothing here changes a release ({@link
 * Releases} does).
 */
@Service
public class ReleaseQueries {

    private final ReleasePlanRepository plans;
    private final ReleaseStandings standings;
    private final ReleaseSnapshots snapshots;
    private final ProcedureModels procedures;
    private final dev.almanac.releases.internal.ReleaseLists lists;

    ReleaseQueries(
            ReleasePlanRepository plans,
            ReleaseStandings standings,
            ReleaseSnapshots snapshots,
            ProcedureModels procedures,
            dev.almanac.releases.internal.ReleaseLists lists) {
        this.lists = lists;
        this.plans = plans;
        this.standings = standings;
        this.snapshots = snapshots;
        this.procedures = procedures;
    }

    /**
     * What four-eyes needs to know of an open task of a release: its release, its step, whether the
     * step is a four-eyes one and what override it grants. Empty for a task of no release.
     */
    public Optional<DecidingTask> decidingTask(String taskId) {
        return standings
                .task(taskId)
                .filter(task -> task.getProcessDefinitionId() != null)
                .flatMap(
                        task ->
                                releaseKeyOfProcess(task.getProcessInstanceId())
                                        .map(key -> decidingTask(key, task)));
    }

    private DecidingTask decidingTask(String releaseKey, org.operaton.bpm.engine.task.Task task) {
        String definition = task.getProcessDefinitionId();
        String step = task.getTaskDefinitionKey();
        return new DecidingTask(
                releaseKey,
                dev.almanac.processes.ProcedureSignals.stepName(task.getName()),
                procedures.fourEyesSteps(definition).contains(step),
                procedures.overrideSteps(definition).get(step));
    }

    /** How many releases, running or ended, ran on the procedure versions of a deployment. */
    public long releasesOnDeployment(String deploymentId) {
        return standings.releasesOnDeployment(deploymentId);
    }

    /** An open task as four-eyes sees it; {@code override} is the kind it grants, or null. */
    public record DecidingTask(String releaseKey, String step, boolean fourEyes, String override) {}

    @Transactional(readOnly = true)
    public List<ReleaseSummary> list() {
        return summaries(plans.findAllByOrderByTargetDateAscKeyAsc());
    }

    /** The releases of one model, in target-date order, with where each stands. */
    @Transactional(readOnly = true)
    public List<ReleaseSummary> releasesOf(String model) {
        return summaries(plans.findAllByModelOrderByTargetDateAscKeyAsc(model));
    }

    /** The plans with where each stands, from one batch of engine queries for all of them. */
    private List<ReleaseSummary> summaries(List<ReleasePlan> plans) {
        Map<String, ReleaseProgress> progress =
                standings.progressOf(
                        plans.stream().map(ReleasePlan::getProcessInstanceId).toList());
        return plans.stream()
                .map(
                        p ->
                                ReleaseSummary.of(
                                        p,
                                        progress.getOrDefault(
                                                p.getProcessInstanceId(),
                                                ReleaseProgress.NOT_STARTED)))
                .toList();
    }

    /** The largest page a list serves. */
    public static final int MAX_PAGE_SIZE = 200;

    /**
     * One page of releases matching the filter, in target-date order: one query for the page's
     * plans, then the engine's state of just those releases.
     *
     * @throws ReleaseRejected naming the field for a page or size out of range
     */
    @Transactional(readOnly = true)
    public ReleasePage page(ReleaseFilter filter, int page, int size) {
        if (page < 0 || page > 100_000) {
            throw new ReleaseRejected("page", "The page is a number from 0 to 100000.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new ReleaseRejected(
                    "size", "The page size is a number from 1 to " + MAX_PAGE_SIZE + ".");
        }
        List<ReleasePlan> found = lists.find(filter, page * size, size + 1);
        boolean hasNext = found.size() > size;
        List<ReleasePlan> shown = hasNext ? found.subList(0, size) : found;
        return new ReleasePage(summaries(shown), page, size, hasNext);
    }

    @Transactional(readOnly = true)
    public Optional<ReleaseDetail> find(String key) {
        return plans.findByKey(key)
                .map(
                        plan -> {
                            String instance = plan.getProcessInstanceId();
                            ReleaseProgress progress =
                                    standings
                                            .progressOf(List.of(instance))
                                            .getOrDefault(instance, ReleaseProgress.NOT_STARTED);
                            return new ReleaseDetail(
                                    ReleaseSummary.of(plan, progress),
                                    standings.procedureVersionOf(instance),
                                    standings.historyOf(instance),
                                    standings.variablesOf(instance));
                        });
    }

    @Transactional(readOnly = true)
    public Optional<String> diagram(String key) {
        return plans.findByKey(key).map(plan -> standings.diagramOf(plan.getProcessInstanceId()));
    }

    /** Releases now waiting for a pipeline message, with when they started waiting. */
    @Transactional(readOnly = true)
    public Map<String, java.time.Instant> waitingFor(String message) {
        Map<String, java.time.Instant> byInstance = standings.waitingFor(message);
        Map<String, java.time.Instant> byKey = new java.util.HashMap<>();
        if (!byInstance.isEmpty()) {
            plans.findByProcessInstanceIdIn(byInstance.keySet())
                    .forEach(p -> byKey.put(p.getKey(), byInstance.get(p.getProcessInstanceId())));
        }
        return byKey;
    }

    /** The pipeline messages a started release waits for right now (one query). */
    @Transactional(readOnly = true)
    public java.util.Set<String> messagesAwaitedBy(ReleaseSummary release) {
        return release.processInstanceId() == null
                ? java.util.Set.of()
                : standings.messagesAwaitedBy(release.processInstanceId());
    }

    /** The pipeline messages a started release's version of the procedure can catch anywhere. */
    @Transactional(readOnly = true)
    public java.util.Set<String> messagesCaughtBy(ReleaseSummary release) {
        return release.processInstanceId() == null
                ? java.util.Set.of()
                : standings.messagesCaughtBy(release.processInstanceId());
    }

    /**
     * The variables the message may carry to the release, as its procedure declares them; empty
     * when the release has not started or its procedure does not catch the message.
     */
    @Transactional(readOnly = true)
    public Optional<Map<String, dev.almanac.processes.MessageContract.Type>> declaredVariables(
            ReleaseSummary release, String message) {
        return release.processInstanceId() == null
                ? Optional.empty()
                : standings.messageContract(release.processInstanceId(), message);
    }

    /** The pipeline messages a release's procedure can catch, and those it waits for right now. */
    @Transactional(readOnly = true)
    public Messages messagesOf(String key) {
        String instance = startedPlan(key).getProcessInstanceId();
        return new Messages(
                standings.messagesCaughtBy(instance), standings.messagesAwaitedBy(instance));
    }

    public record Messages(java.util.Set<String> caught, java.util.Set<String> awaited) {}

    /** The planned release, without reading its progress from the engine. */
    @Transactional(readOnly = true)
    public Optional<ReleaseSummary> plannedRelease(String key) {
        return plans.findByKey(key)
                .map(plan -> ReleaseSummary.of(plan, ReleaseProgress.NOT_STARTED));
    }

    /** Open user tasks of a release, as task id and step id. */
    @Transactional(readOnly = true)
    public Map<String, String> openTasksOf(String key) {
        Map<String, String> open = new java.util.LinkedHashMap<>();
        standings
                .openTasks(startedPlan(key).getProcessInstanceId())
                .forEach(t -> open.put(t.getId(), t.getTaskDefinitionKey()));
        return open;
    }

    /**
     * When a release's step last ended, if it has ended and is not running again; empty if the
     * release has not started.
     */
    @Transactional(readOnly = true)
    public Optional<java.time.Instant> stepEnded(String key, String activityId) {
        return plans.findByKey(key)
                .filter(p -> p.getProcessInstanceId() != null)
                .flatMap(p -> standings.stepEnded(p.getProcessInstanceId(), activityId));
    }

    /** Whether a release's step has started (a planned release has started nothing). */
    @Transactional(readOnly = true)
    public boolean stepStarted(String key, String activityId) {
        return plans.findByKey(key)
                .filter(p -> p.getProcessInstanceId() != null)
                .map(p -> standings.stepStarted(p.getProcessInstanceId(), activityId))
                .orElse(false);
    }

    /**
     * The steps of a release that can wait for upstream releases, each with its milestone: those
     * its procedure version holds at an "Upstream ready?" gateway.
     */
    @Transactional(readOnly = true)
    public Map<String, String> upstreamGatedSteps(String key) {
        return plans.findByKey(key)
                .map(
                        p ->
                                procedures.upstreamGated(
                                        p.getProcessInstanceId() == null
                                                ? procedures.latestId()
                                                : standings.procedureDefinitionOf(
                                                        p.getProcessInstanceId())))
                .orElse(Map.of());
    }

    /**
     * What the latest procedure's steps need of shared resources, by activity (the BPMN's
     * defaults).
     */
    public Map<String, List<dev.almanac.projection.Capacity.Need>> resourceNeeds() {
        return procedures.needs(procedures.latestId());
    }

    /** Procedures and releases as the calendar projects them. */
    public record EngineSnapshot(
            Map<String, dev.almanac.projection.Procedure> procedures,
            List<dev.almanac.projection.ReleaseState> releases,
            Map<String, java.time.Duration> planned) {}

    /**
     * Every release that is running, planned, or ended since {@code endedSince}, with the engine's
     * state of each step; target dates end at midnight in {@code zone}.
     */
    @Transactional(readOnly = true)
    public EngineSnapshot engineSnapshot(java.time.Instant endedSince, java.time.ZoneId zone) {
        return snapshots.read(endedSince, zone);
    }

    /** The release a process instance runs, if it is one of ours. */
    @Transactional(readOnly = true)
    public Optional<String> releaseKeyOfProcess(String processInstanceId) {
        return plans.findByProcessInstanceIdIn(java.util.List.of(processInstanceId)).stream()
                .map(ReleasePlan::getKey)
                .findFirst();
    }

    /**
     * Whether a release waits for its release window, and whether a freeze override request for it
     * is open.
     */
    public record FreezeOverride(boolean waitingForWindow, boolean requested) {}

    @Transactional(readOnly = true)
    public FreezeOverride freezeOverride(String key) {
        return plans.findByKey(key)
                .filter(p -> p.getProcessInstanceId() != null)
                .map(this::freezeOverrideOf)
                .orElse(new FreezeOverride(false, false));
    }

    /** A person's decision a release waits for. */
    public record OpenApproval(
            String releaseKey, String taskId, String name, java.time.Instant due) {}

    /** Every open approval (user task) across releases, by release key, in two queries. */
    @Transactional(readOnly = true)
    public Map<String, List<OpenApproval>> openApprovals() {
        Map<String, List<org.operaton.bpm.engine.task.Task>> byInstance =
                standings.openTasksByInstance();
        Map<String, List<OpenApproval>> byKey = new java.util.HashMap<>();
        if (!byInstance.isEmpty()) {
            plans.findByProcessInstanceIdIn(byInstance.keySet())
                    .forEach(
                            p ->
                                    byKey.put(
                                            p.getKey(),
                                            byInstance.get(p.getProcessInstanceId()).stream()
                                                    .map(
                                                            t ->
                                                                    new OpenApproval(
                                                                            p.getKey(),
                                                                            t.getId(),
                                                                            t.getName(),
                                                                            t.getDueDate() == null
                                                                                    ? null
                                                                                    : t.getDueDate()
                                                                                            .toInstant()))
                                                    .toList()));
        }
        return byKey;
    }

    /** Open tasks any of the groups may act on, oldest first, with their release. */
    @Transactional(readOnly = true)
    public List<ReleaseTask> openTasksFor(java.util.Collection<String> groups) {
        return withReleaseKeys(standings.openTasksForGroups(groups));
    }

    /** Open tasks past their due date, with their release and candidate groups. */
    @Transactional(readOnly = true)
    public List<ReleaseTask> overdueTasks(java.time.Instant now) {
        return withReleaseKeys(standings.tasksDueBefore(now));
    }

    private List<ReleaseTask> withReleaseKeys(List<ReleaseStandings.OpenTask> open) {
        if (open.isEmpty()) {
            return List.of();
        }
        Map<String, String> keys = new java.util.HashMap<>();
        plans.findByProcessInstanceIdIn(
                        open.stream()
                                .map(ReleaseStandings.OpenTask::processInstanceId)
                                .collect(java.util.stream.Collectors.toSet()))
                .forEach(p -> keys.put(p.getProcessInstanceId(), p.getKey()));
        return open.stream()
                .map(
                        t ->
                                new ReleaseTask(
                                        keys.get(t.processInstanceId()),
                                        t.taskId(),
                                        t.name(),
                                        t.due(),
                                        t.assignee(),
                                        t.groups()))
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

    /** The plan of a release whose procedure has started; refused naming the release otherwise. */
    ReleasePlan startedPlan(String key) {
        ReleasePlan plan =
                plans.findByKey(key)
                        .orElseThrow(() -> new ReleaseRejected("key", "No release " + key));
        if (plan.getProcessInstanceId() == null) {
            throw new ReleaseRejected("key", "Release " + key + " has not started");
        }
        return plan;
    }

    FreezeOverride freezeOverrideOf(ReleasePlan plan) {
        java.util.Set<String> active = standings.activeActivities(plan.getProcessInstanceId());
        String definition = standings.procedureDefinitionOf(plan.getProcessInstanceId());
        boolean waiting =
                procedures.of(definition).steps().stream()
                        .anyMatch(
                                s ->
                                        s.kind() == dev.almanac.projection.StepKind.RELEASE_WINDOW
                                                && active.contains(s.activityId()));
        boolean requested =
                procedures.overrideSteps(definition).entrySet().stream()
                        .anyMatch(
                                e -> "freeze".equals(e.getValue()) && active.contains(e.getKey()));
        return new FreezeOverride(waiting, requested);
    }

    /** The steps a started release is at now. */
    java.util.Set<String> activeActivities(String processInstanceId) {
        return standings.activeActivities(processInstanceId);
    }
}
