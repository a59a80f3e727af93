package dev.almanac.releases.internal;

import static dev.almanac.processes.ModelRelease.Variables.*;

import dev.almanac.processes.ModelRelease;
import dev.almanac.processes.ProcedureSignals;
import dev.almanac.releases.ReleaseProgress;
import dev.almanac.releases.TakenStep;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.externaltask.ExternalTask;
import org.operaton.bpm.engine.history.HistoricActivityInstance;
import org.operaton.bpm.engine.history.HistoricProcessInstance;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.task.Task;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.BoundaryEvent;
import org.springframework.stereotype.Component;

/**
 * The read model of release processes: where each release stands (current steps, who they wait for,
 * due dates), what it has done, and what the projector learns from finished ones. Queries for many
 * releases are batched, so a page costs a fixed number of engine queries plus, for a user task
 * nobody has claimed, one for its candidates.
 *
 * <p>Longer than our usual limit on purpose: it is the one class that reads release processes
 * through the engine's query services (runtime, tasks, jobs, history, definitions), and keeping
 * every such query here keeps the rest of the application free of engine types.
 */
@Component
public class ReleaseStandings {

    private static final Set<String> HIDDEN_TYPES =
            Set.of("exclusiveGateway", "parallelGateway", "inclusiveGateway", "multiInstanceBody");
    private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final HistoryService history;
    private final ManagementService management;
    private final ExternalTaskService externalTasks;
    private final RepositoryService repository;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    /** Job definitions never change their activity: remembered once read. */
    private final Map<String, String> jobActivities =
            new java.util.concurrent.ConcurrentHashMap<>();

    ReleaseStandings(
            RuntimeService runtime,
            TaskService tasks,
            HistoryService history,
            ManagementService management,
            ExternalTaskService externalTasks,
            RepositoryService repository,
            org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.tasks = tasks;
        this.history = history;
        this.management = management;
        this.externalTasks = externalTasks;
        this.repository = repository;
    }

    /** Process instances waiting for a message, with the time they started waiting. */
    public Map<String, Instant> waitingFor(String message) {
        Map<String, Instant> waiting = new HashMap<>();
        runtime.createEventSubscriptionQuery()
                .eventType("message")
                .eventName(message)
                .list()
                .forEach(
                        s ->
                                waiting.merge(
                                        s.getProcessInstanceId(),
                                        s.getCreated().toInstant(),
                                        (a, b) -> a.isBefore(b) ? a : b));
        return waiting;
    }

    private final java.util.concurrent.ConcurrentMap<
                    String, Map<String, Map<String, dev.almanac.processes.MessageContract.Type>>>
            contracts = new java.util.concurrent.ConcurrentHashMap<>();

    private record DefinitionOf(String definitionId, long readAt) {}

    /** How long a release's procedure version is taken as known (a migration moves it). */
    private static final long DEFINITION_KEPT_NANOS = java.time.Duration.ofMinutes(1).toNanos();

    private final java.util.concurrent.ConcurrentMap<String, DefinitionOf> definitions =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The procedure version a release runs, kept for a minute: every pipeline event asks, and a
     * process instance changes version only when it is migrated. Null for an unknown instance.
     */
    private String definitionOf(String processInstanceId) {
        long now = System.nanoTime();
        DefinitionOf known = definitions.get(processInstanceId);
        if (known != null && now - known.readAt() < DEFINITION_KEPT_NANOS) {
            return known.definitionId();
        }
        HistoricProcessInstance instance =
                history.createHistoricProcessInstanceQuery()
                        .processInstanceId(processInstanceId)
                        .singleResult();
        if (instance == null) {
            return null;
        }
        if (definitions.size() > 50_000) {
            definitions.clear();
        }
        definitions.put(
                processInstanceId, new DefinitionOf(instance.getProcessDefinitionId(), now));
        return instance.getProcessDefinitionId();
    }

