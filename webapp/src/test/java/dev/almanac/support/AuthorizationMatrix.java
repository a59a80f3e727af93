package dev.almanac.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.almanac.pipelines.PipelineTokens;
import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.authorization.Authorization;
import org.operaton.bpm.engine.authorization.Permissions;
import org.operaton.bpm.engine.authorization.Resources;
import org.operaton.bpm.engine.filter.Filter;
import org.operaton.bpm.engine.repository.ProcessDefinition;
import org.operaton.bpm.engine.runtime.ProcessInstance;

/**
 * Who may do what through the engine's REST API: for each role and each REST family (every
 * sub-resource the engine REST API serves), a request and the answer it must get; plus which of
 * Cockpit, Tasklist and Admin each role may open. A family the matrix does not cover fails it, so a
 * new one cannot slip past. Run by the H2 and the MySQL test.
 */
public final class AuthorizationMatrix {

    /** The roles, each with an account of the test context (or none). */
    public enum Role {
        ADMIN("admin"),
        PROCESS_OWNER("paula"),
        RELEASE_MANAGER("rita"),
        RISK_OFFICER("oscar"),
        DATA_ENGINEER("dana"),
        ML_ENGINEER("mel"),
        JOB_WORKER("worker"),
        PIPELINE_TOKEN(null),
        ANONYMOUS(null);

        final String user;

        Role(String user) {
            this.user = user;
        }
    }

    /** A request to send, built per role (fresh fixtures where the request consumes them). */
    record Call(String method, String path, String body) {}

    /**
     * One row: a family, what the request does, the request and the expected answer per role, in
     * {@link Role} order: a status, or {@code 200:some}/{@code 200:none} for a list that must (not)
     * show the fixture.
     */
    record Probe(String family, String what, Function<Role, Call> call, String expected) {}

    private final EngineRestClient client;
    private final ProcessEngine engine;
    private final String adminPassword;
    private final String token;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ProcessDefinition v1;
    private final ProcessDefinition v2;
    private final String filterId;
    private final String groupId;

    public AuthorizationMatrix(
            int port, ProcessEngine engine, PipelineTokens tokens, String adminPassword) {
        this.client = new EngineRestClient(port);
        this.engine = engine;
        this.adminPassword = adminPassword;
        TestAccounts.ensure(engine.getIdentityService());
        this.token = tokens.issue("matrix " + run, Set.of(), "admin").token();
        var repository = engine.getRepositoryService();
        repository
                .createDeployment()
                .name("matrix-probe")
                .addString("matrix-probe.bpmn", probe("v1"))
                .deploy();
        repository
                .createDeployment()
                .name("matrix-probe")
                .addString("matrix-probe.bpmn", probe("v2"))
                .deploy();
        List<ProcessDefinition> versions =
                repository
                        .createProcessDefinitionQuery()
                        .processDefinitionKey("matrix-probe")
                        .orderByProcessDefinitionVersion()
                        .desc()
                        .listPage(0, 2);
        this.v2 = versions.get(0);
        this.v1 = versions.get(1);
        Filter filter = engine.getFilterService().newTaskFilter("Matrix probe " + run);
        filter.setOwner("admin");
        filter.setQuery(engine.getTaskService().createTaskQuery());
        this.filterId = engine.getFilterService().saveFilter(filter).getId();
        Authorization everyone =
                engine.getAuthorizationService()
                        .createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
        everyone.setUserId(Authorization.ANY);
        everyone.setResource(Resources.FILTER);
        everyone.setResourceId(filterId);
        everyone.addPermission(Permissions.READ);
        engine.getAuthorizationService().saveAuthorization(everyone);
        this.groupId = "matrix-" + run;
        var group = engine.getIdentityService().newGroup(groupId);
        group.setName("Matrix probe");
        engine.getIdentityService().saveGroup(group);
    }

