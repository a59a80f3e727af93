package dev.almanac.processes.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.almanac.processes.ModelRelease;
import dev.almanac.processes.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.RepositoryService;

/**
 * Hostile deployments are refused naming the element, and an expression that got past the review
 * (say, written into the database) still cannot reach the JVM when it runs.
 */
class ProcedureSafetyTest {

    private final ProcessEngine engine = TestEngine.get();
    private final RepositoryService repository = engine.getRepositoryService();

    private static String process(String id, String body) {
        return """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn"
                             xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
                  <process id="%s" isExecutable="true" operaton:historyTimeToLive="P30D">
                    %s
                  </process>
                </definitions>"""
                .formatted(id, body);
    }

    private static String flow(String step) {
        return """
                <startEvent id="start" />
                <sequenceFlow id="f1" sourceRef="start" targetRef="step" />
                %s
                <sequenceFlow id="f2" sourceRef="step" targetRef="end" />
                <endEvent id="end" />"""
                .formatted(step);
    }

    private static final String PLANNED =
            "<operaton:properties><operaton:property name=\"plannedDuration\" value=\"PT1H\" /></operaton:properties>";

    private void refused(String id, String xml, String... named) {
        long before = repository.createDeploymentQuery().count();
        assertThatThrownBy(
                        () ->
                                repository
                                        .createDeployment()
                                        .name(id)
                                        .addString(id + ".bpmn", xml)
                                        .deploy())
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Almanac refuses the deployment")
                .satisfies(e -> assertThat(e.getMessage()).contains(named));
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(before);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(id).count())
                .isZero();
    }

    @Test
    void scriptTaskIsRefusedByName() {
        refused(
                "hostile-script",
                process(
                        "hostile-script",
                        flow(
                                "<scriptTask id=\"step\" scriptFormat=\"javascript\"><extensionElements>"
                                        + PLANNED
                                        + "</extensionElements><script>java.lang.Runtime.getRuntime().exec('id')</script></scriptTask>")),
                "'step' (scriptTask)",
                "is a script");
    }

    @Test
    void aMessageThatWouldLetPipelinesSetTheReleasesOwnVariablesIsRefusedNamingTheStep() {
        refused(
                "hostile-contract",
                """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" targetNamespace="test">
                  <process id="hostile-contract" isExecutable="true" operaton:historyTimeToLive="P30D">
                    <startEvent id="start" />
                    <sequenceFlow id="f1" sourceRef="start" targetRef="step" />
                    <receiveTask id="step" messageRef="m"><extensionElements><operaton:properties>
                      <operaton:property name="plannedDuration" value="PT1H" />
                      <operaton:property name="variables" value="accuracy:number, riskTier:string" />
                    </operaton:properties></extensionElements></receiveTask>
                    <sequenceFlow id="f2" sourceRef="step" targetRef="end" />
                    <endEvent id="end" />
                  </process>
                  <message id="m" name="metrics" />
                </definitions>""",
                "'step' (receiveTask, its property)",
                "'riskTier' is the release's own variable");
        refused(
                "untyped-contract",
                process(
                        "untyped-contract",
                        flow(
                                "<receiveTask id=\"step\"><extensionElements><operaton:properties>"
                                        + "<operaton:property name=\"plannedDuration\" value=\"PT1H\" />"
                                        + "<operaton:property name=\"variables\" value=\"accuracy:decimal\" />"
                                        + "</operaton:properties></extensionElements></receiveTask>")),
                "'step' (receiveTask, its property)",
                "has no type string, number or boolean");
    }

    @Test
    void startListenerReachingGetClassIsRefused() {
        refused(
                "hostile-listener",
                process(
                        "hostile-listener",
                        """
                        <startEvent id="start"><extensionElements>
                          <operaton:executionListener event="start"
                            expression="${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('id')}" />
                        </extensionElements></startEvent>
                        <sequenceFlow id="f1" sourceRef="start" targetRef="end" />
                        <endEvent id="end" />"""),
                "'start' (startEvent, its executionListener)",
                "getClass");
    }

    @Test
    void classDelegateIsRefusedInEitherNamespace() {
        refused(
                "hostile-class",
                process(
                        "hostile-class",
                        flow(
                                "<serviceTask id=\"step\" camunda:class=\"java.lang.Thread\"><extensionElements>"
                                        + PLANNED
                                        + "</extensionElements></serviceTask>")),
                "'step' (serviceTask)",
                "java.lang.Thread");
    }

    @Test
    void delegateExpressionToAnyBeanIsRefused() {
        refused(
                "hostile-delegate",
                process(
                        "hostile-delegate",
                        flow(
                                "<serviceTask id=\"step\" operaton:delegateExpression=\"${dataSource}\"><extensionElements>"
                                        + PLANNED
                                        + "</extensionElements></serviceTask>")),
                "'step' (serviceTask)",
                "${dataSource}");
    }

    @Test
    void methodOfTheExecutionBeyondItsVariablesIsRefused() {
        refused(
                "hostile-services",
                process(
                        "hostile-services",
                        flow(
                                "<userTask id=\"step\" operaton:assignee=\"${execution.getProcessEngineServices().getIdentityService()}\"><extensionElements>"
                                        + PLANNED
                                        + "</extensionElements></userTask>")),
                "'step' (userTask)",
                "getProcessEngineServices");
    }

    @Test
    void unpublishedMethodOfAPublishedBeanAndStaticLikeCallsAreRefused() {
        refused(
                "hostile-bean",
                process(
                        "hostile-bean",
                        """
                        <startEvent id="start" />
                        <sequenceFlow id="f1" sourceRef="start" targetRef="end">
                          <conditionExpression xsi:type="tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${releaseTiming.hashCode() > 0 || java.lang.System.exit(1)}</conditionExpression>
                        </sequenceFlow>
                        <endEvent id="end" />"""),
                "'f1' (sequenceFlow, its conditionExpression)",
                "hashCode");
    }

    @Test
    void scriptConditionAndNonFeelDecisionLanguagesAreRefused() {
        refused(
                "hostile-condition",
                process(
                        "hostile-condition",
                        """
                        <startEvent id="start" />
                        <sequenceFlow id="f1" sourceRef="start" targetRef="end">
                          <conditionExpression xsi:type="tFormalExpression" language="groovy" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">true</conditionExpression>
                        </sequenceFlow>
                        <endEvent id="end" />"""),
                "'f1' (sequenceFlow, its conditionExpression)",
                "script condition");
        String dmn =
                """
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="test">
                  <decision id="hostile-decision" name="x">
                    <decisionTable id="t">
                      <input id="i"><inputExpression id="ie" typeRef="string" expressionLanguage="javascript"><text>java.lang.System.exit(1)</text></inputExpression></input>
                      <output id="o" name="out" typeRef="string" />
                    </decisionTable>
                  </decision>
                </definitions>""";
        assertThatThrownBy(
                        () -> repository.createDeployment().addString("hostile.dmn", dmn).deploy())
                .hasMessageContaining("hostile.dmn, element 'ie' (inputExpression)")
                .hasMessageContaining("javascript");
        assertThat(
                        repository
                                .createDecisionDefinitionQuery()
                                .decisionDefinitionKey("hostile-decision")
                                .count())
                .isZero();
    }

    @Test
    void onlyBpmnDmnAndFormsAreDeployed() {
        assertThatThrownBy(
                        () ->
                                repository
                                        .createDeployment()
                                        .addString("task-form.html", "<script>alert(1)</script>")
                                        .deploy())
                .hasMessageContaining("task-form.html: only BPMN, DMN and form-js");
    }

    @Test
    void theShippedProcedureAndDecisionsPassTheReview() throws IOException {
        for (String resource :
                java.util.stream.Stream.concat(
                                java.util.stream.Stream.of(ModelRelease.BPMN_RESOURCE),
                                java.util.Arrays.stream(ModelRelease.DMN_RESOURCES))
                        .toList()) {
            assertThat(DeploymentReview.problemsOf(resource, read(resource)))
                    .as(resource)
                    .isEmpty();
        }
    }

    @Test
    void atRunTimeTheGuardRefusesWhatTheReviewWouldHave() {
        // as if a hostile expression had reached the engine another way (the database, an old
        // deployment): the guard refuses its first step beyond the published API
        var guard = new ExpressionGuard();
        assertThat(ExpressionGuard.methodAllowed("text", "getClass")).isFalse();
        assertThat(ExpressionGuard.methodAllowed(Map.of("a", 1), "get")).isTrue();
        assertThat(ExpressionGuard.methodAllowed(new Object(), "toString")).isFalse();
        assertThat(ExpressionGuard.methodAllowed(engine, "getRuntimeService")).isFalse();
        assertThat(ExpressionGuard.propertyAllowed(engine, "runtimeService")).isFalse();
        assertThat(ExpressionGuard.methodAllowed(java.time.Instant.now(), "plusSeconds")).isTrue();
        assertThatThrownBy(() -> guard.invoke(null, String.class, "forName", null, null))
                .hasMessageContaining("refuses method 'forName'");

        // and a real expression in a running process is refused by the engine
        var management = engine.getManagementService();
        assertThat(management).isNotNull();
        var expression =
                ((org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
                                engine.getProcessEngineConfiguration())
                        .getExpressionManager()
                        .createExpression("${execution.getProcessEngineServices()}");
        var runtime = engine.getRuntimeService();
        String id =
                repository
                        .createDeployment()
                        .addString(
                                "plain.bpmn",
                                process(
                                                "plain-wait",
                                                """
                                        <startEvent id="start" />
                                        <sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
                                        <receiveTask id="wait" messageRef="m"><extensionElements>%s</extensionElements></receiveTask>
                                        <sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
                                        <endEvent id="end" />"""
                                                        .formatted(PLANNED))
                                        .replace(
                                                "</definitions>",
                                                "<message id=\"m\" name=\"go\" /></definitions>"))
                        .deploy()
                        .getId();
        try {
            String instance = runtime.startProcessInstanceByKey("plain-wait").getId();
            var execution =
                    (org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity)
                            runtime.createExecutionQuery()
                                    .processInstanceId(instance)
                                    .list()
                                    .get(0);
            assertThatThrownBy(
                            () ->
                                    ((org.operaton.bpm.engine.impl.cfg
                                                            .ProcessEngineConfigurationImpl)
                                                    engine.getProcessEngineConfiguration())
                                            .getCommandExecutorTxRequired()
                                            .execute(
                                                    context ->
                                                            expression.getValue(
                                                                    context.getExecutionManager()
                                                                            .findExecutionById(
                                                                                    execution
                                                                                            .getId()))))
                    .hasMessageContaining("refuses method 'getProcessEngineServices'");
        } finally {
            repository.deleteDeployment(id, true);
        }
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in =
                ProcedureSafetyTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