    /**
     * The variables a message may carry to the release, as its version of the procedure declares
     * them; empty when that version does not catch the message.
     */
    public java.util.Optional<Map<String, dev.almanac.processes.MessageContract.Type>>
            messageContract(String processInstanceId, String message) {
        String definitionId = definitionOf(processInstanceId);
        if (definitionId == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(
                contracts
                        .computeIfAbsent(
                                definitionId,
                                id ->
                                        dev.almanac.processes.MessageContract.of(
                                                repository.getBpmnModelInstance(id)))
                        .get(message));
    }

    /** The message names the release's version of the procedure can catch anywhere. */
    public Set<String> messagesCaughtBy(String processInstanceId) {
        HistoricProcessInstance instance =
                history.createHistoricProcessInstanceQuery()
                        .processInstanceId(processInstanceId)
                        .singleResult();
        if (instance == null) {
            return Set.of();
        }
        return caughtByDefinition.computeIfAbsent(
                instance.getProcessDefinitionId(),
                definition ->
                        repository
                                .getBpmnModelInstance(definition)
                                .getModelElementsByType(
                                        org.operaton.bpm.model.bpmn.instance.Message.class)
                                .stream()
                                .map(org.operaton.bpm.model.bpmn.instance.Message::getName)
                                .filter(java.util.Objects::nonNull)
                                .filter(ReleaseStandings::fromPipelines)
                                .collect(
                                        Collectors.collectingAndThen(
                                                Collectors.toCollection(java.util.TreeSet::new),
                                                java.util.Collections::unmodifiableSortedSet)));
    }

    /** A deployed definition's messages never change: each walked once (the walk is a DOM scan). */
    private final Map<String, Set<String>> caughtByDefinition =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The message names the release waits for right now. */
    public Set<String> messagesAwaitedBy(String processInstanceId) {
        return runtime
                .createEventSubscriptionQuery()
                .processInstanceId(processInstanceId)
                .eventType("message")
                .list()
                .stream()
                .map(org.operaton.bpm.engine.runtime.EventSubscription::getEventName)
                .filter(ReleaseStandings::fromPipelines)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * Almanac sends upstream-ready and freeze override requests itself; pipelines deliver the
     * others.
     */
    private static boolean fromPipelines(String message) {
        return !ModelRelease.Messages.UPSTREAM_READY.equals(message)
                && !ModelRelease.Messages.FREEZE_OVERRIDE_REQUESTED.equals(message);
    }

    /**
     * When the step last ended, if it has ended and is not running again (a retrained release runs
     * training twice: its dependants wait for the second run).
     */
    public Optional<Instant> stepEnded(String processInstanceId, String activityId) {
        Instant ended = null;
        for (var run :
                history.createHistoricActivityInstanceQuery()
                        .processInstanceId(processInstanceId)
                        .activityId(activityId)
                        .list()) {
            if (run.getEndTime() == null) {
                return Optional.empty();
            }
            Instant end = run.getEndTime().toInstant();
            if (!run.isCanceled() && (ended == null || end.isAfter(ended))) {
                ended = end;
            }
        }
        return Optional.ofNullable(ended);
    }

    /** Whether the step has started at least once. */
    public boolean stepStarted(String processInstanceId, String activityId) {
        return history.createHistoricActivityInstanceQuery()
                        .processInstanceId(processInstanceId)
                        .activityId(activityId)
                        .count()
                > 0;
    }

    /** The activities a running release is in now (multi-instance bodies left out). */
    public Set<String> activeActivities(String processInstanceId) {
        return history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId)
                .unfinished()
                .list()
                .stream()
                .map(org.operaton.bpm.engine.history.HistoricActivityInstance::getActivityId)
                .map(ReleaseStandings::stepIdOf)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** How many releases (running or ended) ran on the procedure versions of a deployment. */
    public long releasesOnDeployment(String deploymentId) {
        long releases = 0;
        for (var definition :
                repository.createProcessDefinitionQuery().deploymentId(deploymentId).list()) {
            releases +=
                    history.createHistoricProcessInstanceQuery()
                            .processDefinitionId(definition.getId())
                            .count();
        }
        return releases;
    }

    /** One open task, by id. */
    public Optional<Task> task(String taskId) {
        return Optional.ofNullable(tasks.createTaskQuery().taskId(taskId).singleResult());
    }

    public List<Task> openTasks(String processInstanceId) {
        return tasks.createTaskQuery().processInstanceId(processInstanceId).list();
    }

    /**
     * Progress of many releases with a fixed number of queries (instances, open tasks, timers,
     * external tasks, incidents, outcomes, open activities), plus one for the candidates of each
     * user task nobody has claimed. Procedure models come from the engine's deployment cache.
     */
    public Map<String, ReleaseProgress> progressOf(Collection<String> processInstanceIds) {
        Set<String> ids = new HashSet<>(processInstanceIds);
        ids.remove(null);
        if (ids.isEmpty()) {
            return Map.of();
        }
        String[] idArray = ids.toArray(String[]::new);
        Map<String, HistoricProcessInstance> instances =
                history.createHistoricProcessInstanceQuery().processInstanceIds(ids).list().stream()
                        .collect(
                                Collectors.toMap(
                                        HistoricProcessInstance::getId, Function.identity()));
        Map<String, Task> openTasks =
                tasks.createTaskQuery().processInstanceIdIn(idArray).list().stream()
                        .collect(Collectors.toMap(Task::getId, Function.identity()));
        Map<String, String> candidates = candidatesOf(openTasks.values());
        Map<String, List<Job>> timersByInstance =
                management.createJobQuery().processInstanceIds(ids).timers().list().stream()
                        .collect(Collectors.groupingBy(Job::getProcessInstanceId));
        Map<String, List<ExternalTask>> workByInstance =
                externalTasks.createExternalTaskQuery().processInstanceIdIn(idArray).list().stream()
                        .collect(Collectors.groupingBy(ExternalTask::getProcessInstanceId));
        Map<String, Long> incidents =
                runtime
                        .createIncidentQuery()
                        .processDefinitionKeyIn(ModelRelease.PROCESS_ID)
                        .list()
                        .stream()
                        .filter(i -> ids.contains(i.getProcessInstanceId()))
                        .collect(
                                Collectors.groupingBy(
                                        org.operaton.bpm.engine.runtime.Incident
                                                ::getProcessInstanceId,
                                        Collectors.counting()));
        String[] ended =
                instances.values().stream()
                        .filter(i -> i.getEndTime() != null)
                        .map(HistoricProcessInstance::getId)
                        .toArray(String[]::new);
        Map<String, Object> outcomes = new HashMap<>();
        if (ended.length > 0) {
            history.createHistoricVariableInstanceQuery()
                    .processInstanceIdIn(ended)
                    .variableName(RELEASE_OUTCOME)
                    .list()
                    .forEach(v -> outcomes.put(v.getProcessInstanceId(), v.getValue()));
        }
        Map<String, List<HistoricActivityInstance>> unfinished = unfinishedActivities(ids);
        Map<String, ReleaseProgress> result = new HashMap<>();
        for (String id : ids) {
            HistoricProcessInstance instance = instances.get(id);
            if (instance == null) {
                result.put(id, ReleaseProgress.NOT_STARTED);
            } else if (instance.getEndTime() != null) {
                Object outcome = outcomes.get(id);
                result.put(
                        id,
                        new ReleaseProgress(
                                ReleaseProgress.Status.ENDED,
                                outcome == null ? null : outcome.toString(),
                                List.of(),
                                0,
                                instance.getEndTime().toInstant()));
            } else {
                List<ReleaseProgress.CurrentStep> steps =
                        currentSteps(
                                instance,
                                unfinished.getOrDefault(id, List.of()),
                                openTasks,
                                candidates,
                                timersByInstance.getOrDefault(id, List.of()),
                                workByInstance.getOrDefault(id, List.of()));
                result.put(
                        id,
                        new ReleaseProgress(
                                ReleaseProgress.Status.ACTIVE,
                                null,
                                steps,
                                incidents.getOrDefault(id, 0L).intValue(),
                                null));
            }
        }
        return result;
    }

    /**
     * The activities the releases are at: one query for one release, one for all running activities
     * otherwise.
     */
    /**
     * The activities still open in these releases, oldest first: one query for all of them (the
     * engine's query API takes one process instance at a time, so this is its native query, with
     * every id a parameter).
     */
    private Map<String, List<HistoricActivityInstance>> unfinishedActivities(Set<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<String> list = List.copyOf(ids);
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            in.append(i == 0 ? "" : ", ").append("#{id").append(i).append('}');
        }
        var query =
                history.createNativeHistoricActivityInstanceQuery()
                        .sql(
                                "SELECT * FROM "
                                        + management.getTableName(
                                                org.operaton.bpm.engine.impl.persistence.entity
                                                        .HistoricActivityInstanceEntity.class)
                                        + " WHERE END_TIME_ IS NULL AND PROC_INST_ID_ IN ("
                                        + in
                                        + ") ORDER BY START_TIME_ ASC, SEQUENCE_COUNTER_ ASC");
        for (int i = 0; i < list.size(); i++) {
            query = query.parameter("id" + i, list.get(i));
        }
        return query.list().stream()
                .collect(Collectors.groupingBy(HistoricActivityInstance::getProcessInstanceId));
    }

    private List<ReleaseProgress.CurrentStep> currentSteps(
            HistoricProcessInstance instance,
            List<HistoricActivityInstance> open,
            Map<String, Task> openTasks,
            Map<String, String> candidates,
            List<Job> timers,
            List<ExternalTask> work) {
        BpmnModelInstance model =
                repository.getBpmnModelInstance(instance.getProcessDefinitionId());
        List<ReleaseProgress.CurrentStep> steps = new ArrayList<>();
        for (HistoricActivityInstance activity : open) {
            if (HIDDEN_TYPES.contains(activity.getActivityType())
                    || "subProcess".equals(activity.getActivityType())) {
                continue;
            }
            String activityId = activity.getActivityId();
            Instant since = activity.getStartTime().toInstant();
            String name =
                    activity.getActivityName() == null ? activityId : activity.getActivityName();
            switch (activity.getActivityType()) {
                case "userTask" -> {
                    Task task =
                            activity.getTaskId() == null
                                    ? null
                                    : openTasks.get(activity.getTaskId());
                    String waitingFor =
                            task == null
                                    ? "a person"
                                    : task.getAssignee() != null
                                            ? task.getAssignee()
                                            : candidates.getOrDefault(task.getId(), "");
                    steps.add(
                            new ReleaseProgress.CurrentStep(
                                    activityId,
                                    task == null ? name : ProcedureSignals.stepName(task.getName()),
                                    ReleaseProgress.Kind.USER_TASK,
                                    waitingFor,
                                    task == null ? null : toInstant(task.getDueDate()),
                                    since,
                                    task == null ? null : task.getId()));
                }
                case "receiveTask", "intermediateMessageCatch" ->
                        steps.add(
                                new ReleaseProgress.CurrentStep(
                                        activityId,
                                        name,
                                        ReleaseProgress.Kind.MESSAGE,
                                        "message " + messageName(model, activityId),
                                        escalationDeadline(model, activityId, timers),
                                        since,
                                        null));
                case "serviceTask" -> {
                    ExternalTask task =
                            work.stream()
                                    .filter(t -> t.getActivityId().equals(activityId))
                                    .findFirst()
                                    .orElse(null);
                    String waitingFor = task == null ? "worker" : workerState(task);
                    steps.add(
                            new ReleaseProgress.CurrentStep(
                                    activityId,
                                    name,
                                    ReleaseProgress.Kind.WORKER,
                                    waitingFor,
                                    null,
                                    since,
                                    null));
                }
                case "intermediateTimer" ->
                        steps.add(
                                new ReleaseProgress.CurrentStep(
                                        activityId,
                                        name,
                                        ReleaseProgress.Kind.TIMER,
                                        "timer",
                                        timers.stream()
                                                .filter(j -> activityId.equals(activityIdOf(j)))
                                                .map(j -> toInstant(j.getDuedate()))
                                                .findFirst()
                                                .orElse(null),
                                        since,
                                        null));
                default ->
                        steps.add(
                                new ReleaseProgress.CurrentStep(
                                        activityId,
                                        name,
                                        ReleaseProgress.Kind.OTHER,
                                        activity.getActivityType(),
                                        null,
                                        since,
                                        null));
            }
        }
        return steps;
    }

    /**
     * The candidate groups (or users) of each unassigned task, joined: one statement per 500 tasks
     * instead of an engine command per task, and a task completed since it was read is simply not
     * there (the engine's command would fail, and mark the caller's transaction for rollback).
     */
    private Map<String, String> candidatesOf(java.util.Collection<Task> open) {
        List<String> ids =
                open.stream().filter(t -> t.getAssignee() == null).map(Task::getId).toList();
        Map<String, java.util.StringJoiner> joined = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            jdbc.query(
                    "SELECT TASK_ID_, GROUP_ID_, USER_ID_ FROM ACT_RU_IDENTITYLINK"
                            + " WHERE TYPE_ = 'candidate' AND TASK_ID_ IN ("
                            + String.join(",", java.util.Collections.nCopies(chunk.size(), "?"))
                            + ")",
                    row -> {
                        String group = row.getString(2);
                        joined.computeIfAbsent(
                                        row.getString(1), id -> new java.util.StringJoiner(", "))
                                .add(group != null ? group : row.getString(3));
                    },
                    chunk.toArray());
        }
        Map<String, String> result = new HashMap<>();
        joined.forEach((id, names) -> result.put(id, names.toString()));
        return result;
    }