    private static String probe(String version) {
        return """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" targetNamespace="matrix">
                  <message id="m-start" name="matrix-probe-start" />
                  <process id="matrix-probe" name="Matrix probe %s" isExecutable="true" operaton:historyTimeToLive="P1D">
                    <startEvent id="start" />
                    <startEvent id="message-start"><messageEventDefinition messageRef="m-start" /></startEvent>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
                    <sequenceFlow id="f1m" sourceRef="message-start" targetRef="started-by-message" />
                    <endEvent id="started-by-message" />
                    <parallelGateway id="fork" />
                    <sequenceFlow id="f2" sourceRef="fork" targetRef="review" />
                    <sequenceFlow id="f3" sourceRef="fork" targetRef="work" />
                    <userTask id="review" name="Probe review" operaton:candidateGroups="risk-officers">
                      <extensionElements><operaton:properties><operaton:property name="plannedDuration" value="P1D" /></operaton:properties></extensionElements>
                    </userTask>
                    <boundaryEvent id="reminder" attachedToRef="review" cancelActivity="false">
                      <timerEventDefinition><timeDuration>P30D</timeDuration></timerEventDefinition>
                    </boundaryEvent>
                    <sequenceFlow id="f4" sourceRef="reminder" targetRef="reminded" />
                    <endEvent id="reminded" />
                    <serviceTask id="work" name="Probe work" operaton:type="external" operaton:topic="matrix-probe">
                      <extensionElements><operaton:properties><operaton:property name="plannedDuration" value="P1D" /></operaton:properties></extensionElements>
                    </serviceTask>
                    <sequenceFlow id="f5" sourceRef="review" targetRef="join" />
                    <sequenceFlow id="f6" sourceRef="work" targetRef="join" />
                    <parallelGateway id="join" />
                    <sequenceFlow id="f7" sourceRef="join" targetRef="end" />
                    <endEvent id="end" />
                  </process>
                </definitions>"""
                .formatted(version);
    }

    private static String minimal(String id) {
        return """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" targetNamespace="matrix">
                  <process id="%s" isExecutable="true" operaton:historyTimeToLive="P1D">
                    <startEvent id="start" />
                    <sequenceFlow id="f1" sourceRef="start" targetRef="end" />
                    <endEvent id="end" />
                  </process>
                </definitions>"""
                .formatted(id);
    }

    private ProcessInstance fresh() {
        return engine.getRuntimeService()
                .startProcessInstanceById(v1.getId(), "matrix-" + run, Map.of("probe", 1));
    }

    private String taskOf(ProcessInstance instance) {
        var task =
                engine.getTaskService()
                        .createTaskQuery()
                        .processInstanceId(instance.getId())
                        .singleResult();
        if (task == null) {
            throw new IllegalStateException(
                    "no task in "
                            + instance.getId()
                            + ": "
                            + engine.getRuntimeService().getActiveActivityIds(instance.getId())
                            + " auth "
                            + engine.getIdentityService().getCurrentAuthentication()
                            + " history "
                            + engine
                                    .getHistoryService()
                                    .createHistoricActivityInstanceQuery()
                                    .processInstanceId(instance.getId())
                                    .list()
                                    .stream()
                                    .map(
                                            a ->
                                                    a.getActivityId()
                                                            + (a.getEndTime() == null
                                                                    ? "(open)"
                                                                    : ""))
                                    .toList()
                            + " tasks "
                            + engine.getTaskService()
                                    .createTaskQuery()
                                    .processInstanceId(instance.getId())
                                    .count()
                            + " def "
                            + instance.getProcessDefinitionId());
        }
        return task.getId();
    }

    private String ended() {
        ProcessInstance instance = fresh();
        engine.getRuntimeService().deleteProcessInstance(instance.getId(), "matrix");
        return instance.getId();
    }

    private String timerOf(ProcessInstance instance) {
        return engine.getManagementService()
                .createJobQuery()
                .processInstanceId(instance.getId())
                .timers()
                .singleResult()
                .getId();
    }

    private String incidentOf(ProcessInstance instance) {
        String execution =
                engine.getRuntimeService()
                        .createExecutionQuery()
                        .processInstanceId(instance.getId())
                        .activityId("work")
                        .singleResult()
                        .getId();
        return engine.getRuntimeService().createIncident("matrix", execution, "probe").getId();
    }

