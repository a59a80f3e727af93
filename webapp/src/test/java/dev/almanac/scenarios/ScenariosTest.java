package dev.almanac.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.almanac.dependencies.Dependencies;
import dev.almanac.dependencies.DependencyKind;
import dev.almanac.identity.AccessPolicy;
import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.processes.ModelRelease;
import dev.almanac.processes.ReleaseDriver;
import dev.almanac.projection.ProjectedRelease;
import dev.almanac.projection.Projector;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.Releases;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.schedule.Slips;
import dev.almanac.support.TestAccounts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.runtime.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

// one application context for every test class: the engine-rest API finds its engine by name,
// JVM-wide
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc
@ActiveProfiles("test")
class ScenariosTest {

    @Autowired Scenarios scenarios;
    @Autowired Slips slips;
    @Autowired Releases releases;
    @Autowired ReleaseQueries releaseQueries;
    @Autowired Dependencies dependencies;
    @Autowired ReleaseCalendar calendar;
    @Autowired IdentityService identity;
    @Autowired ProcessEngine engine;
    @Autowired MockMvcTester mvc;

    String upstream;
    String downstream;

    @BeforeEach
    void chain() {
        TestAccounts.ensure(identity);
        String run = UUID.randomUUID().toString().substring(0, 6);
        upstream = plan("features-" + run);
        downstream = plan("reco-" + run);
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

    private ReleaseDriver driver(String key) {
        return ReleaseDriver.of(
                engine, releaseQueries.plannedRelease(key).orElseThrow().processInstanceId());
    }

    private ProjectedRelease projected(String key, Instant now) {
        return Projector.project(calendar.read(now).snapshot()).releases().stream()
                .filter(r -> r.key().equals(key))
                .findFirst()
                .orElseThrow();
    }

    private Scenarios.Change delay(String key, int days) {
        return new DelayRelease(key, days);
    }

    @Test
    void aScenarioShowsTheDiffThatApplyingItThenProduces() {
        Instant now = Instant.now();
        Instant downstreamBefore = projected(downstream, now).targetEnd();
        String token = scenarios.open("Features slip a week", "rita").token();
        scenarios.addChange(token, delay(upstream, 7), "rita");

        Scenarios.Diff diff = scenarios.diff(token, now);

        dev.almanac.projection.WhatIf.Moved moved =
                diff.moved().stream()
                        .filter(m -> m.releaseKey().equals(downstream))
                        .findFirst()
                        .orElseThrow();
        assertThat(moved.deployBefore()).isEqualTo(downstreamBefore);
        assertThat(moved.by())
                .as("the delay cascades through the dependency")
                .isGreaterThanOrEqualTo(Duration.ofDays(6));
        assertThat(diff.moved())
                .extracting(dev.almanac.projection.WhatIf.Moved::releaseKey)
                .contains(upstream);
        assertThat(projected(downstream, now).targetEnd())
                .as("drafting changes nothing")
                .isEqualTo(downstreamBefore);

        Scenarios.Decision decision =
                scenarios.apply(
                        token, "The feature store migration needs another week", "rita", now);

        assertThat(projected(downstream, now).targetEnd())
                .as("applied, the plan is what the scenario showed")
                .isEqualTo(moved.deployAfter());
        assertThat(projected(upstream, now).targetEnd())
                .isEqualTo(
                        diff.moved().stream()
                                .filter(m -> m.releaseKey().equals(upstream))
                                .findFirst()
                                .orElseThrow()
                                .deployAfter());
        assertThat(decision.decidedBy()).isEqualTo("rita");
        assertThat(decision.justification())
                .isEqualTo("The feature store migration needs another week");
        assertThat(decision.moves())
                .anySatisfy(
                        m -> {
                            assertThat(m.releaseKey()).isEqualTo(downstream);
                            assertThat(m.after()).isAfter(m.before());
                        });
        assertThat(scenarios.decisions())
                .extracting(Scenarios.Decision::id)
                .contains(decision.id());
        assertThat(scenarios.find(token).orElseThrow().status()).isEqualTo("APPLIED");
        assertThat(slips.of(downstream))
                .anySatisfy(s -> assertThat(s.slip().cause()).contains("decision by rita"));
    }

    @Test
    void applyingMovesTaskDueDatesAndTimersInTheEngine() {
        ReleaseDriver blocked =
                driver(upstream)
                        .failExternalWithBpmnError(
                                ModelRelease.Topics.DATA_READINESS,
                                ModelRelease.Errors.DATA_FEED_MISSING,
                                Map.of());
        Instant taskDue = blocked.task("resolve-data-feeds").getDueDate().toInstant();
        driver(downstream)
                .completeExternal(ModelRelease.Topics.DATA_READINESS, Map.of())
                .correlate(ModelRelease.Messages.DATA_READY, Map.of());
        Job recheck = driver(downstream).timer("recheck-upstream-training");
        Instant recheckDue = recheck.getDuedate().toInstant();

        String token = scenarios.open("Hold both", "rita").token();
        scenarios.addChange(token, delay(upstream, 3), "rita");
        scenarios.addChange(token, delay(downstream, 2), "rita");
        assertThat(blocked.task("resolve-data-feeds").getDueDate().toInstant())
                .as("nothing moves while drafting")
                .isEqualTo(taskDue);

        scenarios.apply(token, "Data platform outage over the long weekend", "rita", Instant.now());

        assertThat(blocked.task("resolve-data-feeds").getDueDate().toInstant())
                .isEqualTo(taskDue.plus(Duration.ofDays(3)));
        assertThat(driver(downstream).timer("recheck-upstream-training").getDuedate().toInstant())
                .isEqualTo(recheckDue.plus(Duration.ofDays(2)));
    }

    @Test
    void applyingWithoutTheRoleOrAJustificationIsRefusedAndChangesNothing() {
        ReleaseDriver blocked =
                driver(upstream)
                        .failExternalWithBpmnError(
                                ModelRelease.Topics.DATA_READINESS,
                                ModelRelease.Errors.DATA_FEED_MISSING,
                                Map.of());
        Instant taskDue = blocked.task("resolve-data-feeds").getDueDate().toInstant();
        String token = scenarios.open("Hold features", "mel").token();
        scenarios.addChange(token, delay(upstream, 3), "mel");
        int decisionsBefore = scenarios.decisions().size();

        assertThatThrownBy(
                        () ->
                                scenarios.apply(
                                        token, "We need another three days", "mel", Instant.now()))
                .isInstanceOfSatisfying(
                        ScenarioRejected.class, e -> assertThat(e.field()).isEqualTo("role"));
        assertThatThrownBy(() -> scenarios.apply(token, "  ", "rita", Instant.now()))
                .isInstanceOfSatisfying(
                        ScenarioRejected.class,
                        e -> assertThat(e.field()).isEqualTo("justification"));

        assertThat(blocked.task("resolve-data-feeds").getDueDate().toInstant()).isEqualTo(taskDue);
        assertThat(scenarios.find(token).orElseThrow().draft()).isTrue();
        assertThat(scenarios.decisions()).hasSize(decisionsBefore);
    }

    @Test
    void theScenarioPageTellsWhoMayNotApplyItSoAsThePolicySays() {
        String token = scenarios.open("Who may apply", "mel").token();
        var mel =
                user("mel")
                        .authorities(
                                new SimpleGrantedAuthority(AccessPolicy.GROUP + "ml-engineers"));
        var rita =
                user("rita")
                        .authorities(
                                new SimpleGrantedAuthority(
                                        AccessPolicy.GROUP + AccessPolicy.RELEASE_MANAGERS));

        assertThat(mvc.get().uri("/scenarios/" + token).with(mel))
                .hasStatusOk()
                .bodyText()
                .contains("Only release managers may apply");
        assertThat(mvc.get().uri("/scenarios/" + token).with(rita))
                .hasStatusOk()
                .bodyText()
                .doesNotContain("Only release managers may apply");
    }

    @Test
    void badDraftChangesAreRefusedByField() {
        String token = scenarios.open("Bad ideas", "rita").token();
        record Case(Scenarios.Change change, String field) {}
        for (Case c :
                new Case[] {
                    new Case(delay("no-such-release", 3), "releaseKey"),
                    new Case(delay(upstream, 0), "days"),
                    new Case(
                            new MoveStepEnd(upstream, "deploy", Instant.now().plusSeconds(3600)),
                            "activityId"),
                    new Case(
                            new AddFreeze(
                                    "Outage",
                                    java.time.LocalDateTime.now(),
                                    java.time.LocalDateTime.now().minusDays(1),
                                    null),
                            "windowEnd"),
                    new Case(new RemoveDependency(-1L), "dependencyId")
                }) {
            assertThatThrownBy(() -> scenarios.addChange(token, c.change(), "rita"))
                    .as(c.field())
                    .isInstanceOfSatisfying(
                            ScenarioRejected.class,
                            e -> assertThat(e.field()).isEqualTo(c.field()));
        }
        assertThat(scenarios.find(token).orElseThrow().changes()).isEmpty();
        assertThatThrownBy(() -> scenarios.open(" ", "rita"))
                .isInstanceOfSatisfying(
                        ScenarioRejected.class, e -> assertThat(e.field()).isEqualTo("name"));
    }

    @Test
    void aMilestoneMovedByItsUpstreamIsASlipNamingTheUpstream() {
        String third = plan("ranker-" + UUID.randomUUID().toString().substring(0, 6));
        calendar.refresh();
        slips.check(calendar.current());

        dependencies.add(
                new Dependencies.NewDependency(
                        downstream,
                        "deploy",
                        third,
                        "trigger-training",
                        DependencyKind.DATA_FEED,
                        Duration.ZERO,
                        null),
                "rita");
        calendar.refresh();
        var found = slips.check(calendar.current());

        assertThat(found)
                .filteredOn(s -> s.releaseKey().equals(third))
                .isNotEmpty()
                .allSatisfy(
                        s -> {
                            assertThat(s.projectedEnd())
                                    .isAfter(s.previousEnd().plus(Duration.ofDays(1)));
                            assertThat(s.cause()).contains("upstream");
                        });
        assertThat(slips.of(third)).isNotEmpty();
    }
}
