package dev.almanac.releases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.almanac.pipelines.PipelineTokens;
import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.support.ApiClient;
import dev.almanac.support.SignedIn;
import dev.almanac.support.TestAccounts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** The release list, on the page and over the API: filtered and paged in the database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ReleaseListTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired Releases releases;
    @Autowired PipelineTokens tokens;
    @Autowired IdentityService identity;
    @Autowired MockMvcTester mvc;
    @Autowired dev.almanac.schedule.ReleaseCalendar calendar;
    @LocalServerPort int port;

    String run;
    String modelA;
    String modelB;
    List<String> keysOfA = new ArrayList<>();

    @BeforeEach
    void releasesOfTwoModels() {
        TestAccounts.ensure(identity);
        run = UUID.randomUUID().toString().substring(0, 6);
        modelA = "lista-" + run;
        modelB = "listb-" + run;
        for (int i = 0; i < 3; i++) {
            keysOfA.add(
                    releases.plan(
                                    new NewRelease(
                                            modelA,
                                            "1." + i,
                                            i == 2 ? Lane.PRODUCTION : Lane.STAGING,
                                            RiskTier.LOW,
                                            "fraud-ml",
                                            LocalDate.now().plusDays(10 + i),
                                            ""),
                                    "rita")
                            .key());
        }
        releases.plan(
                new NewRelease(
                        modelB,
                        "1.0",
                        Lane.STAGING,
                        RiskTier.LOW,
                        "ml-engineers",
                        LocalDate.now().plusDays(5),
                        ""),
                "rita");
        releases.cancel(keysOfA.get(1), "superseded", "rita");
    }

    private static List<String> keys(JsonNode page) {
        List<String> keys = new ArrayList<>();
        page.get("items").forEach(item -> keys.add(item.get("key").asText()));
        return keys;
    }

    @Test
    void theApiFiltersAndPagesInTargetDateOrderWithinTheTokensScope() throws Exception {
        ApiClient all = new ApiClient(port, tokens.issue("list " + run, Set.of(), "test").token());

        JsonNode ofA = JSON.readTree(all.get("/api/v1/releases?model=" + modelA).body());
        assertThat(keys(ofA)).containsExactlyElementsOf(keysOfA);
        assertThat(ofA.get("hasNext").asBoolean()).isFalse();

        JsonNode first =
                JSON.readTree(all.get("/api/v1/releases?model=" + modelA + "&size=2").body());
        assertThat(keys(first)).containsExactly(keysOfA.get(0), keysOfA.get(1));
        assertThat(first.get("hasNext").asBoolean()).isTrue();
        JsonNode second =
                JSON.readTree(
                        all.get("/api/v1/releases?model=" + modelA + "&size=2&page=1").body());
        assertThat(keys(second)).containsExactly(keysOfA.get(2));
        assertThat(second.get("hasNext").asBoolean()).isFalse();

        assertThat(
                        keys(
                                JSON.readTree(
                                        all.get(
                                                        "/api/v1/releases?model="
                                                                + modelA
                                                                + "&lane=production")
                                                .body())))
                .containsExactly(keysOfA.get(2));
        assertThat(
                        keys(
                                JSON.readTree(
                                        all.get(
                                                        "/api/v1/releases?model="
                                                                + modelA
                                                                + "&status=ended")
                                                .body())))
                .containsExactly(keysOfA.get(1));
        assertThat(
                        keys(
                                JSON.readTree(
                                        all.get(
                                                        "/api/v1/releases?model="
                                                                + modelA
                                                                + "&status=running")
                                                .body())))
                .containsExactly(keysOfA.get(0), keysOfA.get(2));
        JsonNode atDataCheck =
                JSON.readTree(
                        all.get("/api/v1/releases?model=" + modelA + "&step=check-data-feeds")
                                .body());
        assertThat(keys(atDataCheck)).containsExactly(keysOfA.get(0), keysOfA.get(2));
        assertThat(
                        atDataCheck
                                .get("items")
                                .get(0)
                                .get("currentSteps")
                                .get(0)
                                .get("activityId")
                                .asText())
                .isEqualTo("check-data-feeds");
        assertThat(
                        keys(
                                JSON.readTree(
                                        all.get(
                                                        "/api/v1/releases?ownerTeam=ml-engineers&model="
                                                                + modelB)
                                                .body())))
                .hasSize(1);

        // a token for model B sees B only, and may not ask for A
        ApiClient onlyB =
                new ApiClient(port, tokens.issue("list b " + run, Set.of(modelB), "test").token());
        JsonNode scoped = JSON.readTree(onlyB.get("/api/v1/releases?size=200").body());
        scoped.get("items")
                .forEach(item -> assertThat(item.get("model").asText()).isEqualTo(modelB));
        assertThat(keys(scoped)).hasSize(1);
        var refused = onlyB.get("/api/v1/releases?model=" + modelA);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("\"field\":\"model\"");

        // the calendar API shows a scoped token its releases only
        calendar.refresh();
        JsonNode everything = JSON.readTree(all.get("/api/v1/calendar").body());
        assertThat(everything.get("releases").findValuesAsText("model")).contains(modelA, modelB);
        JsonNode ofB = JSON.readTree(onlyB.get("/api/v1/calendar").body());
        assertThat(ofB.get("releases").findValuesAsText("model")).containsOnly(modelB);
    }

    @Test
    void badListParametersAreRefusedNamingTheParameter() {
        ApiClient all =
                new ApiClient(port, tokens.issue("list bad " + run, Set.of(), "test").token());
        record Case(String query, String field) {}
        for (Case c :
                List.of(
                        new Case("lane=sideways", "lane"),
                        new Case("status=paused", "status"),
                        new Case("page=-1", "page"),
                        new Case("page=x", "page"),
                        new Case("size=0", "size"),
                        new Case("size=201", "size"),
                        new Case("step=%3Cscript%3E", "step"),
                        new Case("model=Fraud%20Scorer", "model"))) {
            var answer = all.get("/api/v1/releases?" + c.query());
            assertThat(answer.status()).as(c.query()).isEqualTo(400);
            assertThat(answer.body()).as(c.query()).contains("\"field\":\"" + c.field() + "\"");
        }
    }

    @Test
    void thePageFiltersPagesAndSaysWhatIsWrongWithAFilter() {
        assertThat(
                        mvc.get()
                                .uri("/releases?model=" + modelA + "&status=running")
                                .with(SignedIn.rita()))
                .hasStatusOk()
                .bodyText()
                .contains(keysOfA.get(0), keysOfA.get(2))
                .doesNotContain(keysOfA.get(1) + "\"")
                .doesNotContain(modelB + "-1.0");
        assertThat(mvc.get().uri("/releases?lane=sideways").with(SignedIn.rita()))
                .hasStatusOk()
                .bodyText()
                .contains("Filter lane is one of experimentation, staging, production.");
    }
}
