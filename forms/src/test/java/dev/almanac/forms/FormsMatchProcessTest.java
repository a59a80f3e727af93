package dev.almanac.forms;

import static dev.almanac.processes.ModelRelease.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.almanac.processes.DefaultReleaseTiming;
import dev.almanac.processes.ModelRelease;
import dev.almanac.processes.ReleaseTiming;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.persistence.entity.OperatonFormDefinitionEntity;
import org.operaton.bpm.engine.repository.DeploymentBuilder;
import org.operaton.bpm.engine.task.Task;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.Expression;
import org.operaton.bpm.model.bpmn.instance.UserTask;

/**
 * The forms fit the release procedure: one per user task, fields named after its variables, choices
 * its gateways route on.
 */
class FormsMatchProcessTest {

    private static final String FORMS_FOLDER = "forms";
    private static final Set<String> DECISION_FIELDS =
            Set.of(
                    VALIDATION_DECISION,
                    HALT_DECISION,
                    RISK_DECISION,
                    SIGNOFF_DECISION,
                    DEPLOY_DECISION,
                    OVERRIDE_DECISION);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, JsonNode> formsByResource;
    private static Map<String, String> formRefsByTask;
    private static List<String> expressions;
    private static ProcessEngine engine;
    private static String deploymentId;

    @BeforeAll
    static void readAndDeployProcessWithForms() throws IOException, URISyntaxException {
        formsByResource = readForms();
        BpmnModelInstance model;
        try (InputStream bpmn = classpathResource(ModelRelease.BPMN_RESOURCE)) {
            model = Bpmn.readModelFromStream(bpmn);
        }
        formRefsByTask =
                model.getModelElementsByType(UserTask.class).stream()
                        .collect(
                                Collectors.toMap(
                                        UserTask::getId,
                                        task ->
                                                Objects.requireNonNullElse(
                                                        task.getOperatonFormRef(), ""),
                                        (a, b) -> a,
                                        TreeMap::new));
        expressions =
                model.getModelElementsByType(Expression.class).stream()
                        .map(Expression::getTextContent)
                        .toList();

        StandaloneInMemProcessEngineConfiguration configuration =
                new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("almanac-forms-tests");
        configuration.setJdbcUrl("jdbc:h2:mem:almanac-forms-tests;DB_CLOSE_DELAY=-1");
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setBeans(
                Map.of(
                        ReleaseTiming.BEAN_NAME,
                        new DefaultReleaseTiming(),
                        dev.almanac.processes.UpstreamReadiness.BEAN_NAME,
                        dev.almanac.processes.UpstreamReadiness.NONE));
        engine = configuration.buildProcessEngine();

        DeploymentBuilder deployment =
                engine.getRepositoryService()
                        .createDeployment()
                        .name("almanac-forms-tests")
                        .addClasspathResource(ModelRelease.BPMN_RESOURCE);
        Arrays.stream(ModelRelease.DMN_RESOURCES).forEach(deployment::addClasspathResource);
        formsByResource.keySet().forEach(deployment::addClasspathResource);
        deploymentId = deployment.deploy().getId();
    }

    @AfterAll
    static void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void everyFormRefInTheProcessResolvesToADeployedForm() {
        List<String> resources =
                engine.getRepositoryService().getDeploymentResourceNames(deploymentId);
        Map<String, String> deployedForms = deployedFormResourcesByKey();

        assertThat(formRefsByTask).isNotEmpty();
        formRefsByTask.forEach(
                (task, formRef) -> {
                    assertThat(resources)
                            .as("resource for the form of %s", task)
                            .contains(resourceOf(formRef));
                    assertThat(deployedForms)
                            .as("form definition for %s", task)
                            .containsEntry(formRef, resourceOf(formRef));
                });
    }

    @Test
    void engineServesTheRiskReviewFormToAnOpenRiskReviewTask() throws IOException {
        String instanceId = startReleaseAndDriveToRiskReview();
        Task task =
                engine.getTaskService()
                        .createTaskQuery()
                        .processInstanceId(instanceId)
                        .taskDefinitionKey("risk-review")
                        .singleResult();
        assertThat(task).as("open risk-review task").isNotNull();

        assertThat(
                        engine.getFormService()
                                .getTaskFormData(task.getId())
                                .getOperatonFormRef()
                                .getKey())
                .isEqualTo("risk-review");
        try (InputStream form = engine.getFormService().getDeployedTaskForm(task.getId())) {
            assertThat(JSON.readTree(form).path("id").asText()).isEqualTo("risk-review");
        }
    }

    @Test
    void everyUserTaskHasExactlyOneForm() {
        Map<String, List<String>> resourcesByFormId =
                formsByResource.entrySet().stream()
                        .collect(
                                Collectors.groupingBy(
                                        form -> form.getValue().path("id").asText(),
                                        Collectors.mapping(
                                                Map.Entry::getKey, Collectors.toList())));

        assertThat(formRefsByTask).isNotEmpty();
        formRefsByTask.forEach(
                (task, formRef) -> {
                    assertThat(formRef).as("formRef of %s", task).isNotBlank();
                    assertThat(resourcesByFormId.get(formRef))
                            .as("forms with id %s for %s", formRef, task)
                            .containsExactly(resourceOf(formRef));
                });
    }