    private static String workerState(ExternalTask task) {
        if (task.getRetries() != null && task.getRetries() == 0) {
            return "incident on topic " + task.getTopicName() + ": " + task.getErrorMessage();
        }
        if (task.getErrorMessage() != null) {
            return "worker (topic "
                    + task.getTopicName()
                    + "), retrying: "
                    + task.getErrorMessage();
        }
        return "worker (topic " + task.getTopicName() + ")";
    }

    private static String messageName(BpmnModelInstance model, String activityId) {
        var element = model.getModelElementById(activityId);
        if (element instanceof org.operaton.bpm.model.bpmn.instance.ReceiveTask receive
                && receive.getMessage() != null) {
            return receive.getMessage().getName();
        }
        return "?";
    }

    /** The due date of a timer on the activity's boundary: when waiting becomes overdue. */
    private Instant escalationDeadline(
            BpmnModelInstance model, String activityId, List<Job> timers) {
        Set<String> boundaryIds =
                model.getModelElementsByType(BoundaryEvent.class).stream()
                        .filter(
                                b ->
                                        b.getAttachedTo() != null
                                                && activityId.equals(b.getAttachedTo().getId()))
                        .map(BoundaryEvent::getId)
                        .collect(Collectors.toSet());
        return timers.stream()
                .filter(j -> boundaryIds.contains(activityIdOf(j)))
                .map(j -> toInstant(j.getDuedate()))
                .min(Instant::compareTo)
                .orElse(null);
    }

