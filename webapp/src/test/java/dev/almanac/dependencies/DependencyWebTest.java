package dev.almanac.dependencies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.Releases;
import dev.almanac.scenarios.Scenarios;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.support.TestAccounts;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What the release page's dependency panel, the dependency graph, the at-risk list and the scenario
 * pages show, and how they refuse bad input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class DependencyWebTest {

    @Autowired MockMvcTester mvc;
    @Autowired Releases releases;
    @Autowired Dependencies dependencies;
    @Autowired ReleaseCalendar calendar;
    @Autowired Scenarios scenarios;
    @Autowired IdentityService identity;

    String upstream;
    String downstream;

    static final RequestPostProcessor RITA =
            user("rita")
                    .authorities(new SimpleGrantedAuthority("GROUP_" + Scenarios.RELEASE_MANAGERS));
    static final RequestPostProcessor MEL =
            user("mel").authorities(new SimpleGrantedAuthority("GROUP_ml-engineers"));

    @BeforeEach
    void releases() {
        TestAccounts.ensure(identity);
        String run = UUID.randomUUID().toString().substring(0, 6);
        upstream = plan("feature-store-" + run);
        downstream = plan("recommender-" + run);
        calendar.refresh();
    }

    private String plan(String model) {
        return releases.plan(
                        new NewRelease(
                                model,
                                "1",
                                Lane.STAGING,
                                RiskTier.LOW,
                                "fraud-ml",
                                LocalDate.now().plusDays(60),
                                ""),
                        "rita")
                .key();
    }

    @Test
    void aDependencyIsRecordedOnTheReleasePageAndShowsInBothTreesTheCriticalPathAndTheGraph() {
        assertThat(
                        mvc.post()
                                .uri("/calendar/releases/" + downstream + "/dependencies")
                                .with(RITA)
                                .with(csrf())
                                .param("downstreamActivity", "trigger-training")
                                .param("upstreamRelease", upstream)
                                .param("upstreamActivity", "deploy")
                                .param("kind", "FEATURE_STORE")
                                .param("lagDays", "0.5")
                                .param("note", "adds the session features"))
                .hasStatusOk()
                .bodyText()
                .contains("Dependency recorded")
                .contains("adds the session features")
                .contains(upstream)
                .contains("Critical path")
                .contains("→ dependency");
        assertThat(dependencies.of(downstream))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.lag()).isEqualTo(Duration.ofHours(12));
                            assertThat(d.createdBy()).isEqualTo("rita");
                        });

        assertThat(mvc.get().uri("/calendar/releases/" + upstream).with(RITA))
                .hasStatusOk()
                .bodyText()
                .contains("Downstream: what waits for this release")
                .contains(downstream);
        assertThat(mvc.get().uri("/dependencies").with(RITA))
                .hasStatusOk()
                .bodyText()
                .contains("data-from=\"" + upstream + "\"")
                .contains("data-to=\"" + downstream + "\"")
                .contains("critical");
        assertThat(mvc.get().uri("/dependencies?productLine=no-such-line").with(RITA))
                .hasStatusOk()
                .bodyText()
                .doesNotContain("data-release=\"" + upstream + "\"");
    }

    @Test
    void aBadDependencyIsAFormErrorAndNothingIsRecorded() {
        assertThat(
                        mvc.post()
                                .uri("/calendar/releases/" + downstream + "/dependencies")
                                .with(RITA)
                                .with(csrf())
                                .param("downstreamActivity", "risk-review")
                                .param("upstreamRelease", upstream)
                                .param("upstreamActivity", "deploy")
                                .param("kind", "DATA_FEED")
                                .param("lagDays", "0"))
                .hasStatusOk()
                .bodyText()
                .contains("nothing was recorded")
                .contains("can wait for upstream releases only before");
        assertThat(
                        mvc.post()
                                .uri("/calendar/releases/" + downstream + "/dependencies")
                                .with(RITA)
                                .with(csrf())
                                .param("downstreamActivity", "trigger-training")
                                .param("upstreamRelease", "")
                                .param("upstreamActivity", "deploy")
                                .param("kind", "DATA_FEED")
                                .param("lagDays", "-2"))
                .hasStatusOk()
                .bodyText()
                .contains("nothing was recorded")
                .contains("There is no release");
        assertThat(dependencies.of(downstream)).isEmpty();
    }

    @Test
    void aRemovedUpstreamShowsAsBrokenWhenItsReleaseIsCancelled() {
        dependencies.add(
                new Dependencies.NewDependency(
                        upstream,
                        "deploy",
                        downstream,
                        "trigger-training",
                        DependencyKind.MONITORING,
                        Duration.ZERO,
                        null),
                "rita");
        releases.cancel(upstream, "superseded");
        calendar.refresh();

        assertThat(mvc.get().uri("/calendar/releases/" + downstream).with(RITA))
                .hasStatusOk()
                .bodyText()
                .contains("data-state=\"broken\"");
    }

    @Test
    void aPlannerDraftsAScenarioSeesTheDiffAndOnlyAReleaseManagerAppliesItWithAJustification() {
        dependencies.add(
                new Dependencies.NewDependency(
                        upstream,
                        "deploy",
                        downstream,
                        "trigger-training",
                        DependencyKind.FEATURE_STORE,
                        Duration.ZERO,
                        null),
                "rita");
        var opened =
                mvc.post()
                        .uri("/scenarios")
                        .with(MEL)
                        .with(csrf())
                        .param("name", "Feature store slips")
                        .exchange();
        assertThat(opened).hasStatus3xxRedirection();
        String page = opened.getResponse().getRedirectedUrl();

        assertThat(
                        mvc.post()
                                .uri(page + "/changes")
                                .with(MEL)
                                .with(csrf())
                                .param("kind", "DELAY_RELEASE")
                                .param("releaseKey", upstream)
                                .param("days", "0"))
                .hasStatusOk()
                .bodyText()
                .contains("Delay by 1 to 365 days")
                .contains("the scenario is unchanged");
        assertThat(
                        mvc.post()
                                .uri(page + "/changes")
                                .with(MEL)
                                .with(csrf())
                                .param("kind", "DELAY_RELEASE")
                                .param("releaseKey", upstream)
                                .param("days", "10"))
                .hasStatus3xxRedirection();
        assertThat(mvc.get().uri(page).with(MEL))
                .hasStatusOk()
                .bodyText()
                .contains("Delay " + upstream + " by 10 days")
                .contains("data-release=\"" + downstream + "\"")
                .contains("releases move")
                .contains("Only release managers may apply");

        assertThat(
                        mvc.post()
                                .uri(page + "/apply")
                                .with(MEL)
                                .with(csrf())
                                .param("justification", "Because the store is late"))
                .hasStatus(403)
                .bodyText()
                .contains("Apply a scenario: only release managers, admins may do that.");
        assertThat(
                        mvc.post()
                                .uri(page + "/apply")
                                .with(RITA)
                                .with(csrf())
                                .param("justification", ""))
                .hasStatusOk()
                .bodyText()
                .contains("Write why this change is right");
        String token = page.substring(page.lastIndexOf('/') + 1);
        assertThat(scenarios.find(token).orElseThrow().draft()).isTrue();
        String reviewed = scenarios.find(token).orElseThrow().revision();

        // a change slipped into the draft after the release manager reviewed it: refused
        assertThat(
                        mvc.post()
                                .uri(page + "/changes")
                                .with(MEL)
                                .with(csrf())
                                .param("kind", "DELAY_RELEASE")
                                .param("releaseKey", downstream)
                                .param("days", "3"))
                .hasStatus3xxRedirection();
        assertThat(
                        mvc.post()
                                .uri(page + "/apply")
                                .with(RITA)
                                .with(csrf())
                                .param("justification", "The feature store migration slipped")
                                .param("revision", reviewed))
                .hasStatusOk()
                .bodyText()
                .contains("The scenario changed since you reviewed it");
        assertThat(scenarios.find(token).orElseThrow().draft()).isTrue();
        String slipped = scenarios.find(token).orElseThrow().revision();
        assertThat(mvc.post().uri(page + "/changes/1/delete").with(MEL).with(csrf()))
                .hasStatus3xxRedirection();
        assertThat(slipped).isNotEqualTo(reviewed);
        assertThat(mvc.get().uri(page).with(RITA))
                .bodyText()
                .contains("name=\"revision\" value=\"" + reviewed + "\"");

        assertThat(
                        mvc.post()
                                .uri(page + "/apply")
                                .with(RITA)
                                .with(csrf())
                                .param("justification", "The feature store migration slipped")
                                .param("revision", reviewed))
                .hasStatus3xxRedirection()
                .hasRedirectedUrl("/decisions");
        assertThat(mvc.get().uri("/decisions").with(MEL))
                .hasStatusOk()
                .bodyText()
                .contains("The feature store migration slipped")
                .contains(downstream);
        assertThat(mvc.get().uri("/at-risk").with(MEL))
                .hasStatusOk()
                .bodyText()
                .contains("Slips in the last 14 days")
                .contains(downstream)
                .contains("decision by rita");
        assertThat(mvc.get().uri(page).with(MEL))
                .hasStatusOk()
                .bodyText()
                .contains("can no longer change");
    }
}
