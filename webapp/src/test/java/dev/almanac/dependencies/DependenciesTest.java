package dev.almanac.dependencies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.processes.ModelRelease;
import dev.almanac.projection.ProjectedRelease;
import dev.almanac.projection.ProjectedStep;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.Releases;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.support.TestAccounts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

// one application context for every test class: the engine-rest API finds its engine by name,
// JVM-wide
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc
@ActiveProfiles("test")
class DependenciesTest {

    @Autowired Dependencies dependencies;
    @Autowired Releases releases;
    @Autowired ReleaseQueries releaseQueries;
    @Autowired ReleaseCalendar calendar;
    @Autowired IdentityService identity;
    @Autowired org.operaton.bpm.engine.ProcessEngine engine;

    String a;
    String b;
    String c;

    @BeforeEach
    void chain() {
        TestAccounts.ensure(identity);
        String run = UUID.randomUUID().toString().substring(0, 6);
        a = plan("features-" + run);
        b = plan("reco-" + run);
        c = plan("ranker-" + run);
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

    private Dependencies.NewDependency needs(
            String downstream,
            String downstreamActivity,
            String upstream,
            String upstreamActivity) {
        return new Dependencies.NewDependency(
                upstream,
                upstreamActivity,
                downstream,
                downstreamActivity,
                DependencyKind.FEATURE_STORE,
                Duration.ofHours(4),
                "features first");
    }

    private static ProjectedStep step(ProjectedRelease release, String activity) {
        return release.steps().stream()
                .filter(s -> s.activityId().equals(activity))
                .findFirst()
                .orElseThrow();
    }

    private dev.almanac.processes.ReleaseDriver driver(String key) {
        return dev.almanac.processes.ReleaseDriver.of(
                engine, releaseQueries.plannedRelease(key).orElseThrow().processInstanceId());
    }

    private dev.almanac.processes.ReleaseDriver throughDataReadiness(String key) {
        return driver(key)
                .completeExternal(ModelRelease.Topics.DATA_READINESS, Map.of())
                .correlate(ModelRelease.Messages.DATA_READY, Map.of());
    }

    private Dependencies.NewDependency trainingNeedsData(
            String downstream, String upstream, Duration lag) {
        return new Dependencies.NewDependency(
                upstream,
                "wait-data-ready",
                downstream,
                "trigger-training",
                DependencyKind.DATA_FEED,
                lag,
                null);
    }

    @Test
    void aDownstreamReleaseWaitsInTheEngineUntilItsUpstreamStepEndsThenGoesOnByItself() {
        dependencies.add(trainingNeedsData(b, a, Duration.ZERO), "rita");

        throughDataReadiness(b);
        assertThat(driver(b).activeActivities())
                .as("held before training")
                .containsExactly("wait-upstream-training");
        assertThat(releaseQueries.messagesOf(b).awaited())
                .as("pipelines are not asked for upstream-ready")
                .isEmpty();

        throughDataReadiness(a);

        // the downstream is told after the upstream's commit, on a follow-up thread
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(driver(b).activeActivities())
                                        .as("told once the upstream committed")
                                        .containsExactly("trigger-training"));
        assertThat(driver(b).path())
                .containsSubsequence(
                        "upstream-training",
                        "wait-upstream-training",
                        "upstream-training",
                        "trigger-training");
        assertThat(driver(c).activeActivities())
                .as("an unrelated release is untouched")
                .containsExactly("check-data-feeds");
    }

