package dev.almanac.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.almanac.pipelines.internal.PipelineEventRepository;
import dev.almanac.processes.ModelRelease;
import dev.almanac.support.ApiClient;
import dev.almanac.support.TestAccounts;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PipelineApiTest {

    @LocalServerPort int port;
    @Autowired PipelineTokens tokens;
    @Autowired PipelineEventRepository events;
    @Autowired IdentityService identity;
    @Autowired ExternalTaskService externalTasks;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;

    ApiClient api;

    @BeforeEach
    void pipeline() {
        TestAccounts.ensure(identity);
        api = new ApiClient(port, tokens.issue("test pipeline", Set.of(), "test").token());
    }

    private String planRelease(String model) {
        String version = String.valueOf(System.nanoTime());
        var created =
                api.post(
                        "/api/v1/releases",
                        Map.of(
                                "model",
                                model,
                                "version",
                                version,
                                "lane",
                                "staging",
                                "riskTier",
                                "low",
                                "ownerTeam",
                                "fraud-ml",
                                "targetDate",
                                LocalDate.now().plusDays(10).toString(),
                                "dataFeeds",
                                "feed-a"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return model + "-" + version;
    }

    private void finishDataCheck(String key) {
        finishStep(key, ModelRelease.Topics.DATA_READINESS);
    }

    /** Does the release's automated step of this topic, as a worker would. */
    private void finishStep(String key, String topic) {
        var locked =
                externalTasks
                        .fetchAndLock(1, "api-test")
                        .topic(topic, 30_000)
                        .businessKey(key)
                        .execute();
        assertThat(locked).hasSize(1);
        externalTasks.complete(locked.get(0).getId(), "api-test", Map.of());
    }

    private static String event(String type, String eventId) {
        return "{\"type\":\"" + type + "\",\"eventId\":\"" + eventId + "\"}";
    }

    private long correlationsOfDataReady(String key) {
        String instance =
                runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(key)
                        .singleResult()
                        .getId();
        return history.createHistoricActivityInstanceQuery()
                .processInstanceId(instance)
                .activityId("wait-data-ready")
                .finished()
                .count();
    }

    private static void assertProblem(
            ApiClient.Response response, int status, String field, String says) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json()).containsEntry("status", status).containsEntry("field", field);
        assertThat((String) response.json().get("detail")).contains(says);
    }

    @Test
    void createdReleaseReportsItsStateAndTheEventsItAccepts() {
        String key = planRelease("api-model");

        var state = api.get("/api/v1/releases/" + key);

        assertThat(state.status()).isEqualTo(200);
        assertThat(state.json())
                .containsEntry("key", key)
                .containsEntry("status", "active")
                .containsEntry("lane", "staging");
        assertThat((List<?>) state.json().get("currentSteps"))
                .singleElement()
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("activityId", "check-data-feeds")
                .containsEntry("kind", "worker");
        assertThat(state.json().get("acceptedEvents"))
                .isEqualTo(List.of("data-ready", "training-finished"));
        assertThat(state.json().get("awaitedEvents")).isEqualTo(List.of());
    }

    @Test
    void eventIsCorrelatedOnceAndRepeatsReplayTheFirstResult() {
        String key = planRelease("replay-model");
        finishDataCheck(key);

        var first =
                api.post("/api/v1/releases/" + key + "/events", event("data-ready", "run-" + key));
        var again =
                api.post("/api/v1/releases/" + key + "/events", event("data-ready", "run-" + key));

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json())
                .containsEntry("replay", false)
                .containsEntry("releaseKey", key)
                .containsEntry("type", "data-ready");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json())
                .containsEntry("replay", true)
                .containsEntry("acceptedAt", first.json().get("acceptedAt"));
        assertThat(correlationsOfDataReady(key)).isOne();
        assertThat(events.countByReleaseKey(key)).isOne();
        assertThat(api.get("/api/v1/releases/" + key).json().get("currentSteps").toString())
                .contains("trigger-training");
    }

    @Test
    void eventTheReleaseIsNotWaitingForIsAConflictThatChangesNothing() {
        String key = planRelease("early-model");

        var response =
                api.post(
                        "/api/v1/releases/" + key + "/events",
                        event("data-ready", "too-early-" + key));

        assertProblem(response, 409, "type", "is not waiting for data-ready");
        assertThat(events.countByReleaseKey(key)).isZero();
        finishDataCheck(key);
        assertProblem(
                api.post(
                        "/api/v1/releases/" + key + "/events",
                        event("training-finished", "t-" + key)),
                409,
                "type",
                "waits for data-ready");
    }

    @Test
    void badEventsAreRefusedByFieldAndChangeNothing() {
        String key = planRelease("strict-model");
        finishDataCheck(key);
        String path = "/api/v1/releases/" + key + "/events";

        assertProblem(
                api.post(path, event("model-exploded", "x-1")),
                400,
                "type",
                "accepts data-ready, training-finished");
        assertProblem(
                api.post(path, "{\"type\":\"data-ready\"}"), 400, "eventId", "unique 'eventId'");
        assertProblem(api.post(path, "{\"eventId\":\"x-2\"}"), 400, "type", "Say which event");
        assertProblem(
                api.post(path, "{\"type\":\"data-ready\",\"eventId\":\"has spaces\"}"),
                400,
                "eventId",
                "must be 1–200");
        assertProblem(
                api.post(path, "{\"type\": \"data-ready\", "), 400, "body", "not the JSON object");
        assertProblem(
                api.post(
                        path,
                        "{\"type\":\"data-ready\",\"eventId\":\"x-3\",\"variables\":{\"rows\":{\"nested\":1}}}"),
                400,
                "variables.rows",
                "plain values");
        assertProblem(
                api.post(
                        path,
                        "{\"type\":\"data-ready\",\"eventId\":\"x-4\",\"variables\":{\"1bad\":1}}"),
                400,
                "variables.1bad",
                "Variable names");
        assertProblem(
                api.post("/api/v1/releases/no-such-release/events", event("data-ready", "x-5")),
                404,
                "key",
                "no release");

        assertThat(events.countByReleaseKey(key)).isZero();
        assertThat(correlationsOfDataReady(key)).isZero();
    }

    @Test
    void anEventMayNotSetTheReleasesOwnVariablesNorSendAlmanacsOwnMessages() {
        String key = planRelease("tier-model");
        finishDataCheck(key);
        String path = "/api/v1/releases/" + key + "/events";
        for (String reserved :
                java.util.List.of("riskTier", "lane", "model", "ownerTeam", "requestedBy")) {
            assertProblem(
                    api.post(
                            path,
                            Map.of(
                                    "type",
                                    "data-ready",
                                    "eventId",
                                    reserved + "-" + key,
                                    "variables",
                                    Map.of(reserved, "high"))),
                    400,
                    "variables." + reserved,
                    "belongs to the release itself");
        }
        assertProblem(
                api.post(path, event("freeze-override-requested", "fo-" + key)),
                400,
                "type",
                "asked for on the release page");
        assertThat(events.countByReleaseKey(key)).isZero();
        assertThat(correlationsOfDataReady(key)).isZero();
        // the gate still sees the planned tier
        String instance =
                runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(key)
                        .singleResult()
                        .getId();
        assertThat(runtime.getVariable(instance, "riskTier")).isEqualTo("low");
        assertThat(runtime.getVariable(instance, "lane")).isEqualTo("staging");
    }

    @Test
    void trainingFinishedMustCarryWhatValidationReads() {
        String key = planRelease("metrics-model");
        finishDataCheck(key);
        api.post("/api/v1/releases/" + key + "/events", event("data-ready", "d-" + key));
        var locked =
                externalTasks
                        .fetchAndLock(1, "api-test")
                        .topic(ModelRelease.Topics.TRAINING_TRIGGER, 30_000)
                        .businessKey(key)
                        .execute();
        externalTasks.complete(locked.get(0).getId(), "api-test", Map.of());
        String path = "/api/v1/releases/" + key + "/events";

        assertProblem(
                api.post(
                        path,
                        Map.of(
                                "type",
                                "training-finished",
                                "eventId",
                                "t1-" + key,
                                "variables",
                                Map.of("latencyP95Ms", 120, "modelUri", "s3://m"))),
                400,
                "variables.accuracy",
                "number from 0 to 1");
        assertProblem(
                api.post(
                        path,
                        Map.of(
                                "type",
                                "training-finished",
                                "eventId",
                                "t2-" + key,
                                "variables",
                                Map.of(
                                        "accuracy",
                                        1.7,
                                        "latencyP95Ms",
                                        120,
                                        "modelUri",
                                        "s3://m"))),
                400,
                "variables.accuracy",
                "from 0 to 1");
        assertProblem(
                api.post(
                        path,
                        Map.of(
                                "type",
                                "training-finished",
                                "eventId",
                                "t3-" + key,
                                "variables",
                                Map.of("accuracy", 0.9, "latencyP95Ms", 120))),
                400,
                "variables.modelUri",
                "modelUri");

        var accepted =
                api.post(
                        path,
                        Map.of(
                                "type",
                                "training-finished",
                                "eventId",
                                "t4-" + key,
                                "variables",
                                Map.of(
                                        "accuracy",
                                        0.9,
                                        "latencyP95Ms",
                                        120,
                                        "modelUri",
                                        "s3://m")));
        assertThat(accepted.status()).isEqualTo(202);
        String instance =
                runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(key)
                        .singleResult()
                        .getId();
        assertThat(runtime.getVariable(instance, "accuracy")).isEqualTo(0.9);
        assertThat(runtime.getVariable(instance, "latencyP95Ms")).isEqualTo(120);
    }

    @Test
    void anEventCarriesOnlyWhatItsMessageDeclaresAndNeverAnotherModelsDeployTarget() {
        String key = planRelease("contract-model");
        finishDataCheck(key);
        String path = "/api/v1/releases/" + key + "/events";
        // data-ready declares rows:number and snapshotUri:string
        assertProblem(
                api.post(
                        path,
                        Map.of(
                                "type",
                                "data-ready",
                                "eventId",
                                "c1-" + key,
                                "variables",
                                Map.of("approvedBy", "me"))),
                400,
                "variables.approvedBy",
                "it carries rows (number), snapshotUri (string)");
        assertProblem(
                api.post(
                        path,
                        Map.of(
                                "type",
                                "data-ready",
                                "eventId",
                                "c2-" + key,
                                "variables",
                                Map.of("rows", "many"))),
                400,
                "variables.rows",
                "'rows' is a number in data-ready");
        assertThat(correlationsOfDataReady(key)).isZero();
        assertThat(
                        api.post(
                                        path,
                                        Map.of(
                                                "type",
                                                "data-ready",
                                                "eventId",
                                                "c3-" + key,
                                                "variables",
                                                Map.of("rows", 1200)))
                                .status())
                .isEqualTo(202);

        // training-finished: a models:/ URI must name the release's own registered model
        finishStep(key, ModelRelease.Topics.TRAINING_TRIGGER);
        assertProblem(
                api.post(
                        path,
                        Map.of(
                                "type",
                                "training-finished",
                                "eventId",
                                "c4-" + key,
                                "variables",
                                Map.of(
                                        "accuracy",
                                        0.9,
                                        "latencyP95Ms",
                                        120,
                                        "modelUri",
                                        "models:/fraud-scorer/7"))),
                400,
                "variables.modelUri",
                "names registered model fraud-scorer, but this release deploys to contract-model");
        String instance =
                runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(key)
                        .singleResult()
                        .getId();
        assertThat(runtime.getVariable(instance, "modelUri")).isNull();
        assertThat(
                        api.post(
                                        path,
                                        Map.of(
                                                "type",
                                                "training-finished",
                                                "eventId",
                                                "c5-" + key,
                                                "variables",
                                                Map.of(
                                                        "accuracy",
                                                        0.9,
                                                        "latencyP95Ms",
                                                        120,
                                                        "modelUri",
                                                        "models:/contract-model/7")))
                                .status())
                .isEqualTo(202);
    }

    @Test
    void eventIdUsedForAnotherEventIsAConflict() {
        String key = planRelease("reuse-model");
        finishDataCheck(key);
        api.post("/api/v1/releases/" + key + "/events", event("data-ready", "shared-" + key));

        assertProblem(
                api.post(
                        "/api/v1/releases/" + key + "/events",
                        event("training-finished", "shared-" + key)),
                409,
                "eventId",
                "already used for data-ready");
    }

    @Test
    void tokensAreRequiredAndScopedToTheirModels() {
        String key = planRelease("scoped-model");
        finishDataCheck(key);
        String path = "/api/v1/releases/" + key + "/events";

        assertProblem(
                new ApiClient(port, null).post(path, event("data-ready", "n-1")),
                401,
                "Authorization",
                "Bearer");
        assertProblem(
                new ApiClient(port, "alm_not-a-real-token").post(path, event("data-ready", "n-2")),
                401,
                "Authorization",
                "unknown or revoked");
        var other = tokens.issue("other team", Set.of("some-other-model"), "test");
        assertProblem(
                new ApiClient(port, other.token()).post(path, event("data-ready", "n-3")),
                403,
                "key",
                "may not act on model scoped-model");
        assertProblem(
                new ApiClient(port, other.token()).get("/api/v1/releases/" + key),
                403,
                "key",
                "may not act");
        assertProblem(
                new ApiClient(port, other.token())
                        .post("/api/v1/releases", Map.of("model", "scoped-model", "version", "9")),
                403,
                "model",
                "may not act");
        // nor another model's dependencies
        String upstream = planRelease("scoped-upstream");
        assertProblem(
                new ApiClient(port, other.token())
                        .post(
                                "/api/v1/releases/" + key + "/dependencies",
                                Map.of(
                                        "upstreamRelease",
                                        upstream,
                                        "upstreamActivity",
                                        "deploy",
                                        "downstreamActivity",
                                        "trigger-training",
                                        "kind",
                                        "FEATURE_STORE")),
                403,
                "key",
                "may not act on model scoped-model");
        assertProblem(
                new ApiClient(port, other.token()).get("/api/v1/releases/" + key + "/dependencies"),
                403,
                "key",
                "may not act");
        var mine = tokens.issue("own team", Set.of("scoped-model"), "test");
        var added =
                new ApiClient(port, mine.token())
                        .post(
                                "/api/v1/releases/" + key + "/dependencies",
                                Map.of(
                                        "upstreamRelease",
                                        upstream,
                                        "upstreamActivity",
                                        "deploy",
                                        "downstreamActivity",
                                        "trigger-training",
                                        "kind",
                                        "FEATURE_STORE"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String id = String.valueOf(added.json().get("id"));
        assertProblem(
                new ApiClient(port, other.token()).delete("/api/v1/dependencies/" + id),
                403,
                "key",
                "may not act");
        var revoked = tokens.issue("revoked", Set.of(), "test");
        tokens.revoke(revoked.id());
        assertProblem(
                new ApiClient(port, revoked.token()).post(path, event("data-ready", "n-4")),
                401,
                "Authorization",
                "revoked");
        assertThat(events.countByReleaseKey(key)).isZero();

        var own = tokens.issue("scoped team", Set.of("scoped-model"), "test");
        assertThat(new ApiClient(port, own.token()).post(path, event("data-ready", "n-5")).status())
                .isEqualTo(202);
        assertThat(events.findByEventId("n-5"))
                .hasValueSatisfying(e -> assertThat(e.getTokenId()).isEqualTo(own.id()));
    }

    @Test
    void invalidReleaseRequestIsRefusedByField() {
        long before = runtime.createProcessInstanceQuery().count();

        assertProblem(
                api.post(
                        "/api/v1/releases",
                        Map.of(
                                "model",
                                "Bad Model",
                                "version",
                                "1",
                                "lane",
                                "staging",
                                "riskTier",
                                "low",
                                "ownerTeam",
                                "fraud-ml",
                                "targetDate",
                                LocalDate.now().plusDays(3).toString())),
                400,
                "model",
                "lower-case");
        assertProblem(
                api.post(
                        "/api/v1/releases",
                        Map.of(
                                "model",
                                "good-model",
                                "version",
                                "1",
                                "lane",
                                "moon",
                                "riskTier",
                                "low",
                                "ownerTeam",
                                "fraud-ml",
                                "targetDate",
                                LocalDate.now().plusDays(3).toString())),
                400,
                "lane",
                "experimentation, staging, production");
        assertProblem(
                api.post(
                        "/api/v1/releases",
                        Map.of(
                                "model",
                                "good-model",
                                "version",
                                "1",
                                "lane",
                                "staging",
                                "riskTier",
                                "low",
                                "ownerTeam",
                                "fraud-ml",
                                "targetDate",
                                "soon")),
                400,
                "targetDate",
                "2026-12-15");
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
    }

    @Test
    void apiIsDescribedByOpenApi() {
        var docs = new ApiClient(port, null).get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body())
                .contains("/api/v1/releases/{key}/events")
                .contains("/api/v1/releases")
                .contains("pipelineToken")
                .doesNotContain("/releases/new");
    }
}