    /**
     * The activity a timer job belongs to, through its job definition (cached: definitions never
     * change).
     */
    String activityIdOf(Job job) {
        if (job.getJobDefinitionId() == null) {
            return null;
        }
        return jobActivities.computeIfAbsent(
                job.getJobDefinitionId(),
                id -> {
                    var definition =
                            management
                                    .createJobDefinitionQuery()
                                    .jobDefinitionId(id)
                                    .singleResult();
                    return definition == null ? "" : definition.getActivityId();
                });
    }

    /** Every step the release has taken, oldest first, without gateways. */
    public List<TakenStep> historyOf(String processInstanceId) {
        Map<String, String> completedBy = new HashMap<>();
        history.createHistoricTaskInstanceQuery()
                .processInstanceId(processInstanceId)
                .finished()
                .list()
                .forEach(t -> completedBy.put(t.getId(), t.getAssignee()));
        return history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId)
                .orderPartiallyByOccurrence()
                .asc()
                .list()
                .stream()
                .filter(a -> !HIDDEN_TYPES.contains(a.getActivityType()))
                .map(
                        a ->
                                new TakenStep(
                                        a.getActivityId(),
                                        a.getActivityName() == null
                                                ? a.getActivityId()
                                                : a.getActivityName(),
                                        a.getActivityType(),
                                        toInstant(a.getStartTime()),
                                        toInstant(a.getEndTime()),
                                        a.getTaskId() == null
                                                ? null
                                                : completedBy.get(a.getTaskId())))
                .toList();
    }

    /** The BPMN XML of the version this release runs, for the diagram. */
    public String diagramOf(String processInstanceId) {
        HistoricProcessInstance instance =
                history.createHistoricProcessInstanceQuery()
                        .processInstanceId(processInstanceId)
                        .singleResult();
        try (InputStream xml = repository.getProcessModel(instance.getProcessDefinitionId())) {
            return new String(xml.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the diagram of " + processInstanceId, e);
        }
    }

    /** The version of the procedure a release runs, like "model-release v3". */
    public String procedureDefinitionOf(String processInstanceId) {
        HistoricProcessInstance instance =
                history.createHistoricProcessInstanceQuery()
                        .processInstanceId(processInstanceId)
                        .singleResult();
        return instance == null ? null : instance.getProcessDefinitionId();
    }

    public String procedureVersionOf(String processInstanceId) {
        HistoricProcessInstance instance =
                history.createHistoricProcessInstanceQuery()
                        .processInstanceId(processInstanceId)
                        .singleResult();
        return instance == null
                ? null
                : instance.getProcessDefinitionKey()
                        + " v"
                        + instance.getProcessDefinitionVersion();
    }

    /**
     * The release's variables, by name, in name order; values that cannot be read are shown as
     * their type.
     */
    public Map<String, Object> variablesOf(String processInstanceId) {
        Map<String, Object> values = new java.util.TreeMap<>();
        for (var variable :
                history.createHistoricVariableInstanceQuery()
                        .processInstanceId(processInstanceId)
                        .list()) {
            if (variable.getErrorMessage() != null) {
                values.put(variable.getName(), "(" + variable.getTypeName() + ")");
            } else if (variable.getValue() != null) {
                values.put(variable.getName(), variable.getValue());
            }
        }
        return values;
    }

    private Object variable(String processInstanceId, String name) {
        var instance =
                history.createHistoricVariableInstanceQuery()
                        .processInstanceId(processInstanceId)
                        .variableName(name)
                        .list();
        return instance.isEmpty() ? null : instance.get(0).getValue();
    }

    private static Instant toInstant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** What the engine knows of one release for the calendar. */
    record EngineState(
            String processInstanceId,
            String processDefinitionId,
            Instant start,
            Instant end,
            String endActivity,
            Map<String, dev.almanac.projection.StepState> steps) {}

    /**
     * Every release instance that is running or ended since {@code endedSince}, with the latest run
     * of each activity and the engine's due dates (timers and tasks), in four queries whatever the
     * count.
     */
    Map<String, EngineState> engineStates(Instant endedSince) {
        String processes = management.getTableName(HistoricProcessInstance.class);
        String activities = management.getTableName(HistoricActivityInstance.class);
        Date since = Date.from(endedSince);
        List<HistoricProcessInstance> instances =
                history.createNativeHistoricProcessInstanceQuery()
                        .sql(
                                "SELECT * FROM "
                                        + processes
                                        + " WHERE PROC_DEF_KEY_ = #{key} AND (END_TIME_ IS NULL OR END_TIME_ >= #{since})")
                        .parameter("key", ModelRelease.PROCESS_ID)
                        .parameter("since", since)
                        .list();
        List<HistoricActivityInstance> runs =
                history.createNativeHistoricActivityInstanceQuery()
                        .sql(
                                "SELECT A.* FROM "
                                        + activities
                                        + " A WHERE A.PROC_DEF_KEY_ = #{key} AND A.PROC_INST_ID_ IN (SELECT P.PROC_INST_ID_ FROM "
                                        + processes
                                        + " P WHERE P.PROC_DEF_KEY_ = #{key} AND (P.END_TIME_ IS NULL OR P.END_TIME_ >= #{since}))")
                        .parameter("key", ModelRelease.PROCESS_ID)
                        .parameter("since", since)
                        .list();
        Map<String, Instant> due = new HashMap<>();
        tasks.createTaskQuery().processDefinitionKey(ModelRelease.PROCESS_ID).list().stream()
                .filter(t -> t.getDueDate() != null)
                .forEach(
                        t ->
                                due.merge(
                                        t.getProcessInstanceId() + "/" + t.getTaskDefinitionKey(),
                                        t.getDueDate().toInstant(),
                                        ReleaseStandings::later));
        management
                .createJobQuery()
                .processDefinitionKey(ModelRelease.PROCESS_ID)
                .timers()
                .list()
                .stream()
                .filter(j -> j.getDuedate() != null)
                .forEach(
                        j ->
                                due.merge(
                                        j.getProcessInstanceId() + "/" + activityIdOf(j),
                                        j.getDuedate().toInstant(),
                                        ReleaseStandings::later));
        Set<String> withBody =
                runs.stream()
                        .filter(r -> r.getActivityId().endsWith(MULTI_INSTANCE_BODY))
                        .map(r -> r.getProcessInstanceId() + "/" + stepIdOf(r.getActivityId()))
                        .collect(Collectors.toSet());
        Map<String, Map<String, dev.almanac.projection.StepState>> steps = new HashMap<>();
        runs.stream()
                .sorted(java.util.Comparator.comparing(HistoricActivityInstance::getStartTime))
                .forEach(
                        run -> {
                            String activityId = stepIdOf(run.getActivityId());
                            String key = run.getProcessInstanceId() + "/" + activityId;
                            if (activityId == null
                                    || (withBody.contains(key)
                                            && !run.getActivityId()
                                                    .endsWith(MULTI_INSTANCE_BODY))) {
                                return;
                            }
                            // runs come oldest first, so the latest run of a repeated step
                            // (retraining) wins
                            steps.computeIfAbsent(run.getProcessInstanceId(), k -> new HashMap<>())
                                    .put(
                                            activityId,
                                            new dev.almanac.projection.StepState(
                                                    activityId,
                                                    toInstant(run.getStartTime()),
                                                    toInstant(run.getEndTime()),
                                                    run.getEndTime() == null
                                                            ? due.get(key)
                                                            : null));
                        });
        Map<String, EngineState> result = new HashMap<>();
        for (HistoricProcessInstance instance : instances) {
            result.put(
                    instance.getId(),
                    new EngineState(
                            instance.getId(),
                            instance.getProcessDefinitionId(),
                            toInstant(instance.getStartTime()),
                            toInstant(instance.getEndTime()),
                            instance.getEndActivityId(),
                            steps.getOrDefault(instance.getId(), Map.of())));
        }
        return result;
    }

    /** The step an activity run counts for: a multi-instance body counts for its activity. */
    private static String stepIdOf(String activityId) {
        if (activityId == null) {
            return null;
        }
        return activityId.endsWith(MULTI_INSTANCE_BODY)
                ? activityId.substring(0, activityId.length() - MULTI_INSTANCE_BODY.length())
                : activityId;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * How long finished steps took, most recent first, at most {@code limit}: the projector learns
     * durations from them.
     */
    List<FinishedStep> finishedSteps(int limit) {
        String activities = management.getTableName(HistoricActivityInstance.class);
        return history
                .createNativeHistoricActivityInstanceQuery()
                .sql(
                        "SELECT * FROM "
                                + activities
                                + " WHERE PROC_DEF_KEY_ = #{key} AND END_TIME_ IS NOT NULL AND DURATION_ IS NOT NULL "
                                + "AND ACT_TYPE_ NOT IN ('exclusiveGateway', 'parallelGateway', 'inclusiveGateway', 'startEvent', 'noneEndEvent', 'boundaryTimer', 'boundaryError') "
                                + "ORDER BY END_TIME_ DESC")
                .parameter("key", ModelRelease.PROCESS_ID)
                .listPage(0, limit)
                .stream()
                .map(
                        a ->
                                new FinishedStep(
                                        a.getProcessInstanceId(),
                                        stepIdOf(a.getActivityId()),
                                        a.getActivityId().endsWith(MULTI_INSTANCE_BODY),
                                        a.getDurationInMillis() == null
                                                ? 0
                                                : a.getDurationInMillis()))
                .toList();
    }

    record FinishedStep(
            String processInstanceId, String activityId, boolean multiInstanceBody, long millis) {}

    /** The deploy-window timers waiting right now, by process instance, with their due dates. */
    Map<String, Job> windowTimers(Set<String> activityIds) {
        Map<String, Job> result = new HashMap<>();
        management
                .createJobQuery()
                .processDefinitionKey(ModelRelease.PROCESS_ID)
                .timers()
                .list()
                .stream()
                .filter(j -> activityIds.contains(activityIdOf(j)))
                .forEach(j -> result.put(j.getProcessInstanceId(), j));
        return result;
    }

    /** Until when an approved freeze override lets the release deploy at once, or null. */
    Instant freezeOverrideUntil(String processInstanceId) {
        Object until =
                runtime.getVariable(
                        processInstanceId, ModelRelease.Variables.FREEZE_OVERRIDE_UNTIL);
        return until instanceof Date date ? date.toInstant() : null;
    }

    /** Every open user task of every release, by process instance id. */
    public Map<String, List<Task>> openTasksByInstance() {
        return tasks.createTaskQuery().processDefinitionKey(ModelRelease.PROCESS_ID).list().stream()
                .collect(Collectors.groupingBy(Task::getProcessInstanceId));
    }

    /**
     * The accuracy of the latest deployed release of the model (among its last five), other than
     * the one named.
     */
    public java.util.OptionalDouble accuracyOfLatestDeployed(
            String model, String excludingReleaseKey) {
        for (HistoricProcessInstance release :
                history.createHistoricProcessInstanceQuery()
                        .processDefinitionKey(ModelRelease.PROCESS_ID)
                        .variableValueEquals(ModelRelease.Variables.MODEL, model)
                        .variableValueEquals(ModelRelease.Variables.RELEASE_OUTCOME, "deployed")
                        .orderByProcessInstanceStartTime()
                        .desc()
                        .listPage(0, 5)) {
            if (release.getBusinessKey() != null
                    && release.getBusinessKey().equals(excludingReleaseKey)) {
                continue;
            }
            var accuracy =
                    history.createHistoricVariableInstanceQuery()
                            .processInstanceId(release.getId())
                            .variableName(ModelRelease.Variables.ACCURACY)
                            .list();
            if (!accuracy.isEmpty() && accuracy.get(0).getValue() instanceof Number n) {
                return java.util.OptionalDouble.of(n.doubleValue());
            }
        }
        return java.util.OptionalDouble.empty();
    }

    /** An open user task of a release process, with its candidate groups when asked for. */
    public record OpenTask(
            String processInstanceId,
            String taskId,
            String name,
            java.time.Instant due,
            String assignee,
            List<String> groups) {}

    /** Open tasks any of the groups may act on, oldest first. */
    public List<OpenTask> openTasksForGroups(java.util.Collection<String> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        return tasks
                .createTaskQuery()
                .processDefinitionKey(ModelRelease.PROCESS_ID)
                .taskCandidateGroupIn(List.copyOf(groups))
                .orderByTaskCreateTime()
                .asc()
                .list()
                .stream()
                .map(t -> openTask(t, List.of()))
                .toList();
    }

    /** Open tasks due before the instant, with their candidate groups. */
    public List<OpenTask> tasksDueBefore(java.time.Instant instant) {
        return tasks
                .createTaskQuery()
                .processDefinitionKey(ModelRelease.PROCESS_ID)
                .dueBefore(java.util.Date.from(instant))
                .list()
                .stream()
                .map(t -> openTask(t, candidateGroups(t.getId())))
                .toList();
    }

    private List<String> candidateGroups(String taskId) {
        return tasks.getIdentityLinksForTask(taskId).stream()
                .filter(
                        link ->
                                org.operaton.bpm.engine.task.IdentityLinkType.CANDIDATE.equals(
                                                link.getType())
                                        && link.getGroupId() != null)
                .map(org.operaton.bpm.engine.task.IdentityLink::getGroupId)
                .toList();
    }

    private static OpenTask openTask(Task task, List<String> groups) {
        return new OpenTask(
                task.getProcessInstanceId(),
                task.getId(),
                ProcedureSignals.stepName(task.getName()),
                task.getDueDate() == null ? null : task.getDueDate().toInstant(),
                task.getAssignee(),
                groups);
    }
}
