package dev.almanac.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.operaton.bpm.engine.task.Task;

/**
 * The one listener plugin hands the procedure's moments to plain-Java listeners, in the engine's
 * transaction.
 */
class ProcedureSignalsTest {

    private static final String PROCESS =
            """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn"
                         targetNamespace="test">
              <process id="signals" isExecutable="true" operaton:historyTimeToLive="P30D">
                <startEvent id="start" />
                <sequenceFlow id="f1" sourceRef="start" targetRef="review" />
                <userTask id="review" name="Risk review" operaton:candidateGroups="risk-officers,privacy">
                  <extensionElements><operaton:properties>
                    <operaton:property name="plannedDuration" value="P1D" />
                    <operaton:property name="milestone" value="Risk review" />
                  </operaton:properties></extensionElements>
                </userTask>
                <sequenceFlow id="f2" sourceRef="review" targetRef="plain" />
                <manualTask id="plain" name="No properties" />
                <sequenceFlow id="f3" sourceRef="plain" targetRef="end" />
                <endEvent id="end" />
              </process>
            </definitions>""";

    /** Everything the listener heard, as text. */
    private static final List<String> heard = new CopyOnWriteArrayList<>();

    private static volatile boolean refuseCompletion;
    private static ProcessEngine engine;

    @BeforeAll
    static void engine() {
        ProcedureListener recorder =
                new ProcedureListener() {
                    @Override
                    public void taskCreated(Task task) {
                        heard.add(
                                "created "
                                        + task.name()
                                        + " of "
                                        + task.releaseKey()
                                        + " for "
                                        + task.candidateGroups().stream().sorted().toList()
                                        + " milestone="
                                        + task.properties().get(ModelRelease.MILESTONE));
                    }

                    @Override
                    public void taskCompleting(Task task) {
                        heard.add(
                                "completing "
                                        + task.name()
                                        + " by "
                                        + task.actor()
                                        + " decision="
                                        + task.variable("decision"));
                        if (refuseCompletion) {
                            throw new IllegalStateException("refused by a listener");
                        }
                    }

                    @Override
                    public void stepStarted(Step step) {
                        heard.add(
                                "started " + step.activityId() + " (" + step.activityName() + ")");
                    }

                    @Override
                    public void stepEnded(Step step) {
                        heard.add("ended " + step.activityId() + " of " + step.releaseKey());
                    }
                };
        StandaloneInMemProcessEngineConfiguration configuration =
                new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("almanac-procedure-signals-tests");
        configuration.setJdbcUrl("jdbc:h2:mem:almanac-procedure-signals-tests;DB_CLOSE_DELAY=-1");
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.getProcessEnginePlugins().add(new ProcedureSignals(() -> List.of(recorder)));
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService()
                .createDeployment()
                .addString("signals.bpmn", PROCESS)
                .deploy();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @BeforeEach
    void forget() {
        heard.clear();
        refuseCompletion = false;
    }

    @Test
    void listenersHearTasksAndStepsWithPlainValues() {
        engine.getRuntimeService().startProcessInstanceByKey("signals", "fraud-scorer-2026.12");
        Task task =
                engine.getTaskService()
                        .createTaskQuery()
                        .processInstanceBusinessKey("fraud-scorer-2026.12")
                        .singleResult();
        engine.getIdentityService().setAuthenticatedUserId("oscar");
        try {
            engine.getTaskService().complete(task.getId(), Map.of("decision", "approve"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }

        assertThat(heard)
                .containsExactly(
                        "started review (Risk review)",
                        "created Risk review of fraud-scorer-2026.12 for [privacy, risk-officers] milestone=Risk review",
                        "completing Risk review by oscar decision=approve",
                        "ended review of fraud-scorer-2026.12");
    }

    @Test
    void aListenerThatThrowsRefusesTheCompletionAndNothingOfItIsKept() {
        engine.getRuntimeService().startProcessInstanceByKey("signals", "credit-limit-2027.01");
        Task task =
                engine.getTaskService()
                        .createTaskQuery()
                        .processInstanceBusinessKey("credit-limit-2027.01")
                        .singleResult();
        refuseCompletion = true;

        assertThatThrownBy(
                        () ->
                                engine.getTaskService()
                                        .complete(task.getId(), Map.of("decision", "approve")))
                .hasMessageContaining("refused by a listener");

        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count())
                .isEqualTo(1);
        assertThat(engine.getTaskService().getVariable(task.getId(), "decision")).isNull();
        assertThat(heard).noneMatch(h -> h.startsWith("ended"));
    }
}
