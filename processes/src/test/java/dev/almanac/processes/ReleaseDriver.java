package dev.almanac.processes;

import static dev.almanac.processes.ModelRelease.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;
import org.operaton.bpm.engine.history.HistoricActivityInstance;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.task.Task;

/**
 * Drives one release through the engine as workers, pipelines and people would. Shared with the
 * webapp's tests.
 */
public final class ReleaseDriver {

    private final ProcessEngine engine;
    public final ProcessInstance instance;

    private ReleaseDriver(ProcessEngine engine, ProcessInstance instance) {
        this.engine = engine;
        this.instance = instance;
    }

    /** Drives a release already started, by its process instance. */
    public static ReleaseDriver of(ProcessEngine engine, String processInstanceId) {
        return new ReleaseDriver(
                engine,
                engine.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceId(processInstanceId)
                        .singleResult());
    }

    static ReleaseDriver start(ProcessEngine engine, String riskTier, String lane) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(RELEASE_KEY, "fraud-scorer-2026.12");
        variables.put(MODEL, "fraud-scorer");
        variables.put(VERSION, "2026.12");
        variables.put(LANE, lane);
        variables.put(RISK_TIER, riskTier);
        variables.put(OWNER_TEAM, "fraud-ml");
        variables.put(DATA_FEEDS, "transactions,chargebacks");
        ProcessInstance instance =
                engine.getRuntimeService()
                        .startProcessInstanceByKey(
                                ModelRelease.PROCESS_ID, "fraud-scorer-2026.12", variables);
        return new ReleaseDriver(engine, instance);
    }

    public ReleaseDriver completeExternal(String topic, Map<String, Object> variables) {
        LockedExternalTask task = lock(topic);
        engine.getExternalTaskService().complete(task.getId(), "test-worker", variables);
        return this;
    }

    public ReleaseDriver failExternalWithBpmnError(
            String topic, String errorCode, Map<String, Object> variables) {
        LockedExternalTask task = lock(topic);
        engine.getExternalTaskService()
                .handleBpmnError(
                        task.getId(), "test-worker", errorCode, "business outcome", variables);
        return this;
    }

    private LockedExternalTask lock(String topic) {
        List<LockedExternalTask> locked =
                engine.getExternalTaskService()
                        .fetchAndLock(10, "test-worker")
                        .topic(topic, 60_000)
                        .businessKey(instance.getBusinessKey())
                        .execute();
        assertThat(locked).as("external task on topic %s", topic).hasSize(1);
        return locked.get(0);
    }

    public ReleaseDriver correlate(String message, Map<String, Object> variables) {
        engine.getRuntimeService()
                .createMessageCorrelation(message)
                .processInstanceId(instance.getId())
                .setVariables(variables)
                .correlate();
        return this;
    }

    public Task task(String taskDefinitionKey) {
        List<Task> tasks = tasks(taskDefinitionKey);
        assertThat(tasks).as("open task %s", taskDefinitionKey).hasSize(1);
        return tasks.get(0);
    }

    public List<Task> tasks(String taskDefinitionKey) {
        return engine.getTaskService()
                .createTaskQuery()
                .processInstanceId(instance.getId())
                .taskDefinitionKey(taskDefinitionKey)
                .list();
    }

    public ReleaseDriver completeTask(String taskDefinitionKey, Map<String, Object> variables) {
        engine.getTaskService().complete(task(taskDefinitionKey).getId(), variables);
        return this;
    }

    public Job timer(String activityId) {
        Job job =
                engine.getManagementService()
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .activityId(activityId)
                        .timers()
                        .singleResult();
        assertThat(job).as("timer at %s", activityId).isNotNull();
        return job;
    }

    public ReleaseDriver fireTimer(String activityId) {
        engine.getManagementService().executeJob(timer(activityId).getId());
        return this;
    }

    /** The happy path up to the promotion gate, with the given metrics. */
    public ReleaseDriver throughTraining(
            double accuracy, double latencyP95Ms, double baselineAccuracy) {
        return completeExternal(ModelRelease.Topics.DATA_READINESS, Map.of())
                .correlate(ModelRelease.Messages.DATA_READY, Map.of())
                .completeExternal(
                        ModelRelease.Topics.TRAINING_TRIGGER, Map.of(TRAINING_RUN_ID, "run-1"))
                .correlate(
                        ModelRelease.Messages.TRAINING_FINISHED,
                        Map.of(
                                ACCURACY,
                                accuracy,
                                LATENCY_P95_MS,
                                latencyP95Ms,
                                MODEL_URI,
                                "s3://models/fraud-scorer/2026.12"))
                .completeExternal(
                        ModelRelease.Topics.VALIDATION_METRICS,
                        Map.of(
                                BASELINE_ACCURACY,
                                baselineAccuracy,
                                ACCURACY_DELTA,
                                accuracy - baselineAccuracy));
    }

    /** From an approved risk review through deploy, a healthy check and the retrospective. */
    public ReleaseDriver throughDeployAndRetrospective() {
        completeTask(
                "deploy-approval", Map.of(DEPLOY_DECISION, "go", DEPLOY_NOTE, "window booked"));
        fireTimer("wait-release-window");
        completeExternal(ModelRelease.Topics.DEPLOY, Map.of(DEPLOYMENT_ID, "dep-1"));
        fireTimer("monitor-in-production");
        completeExternal(
                ModelRelease.Topics.POST_DEPLOY_CHECK, Map.of(HEALTH_FINDING, "error rate 0.1%"));
        fireTimer("wait-for-retrospective");
        return completeTask(
                "retrospective",
                Map.of(RETRO_WENT_WELL, "smooth", RETRO_SLIPPED, "nothing", RETRO_ACTIONS, "none"));
    }

    public List<String> path() {
        return engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getId())
                .orderPartiallyByOccurrence()
                .asc()
                .list()
                .stream()
                .map(HistoricActivityInstance::getActivityId)
                .filter(id -> !id.contains("#"))
                .toList();
    }

    public Object variable(String name) {
        return engine.getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId())
                .variableName(name)
                .singleResult()
                .getValue();
    }

    public boolean ended() {
        return engine.getHistoryService()
                        .createHistoricProcessInstanceQuery()
                        .processInstanceId(instance.getId())
                        .singleResult()
                        .getEndTime()
                != null;
    }

    public List<String> activeActivities() {
        if (ended()) {
            return List.of();
        }
        return engine.getRuntimeService().getActiveActivityIds(instance.getId());
    }
}