    @Test
    void aLagHoldsTheReleaseUntilItPassesAndTheWaitsOwnTimerLetsItGo() {
        dependencies.add(trainingNeedsData(b, a, Duration.ofHours(6)), "rita");
        throughDataReadiness(a);
        Instant upstreamEnded = releaseQueries.stepEnded(a, "wait-data-ready").orElseThrow();

        throughDataReadiness(b);

        assertThat(driver(b).activeActivities()).containsExactly("wait-upstream-training");
        assertThat(driver(b).timer("recheck-upstream-training").getDuedate().toInstant())
                .isEqualTo(
                        upstreamEnded
                                .plus(Duration.ofHours(6))
                                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        try {
            ClockUtil.setCurrentTime(
                    Date.from(upstreamEnded.plus(Duration.ofHours(6)).plusSeconds(1)));
            driver(b).fireTimer("recheck-upstream-training");
        } finally {
            ClockUtil.reset();
        }
        assertThat(driver(b).activeActivities()).containsExactly("trigger-training");
    }

    @Test
    void removingTheDependencyOfAWaitingReleaseLetsItGoOnAndAStartedStepCannotBeHeld() {
        var dependency = dependencies.add(trainingNeedsData(b, a, Duration.ZERO), "rita");
        throughDataReadiness(b);
        assertThat(driver(b).activeActivities()).containsExactly("wait-upstream-training");

        dependencies.remove(dependency.id());

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(driver(b).activeActivities())
                                        .containsExactly("trigger-training"));
        assertThatThrownBy(() -> dependencies.add(trainingNeedsData(b, c, Duration.ZERO), "rita"))
                .isInstanceOfSatisfying(
                        DependencyRejected.class,
                        e -> assertThat(e.field()).isEqualTo("downstreamActivity"))
                .hasMessageContaining("already started");
        assertThatThrownBy(
                        () ->
                                dependencies.add(
                                        new Dependencies.NewDependency(
                                                a,
                                                "deploy",
                                                c,
                                                "risk-review",
                                                DependencyKind.OTHER,
                                                Duration.ZERO,
                                                null),
                                        "rita"))
                .isInstanceOfSatisfying(
                        DependencyRejected.class,
                        e -> assertThat(e.field()).isEqualTo("downstreamActivity"))
                .hasMessageContaining("check-data-feeds (Data readiness)")
                .hasMessageContaining("trigger-training (Training)");
    }

    @Test
    void projectedDatesCascadeAcrossAChainOfThreeReleases() {
        calendar.refresh();
        ProjectedRelease alone = calendar.current().release(c).orElseThrow();

        dependencies.add(needs(b, "trigger-training", a, "deploy"), "rita");
        dependencies.add(needs(c, "trigger-training", b, "deploy"), "rita");
        calendar.refresh();
        var projection = calendar.current();

        ProjectedRelease upstream = projection.release(a).orElseThrow();
        ProjectedRelease middle = projection.release(b).orElseThrow();
        ProjectedRelease downstream = projection.release(c).orElseThrow();
        assertThat(step(middle, "trigger-training").start())
                .isAfterOrEqualTo(step(upstream, "deploy").end().plus(Duration.ofHours(4)));
        assertThat(step(middle, "trigger-training").heldBy()).isEqualTo(a + "/deploy");
        assertThat(step(downstream, "trigger-training").start())
                .isAfterOrEqualTo(step(middle, "deploy").end().plus(Duration.ofHours(4)));
        assertThat(downstream.targetEnd())
                .as("two upstream releases now come first")
                .isAfter(alone.targetEnd().plus(Duration.ofDays(10)));
        assertThat(dependencies.of(b)).hasSize(2);
    }

    @Test
    void aDependencyClosingACycleIsRefusedNamingIt() {
        dependencies.add(needs(b, "trigger-training", a, "deploy"), "rita");
        dependencies.add(needs(c, "trigger-training", b, "deploy"), "rita");
        int before = dependencies.edges().size();

        assertThatThrownBy(
                        () -> dependencies.add(needs(a, "trigger-training", c, "deploy"), "rita"))
                .isInstanceOfSatisfying(
                        DependencyRejected.class,
                        e -> assertThat(e.field()).isEqualTo("upstreamRelease"))
                .hasMessageContaining("cycle")
                .hasMessageContaining(a)
                .hasMessageContaining(b)
                .hasMessageContaining(c);
        assertThat(dependencies.edges()).hasSize(before);
    }

    @Test
    void dependenciesOnUnknownReleasesOrStepsAreRefusedByField() {
        record Case(Dependencies.NewDependency request, String field) {}
        var cases =
                java.util.List.of(
                        new Case(
                                needs(b, "trigger-training", "no-such-release", "deploy"),
                                "upstreamRelease"),
                        new Case(needs(b, "no-such-step", a, "deploy"), "downstreamActivity"),
                        new Case(needs(b, "trigger-training", a, "nowhere"), "upstreamActivity"),
                        new Case(needs(a, "trigger-training", a, "deploy"), "upstreamRelease"),
                        new Case(
                                new Dependencies.NewDependency(
                                        a,
                                        "deploy",
                                        b,
                                        "trigger-training",
                                        DependencyKind.OTHER,
                                        Duration.ofHours(-1),
                                        null),
                                "lag"));
        for (Case x : cases) {
            assertThatThrownBy(() -> dependencies.add(x.request(), "rita"))
                    .as(x.field())
                    .isInstanceOfSatisfying(
                            DependencyRejected.class,
                            e -> assertThat(e.field()).isEqualTo(x.field()));
        }
        assertThat(dependencies.of(b)).isEmpty();
    }
}
