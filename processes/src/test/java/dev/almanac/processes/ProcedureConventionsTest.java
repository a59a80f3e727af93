package dev.almanac.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;

class ProcedureConventionsTest {

    @RegisterExtension
    static ProcessEngineExtension extension =
            ProcessEngineExtension.builder().useProcessEngine(TestEngine.get()).build();

    private static String procedure(String task) {
        return """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn"
                             targetNamespace="test">
                  <process id="bad-procedure" isExecutable="true" operaton:historyTimeToLive="P30D">
                    <startEvent id="start" />
                    <sequenceFlow id="f1" sourceRef="start" targetRef="step" />
                    %s
                    <sequenceFlow id="f2" sourceRef="step" targetRef="end" />
                    <endEvent id="end" />
                  </process>
                </definitions>"""
                .formatted(task);
    }

    private static String planned(String duration) {
        return "<extensionElements><operaton:properties><operaton:property name=\"plannedDuration\" value=\""
                + duration
                + "\" /></operaton:properties></extensionElements>";
    }

    private void deploy(String xml) {
        extension
                .getRepositoryService()
                .createDeployment()
                .addString("procedure.bpmn", xml)
                .deploy();
    }

    @Test
    void activityWithoutPlannedDurationIsRejectedByName() {
        String xml =
                procedure(
                        "<userTask id=\"step\" name=\"Sign contract\" operaton:candidateGroups=\"legal\" />");

        assertThatThrownBy(() -> deploy(xml))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("'step'")
                .hasMessageContaining("plannedDuration");
        assertThat(
                        extension
                                .getRepositoryService()
                                .createProcessDefinitionQuery()
                                .processDefinitionKey("bad-procedure")
                                .count())
                .isZero();
    }

    @Test
    void userTaskWithoutCandidateGroupIsRejectedByName() {
        String xml =
                procedure(
                        "<userTask id=\"step\" name=\"Approve\">" + planned("P1D") + "</userTask>");

        assertThatThrownBy(() -> deploy(xml))
                .hasMessageContaining("'step'")
                .hasMessageContaining("candidate group");
    }

    @Test
    void unreadableResourceNeedsAreRejectedByName() {
        String xml =
                procedure(
                        "<serviceTask id=\"step\" operaton:type=\"external\" operaton:topic=\"t\"><extensionElements><operaton:properties>"
                                + "<operaton:property name=\"plannedDuration\" value=\"P1D\" /><operaton:property name=\"needs\" value=\"gpus:eight\" />"
                                + "</operaton:properties></extensionElements></serviceTask>");

        assertThatThrownBy(() -> deploy(xml))
                .hasMessageContaining("'step'")
                .hasMessageContaining("needs")
                .hasMessageContaining("'eight' is not a number");
        assertThat(
                        extension
                                .getRepositoryService()
                                .createProcessDefinitionQuery()
                                .processDefinitionKey("bad-procedure")
                                .count())
                .isZero();
    }

    @Test
    void plannedDurationInMonthsIsRejected() {
        String xml =
                procedure(
                        "<serviceTask id=\"step\" operaton:type=\"external\" operaton:topic=\"t\">"
                                + planned("P1M")
                                + "</serviceTask>");

        assertThatThrownBy(() -> deploy(xml))
                .hasMessageContaining("'step'")
                .hasMessageContaining("months");
    }

    @Test
    void procedureFollowingConventionsDeploys() {
        String xml =
                procedure(
                        "<userTask id=\"step\" operaton:candidateGroups=\"legal\">"
                                + planned("P1D")
                                + "</userTask>");

        deploy(xml);

        assertThat(
                        extension
                                .getRepositoryService()
                                .createProcessDefinitionQuery()
                                .processDefinitionKey("bad-procedure")
                                .count())
                .isOne();
        extension
                .getRepositoryService()
                .createDeploymentQuery()
                .list()
                .forEach(d -> extension.getRepositoryService().deleteDeployment(d.getId(), true));
    }
}