    private static int n;

    private static synchronized int next() {
        return ++n;
    }

    private static String self(Role role) {
        return role.user == null ? "nobody" : role.user;
    }

    /** The matrix: the answer each role gets for each family. */
    List<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        //                                                        ADMIN OWNER RM  RISK DATA ML  WORK
        // TOKEN ANON
        probes.add(
                new Probe(
                        "deployment",
                        "deploy a procedure",
                        r -> new Call("DEPLOY", "/deployment/create", null),
                        "200 200 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "deployment",
                        "list deployments",
                        r -> new Call("GET", "/deployment?name=matrix-probe", null),
                        "200:some 200:some 200:none 200:none 200:none 200:none 200:none 401 401"));
        probes.add(
                new Probe(
                        "deployment",
                        "delete a procedure version and its releases (cascade)",
                        r ->
                                new Call(
                                        "DELETE",
                                        "/deployment/" + deploymentWithARelease() + "?cascade=true",
                                        null),
                        "204 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "deployment",
                        "delete a procedure version no release ran on",
                        r -> new Call("DELETE", "/deployment/" + unusedDeployment(), null),
                        "204 204 404 404 404 404 404 401 401" /* those who may not read deployments do not find it */));
        probes.add(
                new Probe(
                        "process-definition",
                        "read the procedure",
                        r -> new Call("GET", "/process-definition/" + v1.getId(), null),
                        "200 200 200 200 200 200 200 401 401"));
        probes.add(
                new Probe(
                        "process-definition",
                        "start a release without planning it",
                        r -> new Call("POST", "/process-definition/" + v1.getId() + "/start", "{}"),
                        "200 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "process-definition",
                        "suspend or activate it",
                        r ->
                                new Call(
                                        "PUT",
                                        "/process-definition/" + v1.getId() + "/suspended",
                                        "{\"suspended\":false,\"includeProcessInstances\":false}"),
                        "204 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "user",
                        "delete one's own account (an administrator: anyone's)",
                        r ->
                                new Call(
                                        "DELETE",
                                        "/user/" + (r == Role.ADMIN ? throwaway() : self(r)),
                                        null),
                        "204 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "process-instance",
                        "read a release",
                        r -> new Call("GET", "/process-instance/" + fresh().getId(), null),
                        "200 200 200 200 200 200 200 401 401"));
        probes.add(
                new Probe(
                        "process-instance",
                        "delete a release",
                        r -> new Call("DELETE", "/process-instance/" + fresh().getId(), null),
                        "204 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "variables",
                        "set a release's variable",
                        r ->
                                new Call(
                                        "PUT",
                                        "/process-instance/"
                                                + fresh().getId()
                                                + "/variables/requestedBy",
                                        "{\"value\":\"" + self(r) + "\",\"type\":\"String\"}"),
                        "204 403 403 403 403 403 204 401 401"));
        probes.add(
                new Probe(
                        "variable-instance",
                        "list a release's variables",
                        r ->
                                new Call(
                                        "GET",
                                        "/variable-instance?processInstanceIdIn=" + fresh().getId(),
                                        null),
                        "200:some 200:some 200:some 200:some 200:some 200:some 200:some 401 401"));
        probes.add(
                new Probe(
                        "execution",
                        "set an execution's variable",
                        r ->
                                new Call(
                                        "PUT",
                                        "/execution/" + fresh().getId() + "/localVariables/probe",
                                        "{\"value\":2,\"type\":\"Integer\"}"),
                        "204 403 403 403 403 403 204 401 401"));
        probes.add(
                new Probe(
                        "task",
                        "complete a risk officers' task",
                        r -> new Call("POST", "/task/" + taskOf(fresh()) + "/complete", "{}"),
                        "204 403 403 204 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "task",
                        "list a release's tasks",
                        r -> new Call("GET", "/task?processInstanceId=" + fresh().getId(), null),
                        "200:some 200:none 200:none 200:some 200:none 200:none 200:none 401 401"));
        probes.add(
                new Probe(
                        "history",
                        "read a release's history",
                        r ->
                                new Call(
                                        "GET",
                                        "/history/process-instance?processInstanceId=" + ended(),
                                        null),
                        "200:some 200:some 200:some 200:some 200:some 200:some 200:some 401 401"));
        probes.add(
                new Probe(
                        "history",
                        "delete a release's history",
                        r -> new Call("DELETE", "/history/process-instance/" + ended(), null),
                        "204 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "user",
                        "create an account",
                        r ->
                                new Call(
                                        "POST",
                                        "/user/create",
                                        "{\"profile\":{\"id\":\"mx"
                                                + run
                                                + next()
                                                + "\"},\"credentials\":{\"password\":\"a-long-enough-secret\"}}"),
                        "204 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "group",
                        "join a group",
                        r -> new Call("PUT", "/group/" + groupId + "/members/" + self(r), null),
                        "204 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "authorization",
                        "grant oneself everything",
                        r ->
                                new Call(
                                        "POST",
                                        "/authorization/create",
                                        "{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\""
                                                + self(r)
                                                + "\",\"resourceType\":6,\"resourceId\":\""
                                                + v1.getId()
                                                + "\"}"),
                        "200 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "filter",
                        "read a shared filter",
                        r -> new Call("GET", "/filter/" + filterId, null),
                        "200 200 200 200 200 200 200 401 401"));
        probes.add(
                new Probe(
                        "filter",
                        "change a shared filter",
                        r ->
                                new Call(
                                        "PUT",
                                        "/filter/" + filterId,
                                        "{\"resourceType\":\"Task\",\"name\":\"Matrix probe "
                                                + run
                                                + "\",\"owner\":\"admin\",\"query\":{},\"properties\":{}}"),
                        "204 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "job",
                        "change a timer's retries",
                        r ->
                                new Call(
                                        "PUT",
                                        "/job/" + timerOf(fresh()) + "/retries",
                                        "{\"retries\":1}"),
                        "204 403 403 403 403 403 204 401 401"));
        probes.add(
                new Probe(
                        "job-definition",
                        "suspend a job definition",
                        r ->
                                new Call(
                                        "PUT",
                                        "/job-definition/" + jobDefinition() + "/suspended",
                                        "{\"suspended\":false}"),
                        "204 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "incident",
                        "annotate an incident",
                        r ->
                                new Call(
                                        "PUT",
                                        "/incident/" + incidentOf(fresh()) + "/annotation",
                                        "{\"annotation\":\"x\"}"),
                        "204 403 403 403 403 403 204 401 401"));
        probes.add(
                new Probe(
                        "batch",
                        "delete releases in a batch",
                        r ->
                                new Call(
                                        "POST",
                                        "/process-instance/delete",
                                        "{\"processInstanceIds\":[\""
                                                + fresh().getId()
                                                + "\"],\"deleteReason\":\"matrix\"}"),
                        "200 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "migration",
                        "migrate a release",
                        r -> new Call("POST", "/migration/execute", migration(fresh())),
                        "204 204 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "modification",
                        "move a release's token",
                        r ->
                                new Call(
                                        "POST",
                                        "/modification/execute",
                                        "{\"processDefinitionId\":\""
                                                + v1.getId()
                                                + "\",\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"review\"}],\"processInstanceIds\":[\""
                                                + fresh().getId()
                                                + "\"]}"),
                        "204 403 403 403 403 403 204 401 401"));
        probes.add(
                new Probe(
                        "external-task",
                        "fetch and lock external work",
                        r -> {
                            fresh();
                            return new Call(
                                    "POST",
                                    "/external-task/fetchAndLock",
                                    "{\"workerId\":\"matrix-"
                                            + self(r)
                                            + "\",\"maxTasks\":1,\"topics\":[{\"topicName\":\"matrix-probe\",\"lockDuration\":60000}]}");
                        },
                        "200:some 200:none 200:none 200:none 200:none 200:none 200:some 401 401"));
        probes.add(
                new Probe(
                        "message",
                        "start a release by message",
                        r ->
                                new Call(
                                        "POST",
                                        "/message",
                                        "{\"messageName\":\"matrix-probe-start\"}"),
                        "204 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "signal",
                        "send a signal nobody waits for",
                        r ->
                                new Call(
                                        "POST",
                                        "/signal",
                                        "{\"name\":\"matrix-nobody-" + run + "\"}"),
                        "204 204 204 204 204 204 204 401 401"));
        probes.add(
                new Probe(
                        "condition",
                        "evaluate conditional starts",
                        r ->
                                new Call(
                                        "POST",
                                        "/condition",
                                        "{\"variables\":{\"x\":{\"value\":1,\"type\":\"Integer\"}}}"),
                        "500 500 500 500 500 500 500 401 401")); // the engine: "no conditional
        // start matched"
        probes.add(
                new Probe(
                        "decision-definition",
                        "evaluate a decision",
                        r ->
                                new Call(
                                        "POST",
                                        "/decision-definition/key/required-signoffs/evaluate",
                                        "{\"variables\":{\"riskTier\":{\"value\":\"low\",\"type\":\"String\"},\"lane\":{\"value\":\"staging\",\"type\":\"String\"}}}"),
                        "200:none 403 403 403 403 403 404 401 401"));
        probes.add(
                new Probe(
                        "decision-definition",
                        "list decisions",
                        r -> new Call("GET", "/decision-definition?key=required-signoffs", null),
                        "200:some 200:some 200:some 200:some 200:some 200:some 200:none 401 401"));
        probes.add(
                new Probe(
                        "decision-requirements-definition",
                        "list requirement graphs",
                        r -> new Call("GET", "/decision-requirements-definition", null),
                        "200:none 200:none 200:none 200:none 200:none 200:none 200:none 401 401"));
        probes.add(
                new Probe(
                        "case-definition",
                        "list case definitions",
                        r -> new Call("GET", "/case-definition", null),
                        "200:none 200:none 200:none 200:none 200:none 200:none 200:none 401 401"));
        probes.add(
                new Probe(
                        "case-instance",
                        "list case instances",
                        r -> new Call("GET", "/case-instance", null),
                        "200:none 200:none 200:none 200:none 200:none 200:none 200:none 401 401"));
        probes.add(
                new Probe(
                        "case-execution",
                        "list case executions",
                        r -> new Call("GET", "/case-execution", null),
                        "200:none 200:none 200:none 200:none 200:none 200:none 200:none 401 401"));
        probes.add(
                new Probe(
                        "event-subscription",
                        "list a release's subscriptions",
                        r ->
                                new Call(
                                        "GET",
                                        "/event-subscription?eventName=matrix-probe-start",
                                        null),
                        "200:some 200:some 200:some 200:some 200:some 200:some 200:some 401 401")); // start subscriptions belong to no release
        probes.add(
                new Probe(
                        "identity",
                        "check someone's password",
                        r ->
                                new Call(
                                        "POST",
                                        "/identity/verify",
                                        "{\"username\":\"admin\",\"password\":\"guess\"}"),
                        "403 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "identity",
                        "read one's own groups",
                        r -> new Call("GET", "/identity/groups?userId=" + self(r), null),
                        "200 200 200 200 200 200 200 401 401"));
        probes.add(
                new Probe(
                        "metrics",
                        "read engine metrics",
                        r -> new Call("GET", "/metrics/activity-instance-start/sum", null),
                        "200 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "optimize",
                        "export for Optimize",
                        r ->
                                new Call(
                                        "GET",
                                        "/optimize/activity-instance/completed?maxResults=1",
                                        null),
                        "200:some 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "schema",
                        "read the schema log",
                        r -> new Call("GET", "/schema/log", null),
                        "200:some 200:none 200:none 200:none 200:none 200:none 200:none 401 401"));
        probes.add(
                new Probe(
                        "telemetry",
                        "read telemetry",
                        r -> new Call("GET", "/telemetry/data", null),
                        "200 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "tenant",
                        "create a tenant",
                        r ->
                                new Call(
                                        "POST",
                                        "/tenant/create",
                                        "{\"id\":\"mx" + run + next() + "\",\"name\":\"x\"}"),
                        "204 403 403 403 403 403 403 401 401"));
        probes.add(
                new Probe(
                        "version",
                        "read the engine version",
                        r -> new Call("GET", "/version", null),
                        "200 200 200 200 200 200 200 401 401"));
        return probes;
    }

    private String unusedDeployment() {
        String id = "matrix-unused-" + run + "-" + next();
        return engine.getRepositoryService()
                .createDeployment()
                .name(id)
                .addString(id + ".bpmn", minimal(id))
                .deploy()
                .getId();
    }

    private String deploymentWithARelease() {
        String id = unusedDeployment();
        String definition =
                engine.getRepositoryService()
                        .createProcessDefinitionQuery()
                        .deploymentId(id)
                        .singleResult()
                        .getId();
        engine.getRuntimeService().startProcessInstanceById(definition);
        return id;
    }

    private String throwaway() {
        String id = "mx" + run + next();
        var user = engine.getIdentityService().newUser(id);
        user.setPassword("a-long-enough-secret");
        engine.getIdentityService().saveUser(user);
        return id;
    }

    private String jobDefinition() {
        return engine.getManagementService()
                .createJobDefinitionQuery()
                .processDefinitionId(v1.getId())
                .list()
                .get(0)
                .getId();
    }

    private String migration(ProcessInstance instance) {
        return "{\"migrationPlan\":{\"sourceProcessDefinitionId\":\""
                + v1.getId()
                + "\",\"targetProcessDefinitionId\":\""
                + v2.getId()
                + "\",\"instructions\":[{\"sourceActivityIds\":[\"review\"],\"targetActivityIds\":[\"review\"]},"
                + "{\"sourceActivityIds\":[\"work\"],\"targetActivityIds\":[\"work\"]},"
                + "{\"sourceActivityIds\":[\"reminder\"],\"targetActivityIds\":[\"reminder\"]}]},"
                + "\"processInstanceIds\":[\""
                + instance.getId()
                + "\"]}";
    }

    private String authorization(Role role) {
        return switch (role) {
            case ADMIN -> EngineRestClient.basic("admin", adminPassword);
            case PIPELINE_TOKEN -> "Bearer " + token;
            case ANONYMOUS -> null;
            default -> EngineRestClient.basic(role.user, TestAccounts.PASSWORD);
        };
    }

    private String answer(Role role, Call call) throws Exception {
        HttpResponse<String> response;
        if ("DEPLOY".equals(call.method())) {
            String id = "matrix-deploy-" + run + "-" + next();
            response =
                    client.deploy(authorization(role), "matrix-deploy", id + ".bpmn", minimal(id));
        } else {
            response =
                    client.send(
                            call.method(),
                            "/engine-rest" + call.path(),
                            authorization(role),
                            call.body());
        }
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body().trim();
        if (status == 200 && body.startsWith("[")) {
            return "200:" + (body.equals("[]") ? "none" : "some");
        }
        return String.valueOf(status);
    }

    /** Every family the engine's REST API serves, read from its root resource. */
    static Set<String> families() throws Exception {
        Set<String> families = new TreeSet<>();
        Class<?> root =
                Class.forName(
                        "org.operaton.bpm.engine.rest.impl.DefaultProcessEngineRestServiceImpl");
        for (Class<?> type = root; type != null; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                jakarta.ws.rs.Path path = method.getAnnotation(jakarta.ws.rs.Path.class);
                if (path != null) {
                    String value =
                            path.value().startsWith("/") ? path.value().substring(1) : path.value();
                    families.add(
                            value.contains("/") ? value.substring(0, value.indexOf('/')) : value);
                }
            }
        }
        // the issue's own family: a release's variables, under process-instance
        families.add("variables");
        return families;
    }

    /** Sends every probe as every role; returns the table of answers, failing on any difference. */
    public Map<String, Map<Role, String>> verify() throws Exception {
        List<Probe> probes = probes();
        Set<String> covered = new TreeSet<>();
        probes.forEach(p -> covered.add(p.family()));
        assertThat(covered)
                .as("every engine REST family has a row in the authorization matrix")
                .containsAll(families());
        Map<String, Map<Role, String>> answers = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (Probe probe : probes) {
            String[] expected = probe.expected().split(" ");
            Map<Role, String> row = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                String got = answer(role, probe.call().apply(role));
                row.put(role, got);
                String want = expected[role.ordinal()];
                if (!got.equals(want)) {
                    wrong.add(
                            probe.family()
                                    + " / "
                                    + probe.what()
                                    + " as "
                                    + role
                                    + ": expected "
                                    + want
                                    + ", got "
                                    + got);
                }
            }
            answers.put(probe.family() + " | " + probe.what(), row);
        }
        assertThat(wrong).as("answers that differ from the authorization matrix").isEmpty();
        return answers;
    }

    /** What Cockpit's own API answers each role (its pages' data), beside the engine's API. */
    public Map<Role, Integer> cockpitApi() throws Exception {
        Map<Role, Integer> answers = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            EngineRestClient browser = new EngineRestClient(clientPort());
            if (role.user != null) {
                browser.signIn(
                        role.user, role == Role.ADMIN ? adminPassword : TestAccounts.PASSWORD);
            }
            answers.put(
                    role,
                    browser.sendAsWebapp(
                                    "GET",
                                    "/operaton/api/cockpit/plugin/base/default/process-definition/statistics",
                                    null)
                            .statusCode());
        }
        return answers;
    }

    /**
     * Cockpit's API: open to administrators, process owners and release managers; the rest sign in
     * first.
     */
    public static final Map<Role, Integer> COCKPIT_API =
            Map.of(
                    Role.ADMIN, 200,
                    Role.PROCESS_OWNER, 200,
                    Role.RELEASE_MANAGER, 200,
                    Role.RISK_OFFICER, 403,
                    Role.DATA_ENGINEER, 403,
                    Role.ML_ENGINEER, 403,
                    Role.JOB_WORKER, 403,
                    Role.PIPELINE_TOKEN, 302,
                    Role.ANONYMOUS, 302);

    /** Which of the webapps each person may open, as the webapps themselves say. */
    public Map<Role, String> applications() throws Exception {
        Map<Role, String> apps = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            EngineRestClient browser = new EngineRestClient(clientPort());
            if (role.user != null) {
                browser.signIn(
                        role.user, role == Role.ADMIN ? adminPassword : TestAccounts.PASSWORD);
            }
            // the webapps take the signed-in person over when one of them is opened
            browser.get("/operaton/app/tasklist/default/");
            String body = browser.get("/operaton/api/admin/auth/user/default").body();
            Set<String> open = new TreeSet<>();
            int at = body == null ? -1 : body.indexOf("\"authorizedApps\"");
            String listed = at < 0 ? "" : body.substring(at, body.indexOf(']', at) + 1);
            for (String app : List.of("admin", "cockpit", "tasklist")) {
                if (listed.contains("\"" + app + "\"")) {
                    open.add(app);
                }
            }
            apps.put(role, String.join(",", open));
        }
        return apps;
    }

    private int clientPort() {
        return client.port();
    }

    /**
     * The webapps each role may open: Admin for administrators, Cockpit for them, process owners
     * and release managers.
     */
    public static final Map<Role, String> APPLICATIONS =
            Map.of(
                    Role.ADMIN, "admin,cockpit,tasklist",
                    Role.PROCESS_OWNER, "cockpit,tasklist",
                    Role.RELEASE_MANAGER, "cockpit,tasklist",
                    Role.RISK_OFFICER, "tasklist",
                    Role.DATA_ENGINEER, "tasklist",
                    Role.ML_ENGINEER, "tasklist",
                    Role.JOB_WORKER, "tasklist",
                    Role.PIPELINE_TOKEN, "",
                    Role.ANONYMOUS, "");
}
