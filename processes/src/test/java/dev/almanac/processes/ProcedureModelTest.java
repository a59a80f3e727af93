package dev.almanac.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.Activity;
import org.operaton.bpm.model.bpmn.instance.ExclusiveGateway;
import org.operaton.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.operaton.bpm.model.bpmn.instance.Process;
import org.operaton.bpm.model.bpmn.instance.SequenceFlow;
import org.operaton.bpm.model.bpmn.instance.UserTask;

/**
 * The conventions every version of the procedure keeps, so the calendar and Tasklist can rely on
 * them.
 */
class ProcedureModelTest {

    private final BpmnModelInstance model =
            Bpmn.readModelFromStream(
                    getClass().getClassLoader().getResourceAsStream(ModelRelease.BPMN_RESOURCE));

    @Test
    void processIsExecutableAndKeepsHistoryForAFiniteTime() {
        Process process = model.getModelElementById(ModelRelease.PROCESS_ID);
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getOperatonHistoryTimeToLiveString()).isEqualTo("P180D");
    }

    @Test
    void everyActivityAndTimerCarriesAPlannedDuration() {
        Collection<Activity> activities = model.getModelElementsByType(Activity.class);
        assertThat(activities).hasSizeGreaterThan(15);
        for (Activity activity : activities) {
            assertThat(
                            DefaultReleaseTiming.parseDuration(
                                    DefaultReleaseTiming.plannedDuration(activity)))
                    .as(activity.getId())
                    .isGreaterThanOrEqualTo(Duration.ZERO);
        }
        for (IntermediateCatchEvent timer :
                model.getModelElementsByType(IntermediateCatchEvent.class)) {
            assertThat(DefaultReleaseTiming.plannedDuration(timer)).as(timer.getId()).isNotBlank();
        }
    }

    @Test
    void everyUserTaskHasCandidateGroupFormAndDueDate() {
        Collection<UserTask> tasks = model.getModelElementsByType(UserTask.class);
        assertThat(tasks).hasSize(12);
        for (UserTask task : tasks) {
            assertThat(task.getOperatonCandidateGroups()).as(task.getId()).isNotBlank();
            assertThat(task.getOperatonAssignee())
                    .as("%s uses groups, not named people", task.getId())
                    .isNull();
            assertThat(task.getOperatonFormRef()).as(task.getId()).isNotBlank();
            assertThat(task.getOperatonFormRefBinding())
                    .as("%s: forms resolve even when only the BPMN is redeployed", task.getId())
                    .isEqualTo("latest");
            assertThat(task.getOperatonDueDate())
                    .as(task.getId())
                    .contains("releaseTiming.deadline");
        }
    }

    @Test
    void everyFlowOutOfADecisionIsNamed() {
        for (ExclusiveGateway gateway : model.getModelElementsByType(ExclusiveGateway.class)) {
            if (gateway.getOutgoing().size() > 1) {
                for (SequenceFlow flow : gateway.getOutgoing()) {
                    assertThat(flow.getName()).as(flow.getId()).isNotBlank();
                    assertThat(flow.getConditionExpression()).as(flow.getId()).isNotNull();
                }
            }
        }
    }

    @Test
    void durationsAreReadInDaysAndTime() {
        assertThat(DefaultReleaseTiming.parseDuration("P3D")).isEqualTo(Duration.ofDays(3));
        assertThat(DefaultReleaseTiming.parseDuration("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThat(DefaultReleaseTiming.parseDuration("P1DT12H")).isEqualTo(Duration.ofHours(36));
        assertThat(DefaultReleaseTiming.parseDuration("P2W")).isEqualTo(Duration.ofDays(14));
        assertThatThrownBy(() -> DefaultReleaseTiming.parseDuration("P1M"))
                .hasMessageContaining("months");
        assertThatThrownBy(() -> DefaultReleaseTiming.parseDuration("three days"))
                .hasMessageContaining("ISO-8601");
    }
}