    @Test
    void everyFormIsUsedByAUserTask() {
        Set<String> formIds =
                formsByResource.values().stream()
                        .map(form -> form.path("id").asText())
                        .collect(Collectors.toSet());

        assertThat(formIds)
                .containsExactlyInAnyOrderElementsOf(new TreeSet<>(formRefsByTask.values()));
    }

    @Test
    void everyFormIsAFormJsSchemaWithUniqueComponentIdsAndKeys() {
        formsByResource.forEach(
                (resource, form) -> {
                    assertThat(form.path("type").asText()).as(resource).isEqualTo("default");
                    assertThat(form.path("schemaVersion").isInt()).as(resource).isTrue();
                    List<JsonNode> components = components(form);
                    assertThat(components).as(resource).isNotEmpty();
                    assertThat(components)
                            .as("component ids in %s", resource)
                            .extracting(component -> component.path("id").asText())
                            .doesNotContain("")
                            .doesNotHaveDuplicates();
                    assertThat(fields(form))
                            .as("field keys in %s", resource)
                            .extracting(field -> field.path("key").asText())
                            .doesNotHaveDuplicates();
                    fields(form)
                            .forEach(
                                    field ->
                                            assertThat(field.path("label").asText())
                                                    .as("label of %s in %s", key(field), resource)
                                                    .isNotBlank());
                });
    }

    @Test
    void everyFormFieldMapsToAVariableTheProcessKnows() {
        Set<String> variables = declaredVariables();

        formsByResource.forEach(
                (resource, form) ->
                        fields(form)
                                .forEach(
                                        field ->
                                                assertThat(variables)
                                                        .as(
                                                                "variable behind %s in %s",
                                                                key(field), resource)
                                                        .contains(key(field))));
    }

    @Test
    void everyDecisionFieldIsReadByTheProcess() {
        Set<String> decisions =
                formsByResource.values().stream()
                        .flatMap(form -> fields(form).stream())
                        .filter(field -> isRadio(field) && !isReadonly(field))
                        .map(FormsMatchProcessTest::key)
                        .collect(Collectors.toSet());

        assertThat(decisions).containsExactlyInAnyOrderElementsOf(DECISION_FIELDS);
        decisions.forEach(
                decision ->
                        assertThat(expressions)
                                .as("BPMN expressions reading %s", decision)
                                .anyMatch(
                                        expression ->
                                                Pattern.compile(
                                                                "\\b"
                                                                        + Pattern.quote(decision)
                                                                        + "\\b")
                                                        .matcher(expression)
                                                        .find()));
    }

    @Test
    void radioValuesAreTheValuesTheGatewaysCompare() {
        formsByResource.forEach(
                (resource, form) ->
                        fields(form).stream()
                                .filter(FormsMatchProcessTest::isRadio)
                                .forEach(
                                        radio -> {
                                            Set<String> offered = new TreeSet<>();
                                            radio.path("values")
                                                    .forEach(
                                                            value ->
                                                                    offered.add(
                                                                            value.path("value")
                                                                                    .asText()));
                                            Map<String, Set<String>> compared =
                                                    comparedValues(key(radio));

                                            Set<String> allCompared =
                                                    new TreeSet<>(
                                                            compared.getOrDefault("==", Set.of()));
                                            allCompared.addAll(
                                                    compared.getOrDefault("!=", Set.of()));
                                            assertThat(offered)
                                                    .as(
                                                            "values of %s in %s against the BPMN comparisons %s",
                                                            key(radio), resource, compared)
                                                    .containsAll(allCompared);
                                            if (!compared.containsKey("!=")) {
                                                assertThat(allCompared)
                                                        .as(
                                                                "values of %s in %s each route somewhere",
                                                                key(radio), resource)
                                                        .containsAll(offered);
                                            }
                                        }));
    }

    @Test
    void requiredDecisionFieldsAreMarkedRequired() {
        formsByResource.forEach(
                (resource, form) ->
                        fields(form).stream()
                                .filter(FormsMatchProcessTest::isRadio)
                                .forEach(
                                        radio ->
                                                assertThat(
                                                                radio.path("validate")
                                                                        .path("required")
                                                                        .asBoolean())
                                                        .as(
                                                                "%s in %s is required",
                                                                key(radio), resource)
                                                        .isTrue()));
    }

