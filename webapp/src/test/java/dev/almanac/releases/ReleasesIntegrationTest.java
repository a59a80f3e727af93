package dev.almanac.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.processes.ModelRelease;
import dev.almanac.releases.internal.ReleasePlanRepository;
import dev.almanac.support.EngineRestClient;
import dev.almanac.support.TestAccounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ReleasesIntegrationTest {

    @Autowired Releases releases;

    @Autowired ReleaseQueries releaseQueries;
    @Autowired ReleasePlanRepository plans;
    @Autowired RuntimeService runtime;
    @Autowired RepositoryService repository;
    @Autowired IdentityService identity;
    @Autowired MockMvcTester mvc;
    @Autowired dev.almanac.governance.DecisionLog decisions;
    @LocalServerPort int port;

    @BeforeEach
    void accounts() {
        TestAccounts.ensure(identity);
    }

    private static NewRelease release(String model, String version) {
        return new NewRelease(
                model,
                version,
                Lane.STAGING,
                RiskTier.LOW,
                "fraud-ml",
                LocalDate.now().plusDays(14),
                "transactions, chargebacks");
    }

    private long instances() {
        return runtime.createProcessInstanceQuery()
                .processDefinitionKey(ModelRelease.PROCESS_ID)
                .count();
    }

    @Test
    void plansRacingToCatalogueANewModelAllSucceedAndTheSameReleaseTwiceIsRefusedOnce()
            throws Exception {
        String model = "racing-" + Long.toString(System.nanoTime(), 36);
        int planners = 6;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(planners);
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(planners);
        try {
            List<java.util.concurrent.Future<String>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < planners; i++) {
                // two planners each for versions 1, 2 and 3
                String version = "2026." + (i % 3 + 1);
                outcomes.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    try {
                                        return releases.plan(release(model, version), "rita").key();
                                    } catch (ReleaseRejected refused) {
                                        return "refused " + refused.field();
                                    }
                                }));
            }
            List<String> answers = new java.util.ArrayList<>();
            for (var outcome : outcomes) {
                answers.add(outcome.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(answers)
                    .containsOnly(
                            model + "-2026.1",
                            model + "-2026.2",
                            model + "-2026.3",
                            "refused version")
                    .filteredOn(a -> a.startsWith("refused"))
                    .hasSize(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(plans.findAllByModelOrderByTargetDateAscKeyAsc(model)).hasSize(3);
        assertThat(releaseQueries.releasesOf(model))
                .extracting(ReleaseSummary::key)
                .containsExactlyInAnyOrder(model + "-2026.1", model + "-2026.2", model + "-2026.3");
    }

    @Test
    void planningAReleaseStartsItsProcedureAtTheDataCheck() {
        releases.plan(release("fraud-scorer", "2026.12"), "rita");

        ReleaseSummary summary =
                releaseQueries.list().stream()
                        .filter(r -> r.key().equals("fraud-scorer-2026.12"))
                        .findFirst()
                        .orElseThrow();
        assertThat(summary.progress().status()).isEqualTo(ReleaseProgress.Status.ACTIVE);
        assertThat(summary.progress().steps())
                .singleElement()
                .satisfies(
                        step -> {
                            assertThat(step.name()).isEqualTo("Check data feeds");
                            assertThat(step.waitingFor())
                                    .isEqualTo("worker (topic data-readiness)");
                        });
        var instance =
                runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey("fraud-scorer-2026.12")
                        .singleResult();
        assertThat(runtime.getVariables(instance.getId()))
                .containsEntry("model", "fraud-scorer")
                .containsEntry("lane", "staging")
                .containsEntry("riskTier", "low")
                .containsEntry("ownerTeam", "fraud-ml")
                .containsEntry("dataFeeds", "transactions,chargebacks");
    }

    @Test
    void changingThePlanReachesTheRunningProcedureAndBadChangesChangeNothing() {
        ReleaseSummary release = releases.plan(release("replanned-model", "1.0"), "rita");
        LocalDate later = LocalDate.now().plusDays(60);

        releases.replan(
                release.key(),
                new Releases.ReleaseChange(Lane.PRODUCTION, RiskTier.HIGH, "ml-engineers", later),
                "rita");
        // a change of the gates' inputs is a decision on the record, with before and after
        assertThat(decisions.ofRelease(release.key()))
                .anySatisfy(
                        e -> {
                            assertThat(e.kind())
                                    .isEqualTo(dev.almanac.governance.DecisionKind.PLAN_CHANGE);
                            assertThat(e.decidedBy()).isEqualTo("rita");
                            assertThat(e.outcome())
                                    .contains("lane staging → production")
                                    .contains("riskTier low → high")
                                    .contains("ownerTeam fraud-ml → ml-engineers");
                            assertThat(e.basis()).contains("\"before\"").contains("\"after\"");
                        });

        assertThat(releaseQueries.plannedRelease(release.key()))
                .hasValueSatisfying(
                        r -> {
                            assertThat(r.lane()).isEqualTo(Lane.PRODUCTION);
                            assertThat(r.targetDate()).isEqualTo(later);
                        });
        assertThat(runtime.getVariables(release.processInstanceId()))
                .containsEntry("riskTier", "high")
                .containsEntry("ownerTeam", "ml-engineers")
                .containsEntry("lane", "production")
                .containsEntry("targetDate", later.toString());
        assertThatThrownBy(
                        () ->
                                releases.replan(
                                        release.key(),
                                        new Releases.ReleaseChange(
                                                Lane.STAGING, RiskTier.LOW, "nobody", later)))
                .isInstanceOfSatisfying(
                        ReleaseRejected.class, e -> assertThat(e.field()).isEqualTo("ownerTeam"));
        assertThat(releaseQueries.plannedRelease(release.key()).orElseThrow().lane())
                .isEqualTo(Lane.PRODUCTION);
        assertThat(
                        mvc.post()
                                .uri("/releases/" + release.key() + "/edit")
                                .with(dev.almanac.support.SignedIn.rita())
                                .with(csrf())
                                .param("lane", "STAGING")
                                .param("riskTier", "LOW")
                                .param("ownerTeam", "fraud-ml")
                                .param("targetDate", "soon"))
                .hasStatusOk()
                .bodyText()
                .contains("nothing was changed")
                .contains("Give the target date as a date");
    }

    @Test
    void cancellingAReleaseEndsItsProcedureWithTheReason() {
        ReleaseSummary release = releases.plan(release("cancelled-model", "1.0"), "rita");

        assertThatThrownBy(() -> releases.cancel(release.key(), " "))
                .isInstanceOfSatisfying(
                        ReleaseRejected.class, e -> assertThat(e.field()).isEqualTo("reason"));
        assertThat(
                        mvc.post()
                                .uri("/releases/" + release.key() + "/cancel")
                                .with(dev.almanac.support.SignedIn.rita())
                                .with(csrf())
                                .param("reason", "superseded"))
                .hasStatus3xxRedirection();

        assertThat(
                        runtime.createProcessInstanceQuery()
                                .processInstanceId(release.processInstanceId())
                                .count())
                .isZero();
        assertThat(releaseQueries.find(release.key()).orElseThrow().summary().progress().outcome())
                .isEqualTo("cancelled");
        assertThat(decisions.ofRelease(release.key()))
                .anySatisfy(
                        e -> {
                            assertThat(e.kind())
                                    .isEqualTo(dev.almanac.governance.DecisionKind.CANCELLATION);
                            assertThat(e.decidedBy()).isEqualTo("rita");
                            assertThat(e.rationale()).isEqualTo("superseded");
                        });
    }

    @Test
    void invalidRequestsAreRejectedByFieldAndStartNothing() {
        releases.plan(release("churn-predictor", "1.0"), "rita");
        long plansBefore = plans.count();
        long instancesBefore = instances();
        LocalDate soon = LocalDate.now().plusDays(3);

        record Case(NewRelease request, String field, String says) {}
        List<Case> cases =
                List.of(
                        new Case(release("Fraud Scorer!", "1.0"), "model", "lower-case"),
                        new Case(release("fraud-scorer", "1 0"), "version", "Version must be"),
                        new Case(
                                new NewRelease(
                                        "fraud-scorer",
                                        "1.1",
                                        null,
                                        RiskTier.LOW,
                                        "fraud-ml",
                                        soon,
                                        null),
                                "lane",
                                "Choose a lane"),
                        new Case(
                                new NewRelease(
                                        "fraud-scorer",
                                        "1.1",
                                        Lane.STAGING,
                                        null,
                                        "fraud-ml",
                                        soon,
                                        null),
                                "riskTier",
                                "risk tier"),
                        new Case(
                                new NewRelease(
                                        "fraud-scorer",
                                        "1.1",
                                        Lane.STAGING,
                                        RiskTier.LOW,
                                        "no-such-team",
                                        soon,
                                        null),
                                "ownerTeam",
                                "does not exist"),
                        new Case(
                                new NewRelease(
                                        "fraud-scorer",
                                        "1.1",
                                        Lane.STAGING,
                                        RiskTier.LOW,
                                        "fraud-ml",
                                        LocalDate.now().minusDays(1),
                                        null),
                                "targetDate",
                                "in the past"),
                        new Case(
                                new NewRelease(
                                        "fraud-scorer",
                                        "1.1",
                                        Lane.STAGING,
                                        RiskTier.LOW,
                                        "fraud-ml",
                                        soon,
                                        "a;b"),
                                "dataFeeds",
                                "separated by commas"),
                        // an address would make the data-readiness worker call it
                        new Case(
                                new NewRelease(
                                        "fraud-scorer",
                                        "1.1",
                                        Lane.STAGING,
                                        RiskTier.LOW,
                                        "fraud-ml",
                                        soon,
                                        "transactions, http://127.0.0.1:3306/"),
                                "dataFeeds",
                                "an address is not a feed name"),
                        new Case(
                                new NewRelease(
                                        "fraud-scorer",
                                        "1.1",
                                        Lane.STAGING,
                                        RiskTier.LOW,
                                        "fraud-ml",
                                        soon,
                                        "http://169.254.169.254/latest/meta-data"),
                                "dataFeeds",
                                "an address is not a feed name"),
                        new Case(release("churn-predictor", "1.0"), "version", "already exists"));

        for (Case c : cases) {
            assertThatThrownBy(() -> releases.plan(c.request(), "rita"))
                    .as(c.field())
                    .isInstanceOfSatisfying(
                            ReleaseRejected.class, e -> assertThat(e.field()).isEqualTo(c.field()))
                    .hasMessageContaining(c.says());
        }
        assertThat(plans.count()).isEqualTo(plansBefore);
        assertThat(instances()).isEqualTo(instancesBefore);
    }

    @Test
    void releaseFormShowsFieldErrorsAndStartsNothing() {
        long before = instances();

        assertThat(
                        mvc.post()
                                .uri("/releases")
                                .with(dev.almanac.support.SignedIn.rita())
                                .with(csrf())
                                .param("model", "Fraud Scorer!")
                                .param("version", "2026.12")
                                .param("lane", "STAGING")
                                .param("riskTier", "LOW")
                                .param("ownerTeam", "fraud-ml")
                                .param("targetDate", LocalDate.now().plusDays(5).toString()))
                .hasStatusOk()
                .bodyText()
                .contains("Please correct the fields marked below")
                .contains("Model must be 2–60 lower-case letters");
        assertThat(
                        mvc.post()
                                .uri("/releases")
                                .with(dev.almanac.support.SignedIn.rita())
                                .with(csrf())
                                .param("model", "fraud-scorer")
                                .param("version", "2026.12")
                                .param("lane", "STAGING")
                                .param("riskTier", "LOW")
                                .param("ownerTeam", "fraud-ml")
                                .param("targetDate", "next tuesday"))
                .hasStatusOk()
                .bodyText()
                .contains("Give the target date as a date, like 2026-12-15.");
        assertThat(instances()).isEqualTo(before);
    }

    @Test
    void releaseFormPlansAndStartsTheReleaseThenShowsIt() {
        assertThat(
                        mvc.post()
                                .uri("/releases")
                                .with(dev.almanac.support.SignedIn.rita())
                                .with(csrf())
                                .param("model", "search-ranker")
                                .param("version", "7")
                                .param("lane", "PRODUCTION")
                                .param("riskTier", "HIGH")
                                .param("ownerTeam", "fraud-ml")
                                .param("targetDate", LocalDate.now().plusDays(30).toString())
                                .param("dataFeeds", "clicks"))
                .hasStatus3xxRedirection()
                .hasRedirectedUrl("/releases/search-ranker-7");

        assertThat(
                        mvc.get()
                                .uri("/releases/search-ranker-7")
                                .with(dev.almanac.support.SignedIn.rita()))
                .hasStatusOk()
                .bodyText()
                .contains("search-ranker-7")
                .contains("Check data feeds")
                .contains("worker (topic data-readiness)")
                .contains("model-release v")
                .contains("Release planned");
        assertThat(mvc.get().uri("/releases").with(dev.almanac.support.SignedIn.rita()))
                .hasStatusOk()
                .bodyText()
                .contains("search-ranker-7")
                .contains("production")
                .contains("Check data feeds");
        assertThat(
                        mvc.get()
                                .uri("/releases/search-ranker-7/diagram.bpmn")
                                .with(dev.almanac.support.SignedIn.rita()))
                .hasStatusOk()
                .bodyText()
                .contains("<bpmn:process id=\"model-release\"");
    }

    @Test
    void unknownReleaseIsNotFound() {
        assertThat(mvc.get().uri("/releases/nope-1").with(dev.almanac.support.SignedIn.rita()))
                .hasStatus(404);
    }

    @Test
    void pagesRequireSignIn() {
        assertThat(mvc.get().uri("/releases"))
                .hasStatus3xxRedirection()
                .redirectedUrl()
                .endsWith("/login");
    }

    @Test
    void engineRestRequiresAValidAccount() throws Exception {
        EngineRestClient client = new EngineRestClient(port);

        assertThat(client.get("/engine-rest/process-definition", null, null).statusCode())
                .isEqualTo(401);
        // a wrong password delays the account's next sign-in (engine login throttling), so it is
        // tried on another account
        assertThat(client.get("/engine-rest/process-definition", "mel", "wrong").statusCode())
                .isEqualTo(401);
        assertThat(
                        client.get("/engine-rest/process-definition", "rita", TestAccounts.PASSWORD)
                                .statusCode())
                .isEqualTo(200);
    }

    @Test
    void oneSignInOpensTheTasklistAndCockpitToo() throws Exception {
        EngineRestClient browser = new EngineRestClient(port);
        assertThat(browser.get("/operaton/api/admin/auth/user/default").body())
                .doesNotContain("\"userId\":\"oscar\"");

        assertThat(browser.signIn("oscar", TestAccounts.PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));

        var app = browser.get("/operaton/app/tasklist/default/");
        assertThat(app.statusCode()).as(app.headers().map().toString()).isEqualTo(200);
        assertThat(browser.get("/operaton/api/admin/auth/user/default").body())
                .contains("\"userId\":\"oscar\"")
                .contains("tasklist")
                // a risk officer works in Tasklist; Cockpit is for release managers and process
                // owners
                .doesNotContain("cockpit");
    }

    @Test
    void deployingAChangedProcedureMakesNewReleasesFollowIt() throws Exception {
        releases.plan(release("old-model", "1"), "rita");
        String original = resource(ModelRelease.BPMN_RESOURCE);
        String changed =
                original.replace(
                        "<bpmn:sequenceFlow id=\"f-start\" sourceRef=\"release-planned\" targetRef=\"upstream-data\"></bpmn:sequenceFlow>",
                        "<bpmn:sequenceFlow id=\"f-start\" sourceRef=\"release-planned\" targetRef=\"confirm-scope\" />"
                                + "<bpmn:userTask id=\"confirm-scope\" name=\"Confirm scope\" operaton:candidateGroups=\"release-managers\">"
                                + "<bpmn:extensionElements><operaton:properties><operaton:property name=\"plannedDuration\" value=\"P1D\" />"
                                + "</operaton:properties></bpmn:extensionElements></bpmn:userTask>"
                                + "<bpmn:sequenceFlow id=\"f-scope\" sourceRef=\"confirm-scope\" targetRef=\"upstream-data\" />");
        assertThat(changed).isNotEqualTo(original);

        try {
            var response =
                    new EngineRestClient(port)
                            .deploy(
                                    "paula",
                                    TestAccounts.PASSWORD,
                                    "model-release with scope check",
                                    "model-release.bpmn",
                                    changed);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

            releases.plan(release("new-model", "1"), "rita");
            ReleaseDetail fresh = releaseQueries.find("new-model-1").orElseThrow();
            assertThat(fresh.summary().progress().steps())
                    .extracting(ReleaseProgress.CurrentStep::name)
                    .containsExactly("Confirm scope");
            ReleaseDetail old = releaseQueries.find("old-model-1").orElseThrow();
            assertThat(old.summary().progress().steps())
                    .extracting(ReleaseProgress.CurrentStep::name)
                    .containsExactly("Check data feeds");
            assertThat(fresh.procedureVersion()).isNotEqualTo(old.procedureVersion());
        } finally {
            // later tests in this context start releases with the procedure as shipped
            var shipped =
                    repository
                            .createDeployment()
                            .name("model-release as shipped")
                            .addString("model-release.bpmn", original);
            for (String dmn : ModelRelease.DMN_RESOURCES) {
                shipped.addString(dmn.substring(dmn.lastIndexOf('/') + 1), resource(dmn));
            }
            shipped.deploy();
        }
    }

    @Test
    void procedureBreakingConventionsIsRejectedNamingTheElement() throws Exception {
        long versions =
                repository
                        .createProcessDefinitionQuery()
                        .processDefinitionKey(ModelRelease.PROCESS_ID)
                        .count();
        String broken =
                resource(ModelRelease.BPMN_RESOURCE)
                        .replaceFirst(
                                "(?s)(<bpmn:userTask id=\"risk-review\"[^>]*>)\\s*<bpmn:extensionElements>.*?</bpmn:extensionElements>",
                                "$1");

        var response =
                new EngineRestClient(port)
                        .deploy(
                                "paula",
                                TestAccounts.PASSWORD,
                                "broken",
                                "model-release.bpmn",
                                broken);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("risk-review").contains("plannedDuration");
        assertThat(
                        repository
                                .createProcessDefinitionQuery()
                                .processDefinitionKey(ModelRelease.PROCESS_ID)
                                .count())
                .isEqualTo(versions);
    }

    @Test
    void hostileDeploymentsAreRefusedNamingTheElementOverRestAndFromCockpit() throws Exception {
        String hostile =
                """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:operaton="http://operaton.org/schema/1.0/bpmn" targetNamespace="x">
                  <process id="hostile" isExecutable="true" operaton:historyTimeToLive="P1D">
                    <startEvent id="start" />
                    <sequenceFlow id="f1" sourceRef="start" targetRef="step" />
                    <serviceTask id="step" operaton:expression="${execution.getProcessEngineServices().getRuntimeService()}">
                      <extensionElements><operaton:properties><operaton:property name="plannedDuration" value="PT1H" /></operaton:properties></extensionElements>
                    </serviceTask>
                    <sequenceFlow id="f2" sourceRef="step" targetRef="end" />
                    <endEvent id="end" />
                  </process>
                </definitions>""";
        long deployments = repository.createDeploymentQuery().count();

        var rest =
                new EngineRestClient(port)
                        .deploy("paula", TestAccounts.PASSWORD, "hostile", "hostile.bpmn", hostile);
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(400);
        assertThat(rest.body())
                .contains("element 'step' (serviceTask)")
                .contains("getProcessEngineServices");

        // Cockpit deploys through the webapps' own engine API, with the signed-in session
        EngineRestClient cockpit = new EngineRestClient(port);
        cockpit.signIn("paula", TestAccounts.PASSWORD);
        cockpit.get("/operaton/app/cockpit/default/");
        var fromCockpit =
                cockpit.deployAsWebapp(
                        "/operaton/api/engine/engine/default/deployment/create",
                        "hostile",
                        "hostile.bpmn",
                        hostile);
        assertThat(fromCockpit.statusCode()).as(fromCockpit.body()).isEqualTo(400);
        assertThat(fromCockpit.body()).contains("element 'step' (serviceTask)");
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    private static String resource(String name) throws IOException {
        try (var in = ReleasesIntegrationTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
