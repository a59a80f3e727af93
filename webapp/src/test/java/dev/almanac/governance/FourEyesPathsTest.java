package dev.almanac.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.processes.ModelRelease;
import dev.almanac.processes.ReleaseDriver;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.Releases;
import dev.almanac.releases.TaskRefused;
import dev.almanac.support.EngineRestClient;
import dev.almanac.support.TestAccounts;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Four-eyes and task ownership hold on every way a task is completed: {@code /engine-rest}
 * (complete and submit-form), Tasklist's API, our own command, and for overrides. The requester is
 * refused each time and the task stays open; the variables four-eyes used to read are refused;
 * someone outside the task's group gets a 403 naming the group.
 */
// one application context for every test class: the engine-rest API finds its engine by name,
// JVM-wide
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class FourEyesPathsTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IdentityService identity;
    @Autowired Releases releases;
    @Autowired ReleaseQueries releaseQueries;
    @Autowired DecisionLog decisions;

    String run;

    private static final Map<String, Object> APPROVE =
            Map.of(
                    ModelRelease.Variables.RISK_DECISION,
                    "approve",
                    ModelRelease.Variables.RISK_RATIONALE,
                    "fine");

    private static final String APPROVE_JSON =
            "{\"variables\":{\"riskDecision\":{\"value\":\"approve\",\"type\":\"String\"},"
                    + "\"riskRationale\":{\"value\":\"fine\",\"type\":\"String\"}}}";

    @BeforeEach
    void accounts() {
        TestAccounts.ensure(identity);
        run = UUID.randomUUID().toString().substring(0, 6);
        TestAccounts.person(identity, "olga", "risk-officers");
        TestAccounts.person(identity, "rex", "fraud-ml", "release-managers");
        TestAccounts.person(identity, "rory", "release-managers");
    }

    private ReleaseDriver planned(String requester, double accuracy) {
        String key =
                releases.plan(
                                new NewRelease(
                                        "eyes-" + run,
                                        "1",
                                        Lane.STAGING,
                                        RiskTier.LOW,
                                        "fraud-ml",
                                        LocalDate.now().plusDays(30),
                                        ""),
                                requester)
                        .key();
        return ReleaseDriver.of(
                        engine,
                        releaseQueries.plannedRelease(key).orElseThrow().processInstanceId())
                .throughTraining(accuracy, 100, 0.92);
    }

    private static String basic(String user) {
        return EngineRestClient.basic(user, TestAccounts.PASSWORD);
    }

    private static void refusedFourEyes(HttpResponse<String> response, String who) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("Four-eyes: " + who);
    }

    @Test
    void theRequesterIsRefusedOnEveryPathAndSomeoneElseInTheGroupDecides() throws Exception {
        ReleaseDriver release = planned("oscar", 0.95);
        String task = release.task("risk-review").getId();
        EngineRestClient rest = new EngineRestClient(port);

        // the engine REST API: complete, and submit-form
        refusedFourEyes(
                rest.send(
                        "POST",
                        "/engine-rest/task/" + task + "/complete",
                        basic("oscar"),
                        APPROVE_JSON),
                "oscar requested release");
        refusedFourEyes(
                rest.send(
                        "POST",
                        "/engine-rest/task/" + task + "/submit-form",
                        basic("oscar"),
                        APPROVE_JSON),
                "oscar requested release");

        // Tasklist, signed in on our login page
        EngineRestClient tasklist = new EngineRestClient(port);
        tasklist.signIn("oscar", TestAccounts.PASSWORD);
        tasklist.get("/operaton/app/tasklist/default/");
        refusedFourEyes(
                tasklist.sendAsWebapp(
                        "POST",
                        "/operaton/api/engine/engine/default/task/" + task + "/submit-form",
                        APPROVE_JSON),
                "oscar requested release");

        // our own command
        assertThatThrownBy(() -> releases.completeTask(task, "oscar", APPROVE))
                .hasRootCauseInstanceOf(FourEyesViolation.class)
                .rootCause()
                .hasMessageContaining("Four-eyes: oscar requested release");
        assertThat(release.activeActivities()).contains("risk-review");

        // the variables four-eyes once read cannot be brought along to fool it
        HttpResponse<String> forged =
                rest.send(
                        "POST",
                        "/engine-rest/task/" + task + "/complete",
                        basic("olga"),
                        "{\"variables\":{\"requestedBy\":{\"value\":\"someone-else\",\"type\":\"String\"},"
                                + "\"riskDecision\":{\"value\":\"approve\",\"type\":\"String\"},"
                                + "\"riskRationale\":{\"value\":\"fine\",\"type\":\"String\"}}}");
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
        assertThat(forged.body()).contains("'requestedBy' is not the procedure's to set");
        assertThat(release.activeActivities()).contains("risk-review");

        // someone outside the group: 403, naming the group, before the engine is asked
        HttpResponse<String> outsider =
                rest.send(
                        "POST",
                        "/engine-rest/task/" + task + "/complete",
                        basic("dana"),
                        APPROVE_JSON);
        assertThat(outsider.statusCode()).isEqualTo(403);
        assertThat(outsider.body()).contains("dana may not work on").contains("risk-officers");
        assertThatThrownBy(() -> releases.completeTask(task, "dana", APPROVE))
                .isInstanceOf(TaskRefused.class)
                .hasMessageContaining("belongs to the group risk-officers");

        // another risk officer decides, and the engine's own log names her
        HttpResponse<String> decided =
                rest.send(
                        "POST",
                        "/engine-rest/task/" + task + "/complete",
                        basic("olga"),
                        APPROVE_JSON);
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(204);
        assertThat(release.activeActivities()).contains("deploy-approval");
        assertThat(
                        engine.getHistoryService()
                                .createUserOperationLogQuery()
                                .taskId(task)
                                .operationType("Complete")
                                .list())
                .extracting(e -> e.getUserId())
                .containsOnly("olga");
        assertThat(
                        decisions.ofRelease(
                                release.variable(ModelRelease.Variables.RELEASE_KEY).toString()))
                .anySatisfy(e -> assertThat(e.decidedBy()).isEqualTo("olga"));
    }

    @Test
    void whoeverAskedForAnOverrideCannotGrantItOverRestOrTasklist() throws Exception {
        ReleaseDriver release = planned("rita", 0.85);
        EngineRestClient rest = new EngineRestClient(port);
        String halt = release.task("decide-after-halt").getId();
        HttpResponse<String> asked =
                rest.send(
                        "POST",
                        "/engine-rest/task/" + halt + "/complete",
                        basic("rex"),
                        "{\"variables\":{\"haltDecision\":{\"value\":\"override\",\"type\":\"String\"},"
                                + "\"stopReason\":{\"value\":\"the regression is in a segment we retire\",\"type\":\"String\"}}}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(204);
        String override = release.task("override-gate").getId();
        String grant =
                "{\"variables\":{\"overrideDecision\":{\"value\":\"approve\",\"type\":\"String\"},"
                        + "\"overrideReason\":{\"value\":\"accepted\",\"type\":\"String\"},"
                        + "\"overrideExpiry\":{\"value\":\"2099-01-01\",\"type\":\"String\"}}}";

        refusedFourEyes(
                rest.send(
                        "POST", "/engine-rest/task/" + override + "/complete", basic("rex"), grant),
                "rex asked for this override");
        EngineRestClient tasklist = new EngineRestClient(port);
        tasklist.signIn("rex", TestAccounts.PASSWORD);
        tasklist.get("/operaton/app/tasklist/default/");
        refusedFourEyes(
                tasklist.sendAsWebapp(
                        "POST",
                        "/operaton/api/engine/engine/default/task/" + override + "/submit-form",
                        grant),
                "rex asked for this override");
        // the requester of the release is refused too
        refusedFourEyes(
                rest.send(
                        "POST",
                        "/engine-rest/task/" + override + "/complete",
                        basic("rita"),
                        grant),
                "rita requested release");
        assertThat(release.activeActivities()).containsExactly("override-gate");

        HttpResponse<String> granted =
                rest.send(
                        "POST",
                        "/engine-rest/task/" + override + "/complete",
                        basic("rory"),
                        grant);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(204);
        assertThat(release.activeActivities()).doesNotContain("override-gate");
    }
}
