package dev.almanac.releases.internal;

import static dev.almanac.processes.ModelRelease.Variables.*;

import dev.almanac.processes.ModelRelease;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.task.Task;
import org.operaton.bpm.model.bpmn.instance.BoundaryEvent;
import org.springframework.stereotype.Component;

/**
 * The adapter between releases and the {@code model-release} process, for commands: it starts,
 * advances, moves and stops release processes. What they look like is read by {@link
 * ReleaseStandings}. With it, the only place in the application that talks to the engine's runtime
 * services.
 */
@Component
public class ReleaseProcess {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final HistoryService history;
    private final ManagementService management;
    private final ExternalTaskService externalTasks;
    private final RepositoryService repository;
    private final ReleaseStandings standings;

    ReleaseProcess(
            RuntimeService runtime,
            TaskService tasks,
            HistoryService history,
            ManagementService management,
            ExternalTaskService externalTasks,
            RepositoryService repository,
            ReleaseStandings standings) {
        this.standings = standings;
        this.runtime = runtime;
        this.tasks = tasks;
        this.history = history;
        this.management = management;
        this.externalTasks = externalTasks;
        this.repository = repository;
    }

    /** Starts the latest deployed version of the procedure for a planned release. */
    public ProcessInstance start(ReleasePlan plan) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(RELEASE_KEY, plan.getKey());
        variables.put(MODEL, plan.getModel());
        variables.put(VERSION, plan.getVersion());
        variables.put(LANE, plan.getLane().value());
        variables.put(RISK_TIER, plan.getRiskTier().value());
        variables.put(OWNER_TEAM, plan.getOwnerTeam());
        variables.put(TARGET_DATE, plan.getTargetDate().toString());
        variables.put(DATA_FEEDS, plan.getDataFeeds() == null ? "" : plan.getDataFeeds());
        return runtime.startProcessInstanceByKey(ModelRelease.PROCESS_ID, plan.getKey(), variables);
    }

    /**
     * Delivers a pipeline message to one release, by its process instance (cheaper than by business
     * key).
     */
    public void correlate(String processInstanceId, String message, Map<String, Object> variables) {
        runtime.createMessageCorrelation(message)
                .processInstanceId(processInstanceId)
                .setVariables(variables)
                .correlate();
    }

    /**
     * Sets when an active step ends where the engine keeps that date: the due date of its open user
     * tasks, or of its own timer. False if the engine keeps no date for it.
     */
    public boolean moveDue(String processInstanceId, String activityId, Instant due) {
        List<Task> open =
                tasks.createTaskQuery()
                        .processInstanceId(processInstanceId)
                        .taskDefinitionKey(activityId)
                        .list();
        if (!open.isEmpty()) {
            open.forEach(t -> tasks.setDueDate(t.getId(), Date.from(due)));
            return true;
        }
        List<Job> timers =
                management
                        .createJobQuery()
                        .processInstanceId(processInstanceId)
                        .timers()
                        .activityId(activityId)
                        .list();
        timers.forEach(j -> management.setJobDuedate(j.getId(), Date.from(due)));
        return !timers.isEmpty();
    }

    /**
     * Moves the release's boundary timers (escalations, rechecks) by the given amount; returns how
     * many.
     */
    public int shiftBoundaryTimers(String processInstanceId, java.time.Duration by) {
        Set<String> boundaries = new HashSet<>();
        var instance =
                history.createHistoricProcessInstanceQuery()
                        .processInstanceId(processInstanceId)
                        .singleResult();
        repository
                .getBpmnModelInstance(instance.getProcessDefinitionId())
                .getModelElementsByType(BoundaryEvent.class)
                .forEach(b -> boundaries.add(b.getId()));
        int moved = 0;
        for (Job job :
                management.createJobQuery().processInstanceId(processInstanceId).timers().list()) {
            if (boundaries.contains(standings.activityIdOf(job)) && job.getDuedate() != null) {
                management.setJobDuedate(
                        job.getId(), Date.from(job.getDuedate().toInstant().plus(by)));
                moved++;
            }
        }
        return moved;
    }

    /**
     * Lets a release waiting for upstream check its dependencies again (no-op if it is not
     * waiting).
     */
    public void recheckUpstream(String processInstanceId) {
        runtime.createMessageCorrelation(ModelRelease.Messages.UPSTREAM_READY)
                .processInstanceId(processInstanceId)
                .correlateAll();
    }

    /**
     * Claims (if nobody has) and completes a task; called in the person's name, so the engine
     * checks that the task is theirs to work on.
     */
    public void completeTask(String taskId, String userId, Map<String, Object> variables) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task != null && task.getAssignee() == null) {
            tasks.claim(taskId, userId);
        }
        tasks.complete(taskId, variables);
    }

    /** Asks for a freeze override: the procedure opens the override task for release managers. */
    public boolean requestFreezeOverride(String processInstanceId, String reason) {
        var result =
                runtime.createMessageCorrelation(ModelRelease.Messages.FREEZE_OVERRIDE_REQUESTED)
                        .processInstanceId(processInstanceId)
                        .setVariable(ModelRelease.Variables.OVERRIDE_REQUEST_REASON, reason)
                        .correlateAllWithResult();
        return !result.isEmpty();
    }

    /**
     * Removes from running releases the variables earlier versions kept for four-eyes (who
     * requested, changed, asked for an override): they come from our records now, and a completion
     * finding them is refused.
     */
    @org.springframework.context.event.EventListener(
            org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public int forgetRecordVariables() {
        int removed = 0;
        for (var variable :
                runtime.createVariableInstanceQuery()
                        .variableNameIn(
                                ModelRelease.Variables.REQUESTED_BY,
                                ModelRelease.Variables.LAST_CHANGED_BY,
                                ModelRelease.Variables.OVERRIDE_REQUESTED_BY)
                        .list()) {
            if (variable.getTaskId() != null) {
                tasks.removeVariableLocal(variable.getTaskId(), variable.getName());
            } else {
                runtime.removeVariableLocal(variable.getExecutionId(), variable.getName());
            }
            removed++;
        }
        return removed;
    }

    /** Moves a timer to a new due date (the job executor then fires it then). */
    void retime(Job timer, Instant due) {
        management.setJobDuedate(timer.getId(), Date.from(due));
    }

    /**
     * Changes what a running release knows of its plan (lane, risk tier, owner, target); an ended
     * one keeps its record.
     */
    public void replanned(String processInstanceId, Map<String, Object> variables) {
        if (runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
            runtime.setVariables(processInstanceId, variables);
        }
    }

    /** Stops a running release, with the reason in its history. */
    public boolean cancel(String processInstanceId, String reason) {
        if (runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count()
                == 0) {
            return false;
        }
        runtime.setVariable(processInstanceId, RELEASE_OUTCOME, "cancelled");
        runtime.deleteProcessInstance(processInstanceId, reason);
        return true;
    }
}