    private static String startReleaseAndDriveToRiskReview() {
        Map<String, Object> variables = new HashMap<>();
        variables.put(RELEASE_KEY, "fraud-scorer-2026.12");
        variables.put(MODEL, "fraud-scorer");
        variables.put(VERSION, "2026.12");
        variables.put(LANE, "staging");
        variables.put(RISK_TIER, "low");
        variables.put(OWNER_TEAM, "fraud-ml");
        variables.put(DATA_FEEDS, "transactions,chargebacks");
        String businessKey = "fraud-scorer-2026.12";
        String instanceId =
                engine.getRuntimeService()
                        .startProcessInstanceByKey(ModelRelease.PROCESS_ID, businessKey, variables)
                        .getId();

        completeExternalTask(businessKey, ModelRelease.Topics.DATA_READINESS, Map.of());
        correlate(instanceId, ModelRelease.Messages.DATA_READY, Map.of());
        completeExternalTask(
                businessKey,
                ModelRelease.Topics.TRAINING_TRIGGER,
                Map.of(TRAINING_RUN_ID, "run-1"));
        correlate(
                instanceId,
                ModelRelease.Messages.TRAINING_FINISHED,
                Map.of(
                        ACCURACY,
                        0.95,
                        LATENCY_P95_MS,
                        100.0,
                        MODEL_URI,
                        "s3://models/fraud-scorer/2026.12"));
        completeExternalTask(
                businessKey,
                ModelRelease.Topics.VALIDATION_METRICS,
                Map.of(BASELINE_ACCURACY, 0.92, ACCURACY_DELTA, 0.03));
        return instanceId;
    }

    private static void completeExternalTask(
            String businessKey, String topic, Map<String, Object> variables) {
        List<LockedExternalTask> locked =
                engine.getExternalTaskService()
                        .fetchAndLock(10, "forms-test-worker")
                        .topic(topic, 60_000)
                        .businessKey(businessKey)
                        .execute();
        assertThat(locked).as("external task on topic %s", topic).hasSize(1);
        engine.getExternalTaskService()
                .complete(locked.get(0).getId(), "forms-test-worker", variables);
    }

    private static void correlate(
            String instanceId, String message, Map<String, Object> variables) {
        engine.getRuntimeService()
                .createMessageCorrelation(message)
                .processInstanceId(instanceId)
                .setVariables(variables)
                .correlate();
    }

    private static Map<String, String> deployedFormResourcesByKey() {
        List<OperatonFormDefinitionEntity> definitions =
                ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                        .getCommandExecutorTxRequired()
                        .execute(
                                context ->
                                        context.getOperatonFormDefinitionManager()
                                                .findDefinitionsByDeploymentId(deploymentId));
        return definitions.stream()
                .collect(
                        Collectors.toMap(
                                OperatonFormDefinitionEntity::getKey,
                                OperatonFormDefinitionEntity::getResourceName));
    }

    /**
     * Literals the BPMN expressions compare the variable with, by operator ({@code ==} or {@code
     * !=}).
     */
    private static Map<String, Set<String>> comparedValues(String variable) {
        String name = Pattern.quote(variable);
        Pattern comparison =
                Pattern.compile(
                        "(?:\\b"
                                + name
                                + "|getVariable\\('"
                                + name
                                + "'\\))\\s*(==|!=)\\s*'([^']*)'");
        Map<String, Set<String>> compared = new TreeMap<>();
        for (String expression : expressions) {
            Matcher matcher = comparison.matcher(expression);
            while (matcher.find()) {
                compared.computeIfAbsent(matcher.group(1), operator -> new TreeSet<>())
                        .add(matcher.group(2));
            }
        }
        return compared;
    }

    private static Set<String> declaredVariables() {
        return Arrays.stream(ModelRelease.Variables.class.getFields())
                .filter(
                        field ->
                                Modifier.isStatic(field.getModifiers())
                                        && Modifier.isFinal(field.getModifiers())
                                        && field.getType() == String.class)
                .map(FormsMatchProcessTest::constantValue)
                .collect(Collectors.toSet());
    }

    private static String constantValue(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(field.getName(), e);
        }
    }

    private static Map<String, JsonNode> readForms() throws IOException, URISyntaxException {
        URL folder = FormsMatchProcessTest.class.getClassLoader().getResource(FORMS_FOLDER);
        assertThat(folder).as("the %s folder on the classpath", FORMS_FOLDER).isNotNull();
        Map<String, JsonNode> forms = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            files.filter(file -> file.getFileName().toString().endsWith(".form"))
                    .forEach(
                            file -> {
                                try {
                                    forms.put(
                                            FORMS_FOLDER + "/" + file.getFileName(),
                                            JSON.readTree(file.toFile()));
                                } catch (IOException e) {
                                    throw new UncheckedIOException(file.toString(), e);
                                }
                            });
        }
        assertThat(forms).as("forms in %s", folder).isNotEmpty();
        return forms;
    }

    private static InputStream classpathResource(String name) {
        InputStream stream = FormsMatchProcessTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(stream).as("classpath resource %s", name).isNotNull();
        return stream;
    }

    private static String resourceOf(String formId) {
        return FORMS_FOLDER + "/" + formId + ".form";
    }

    private static List<JsonNode> components(JsonNode container) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode component : container.path("components")) {
            all.add(component);
            all.addAll(components(component));
        }
        return all;
    }

    private static List<JsonNode> fields(JsonNode form) {
        return components(form).stream().filter(component -> component.hasNonNull("key")).toList();
    }

    private static String key(JsonNode field) {
        return field.path("key").asText();
    }

    private static boolean isRadio(JsonNode field) {
        return "radio".equals(field.path("type").asText());
    }

    private static boolean isReadonly(JsonNode field) {
        return field.path("readonly").asBoolean(false) || field.path("disabled").asBoolean(false);
    }
}
