package dev.almanac.calendar;

import static dev.almanac.processes.ModelRelease.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.almanac.planning.Lane;
import dev.almanac.planning.PlanningCatalog;
import dev.almanac.planning.RiskTier;
import dev.almanac.planning.Windows;
import dev.almanac.processes.ModelRelease;
import dev.almanac.processes.ReleaseDriver;
import dev.almanac.projection.ProjectedRelease;
import dev.almanac.projection.StepStatus;
import dev.almanac.projection.WindowKind;
import dev.almanac.projection.WindowScope;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.Releases;
import dev.almanac.schedule.Milestones;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.support.TestAccounts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The calendar follows the engine: projected dates move with each step, and deploys wait for
 * freezes to end.
 */
// one application context for every test class: the engine-rest API finds its engine by name,
// JVM-wide
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc
@ActiveProfiles("test")
class CalendarIntegrationTest {

    @Autowired Releases releases;

    @Autowired ReleaseQueries releaseQueries;
    @Autowired ReleaseCalendar calendar;
    @Autowired PlanningCatalog catalog;
    @Autowired Windows windows;
    @Autowired ProcessEngine engine;
    @Autowired IdentityService identity;

    @BeforeEach
    void noWindows() {
        TestAccounts.ensure(identity);
        windows.windows().forEach(w -> windows.deleteWindow(w.id()));
    }

    @AfterEach
    void realClock() {
        ClockUtil.reset();
    }

    private String plan() {
        String version = "1." + UUID.randomUUID().toString().substring(0, 8);
        return releases.plan(
                        new NewRelease(
                                "calendar-model",
                                version,
                                Lane.STAGING,
                                RiskTier.LOW,
                                "fraud-ml",
                                LocalDate.now().plusDays(40),
                                ""),
                        "rita")
                .key();
    }

    private ReleaseDriver driver(String key) {
        return ReleaseDriver.of(
                engine, releaseQueries.plannedRelease(key).orElseThrow().processInstanceId());
    }

    private ProjectedRelease projectedAt(String key, Instant now) {
        ReleaseCalendar.Read read = calendar.read(now);
        return calendar.project(read.snapshot(), read.cadenceOf()).release(key).orElseThrow();
    }

    private static Milestones.Milestone milestone(ProjectedRelease release, String name) {
        return Milestones.of(release).stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private ReleaseDriver toDeployApproval(String key) {
        return driver(key)
                .throughTraining(0.93, 120, 0.92)
                .completeTask(
                        "risk-review",
                        Map.of(RISK_DECISION, "approve", RISK_RATIONALE, "bias tests pass"));
    }

    @Test
    void projectedDatesFollowTheReleaseThroughItsSteps() {
        String key = plan();
        Instant planned = Instant.now();

        ProjectedRelease atStart = projectedAt(key, planned);
        assertThat(milestone(atStart, "Data readiness").status()).isEqualTo(StepStatus.ACTIVE);
        assertThat(milestone(atStart, "Deploy").status()).isEqualTo(StepStatus.PLANNED);
        assertThat(atStart.targetEnd()).isAfter(planned);

        ProjectedRelease tenDaysLater = projectedAt(key, planned.plus(Duration.ofDays(10)));
        assertThat(milestone(tenDaysLater, "Data readiness").overdue())
                .as("the data check is overdue")
                .isTrue();
        assertThat(tenDaysLater.targetEnd())
                .as("an overdue step pushes everything after it past now")
                .isAfter(planned.plus(Duration.ofDays(10)));

        driver(key)
                .completeExternal(ModelRelease.Topics.DATA_READINESS, Map.of())
                .correlate(ModelRelease.Messages.DATA_READY, Map.of());
        ProjectedRelease dataReady = projectedAt(key, Instant.now());
        assertThat(milestone(dataReady, "Data readiness").status()).isEqualTo(StepStatus.DONE);
        assertThat(milestone(dataReady, "Data readiness").actualEnd()).isNotNull();
        assertThat(milestone(dataReady, "Training").status()).isEqualTo(StepStatus.ACTIVE);
        assertThat(dataReady.targetEnd())
                .as("data arrived early")
                .isBeforeOrEqualTo(atStart.targetEnd());

        driver(key)
                .completeExternal(
                        ModelRelease.Topics.TRAINING_TRIGGER, Map.of(TRAINING_RUN_ID, "run-1"))
                .correlate(
                        ModelRelease.Messages.TRAINING_FINISHED,
                        Map.of(ACCURACY, 0.93, LATENCY_P95_MS, 120.0, MODEL_URI, "s3://models/m"))
                .completeExternal(
                        ModelRelease.Topics.VALIDATION_METRICS,
                        Map.of(BASELINE_ACCURACY, 0.92, ACCURACY_DELTA, 0.01))
                .completeTask(
                        "risk-review",
                        Map.of(RISK_DECISION, "approve", RISK_RATIONALE, "bias tests pass"));
        ProjectedRelease approved = projectedAt(key, Instant.now());
        assertThat(milestone(approved, "Training").status()).isEqualTo(StepStatus.DONE);
        assertThat(milestone(approved, "Risk review").status()).isEqualTo(StepStatus.DONE);
        assertThat(milestone(approved, "Deploy").status()).isEqualTo(StepStatus.ACTIVE);
        assertThat(approved.targetEnd()).isBefore(Instant.now().plus(Duration.ofDays(2)));
    }

    @Test
    void releaseReachingDeployInsideAFreezeWaitsAndDeploysWhenTheFreezeEnds() {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        var freeze =
                windows.saveWindow(
                        null,
                        new Windows.WindowChange(
                                "Incident freeze",
                                WindowKind.FREEZE,
                                now.minusHours(1),
                                now.plusDays(2),
                                ZoneOffset.UTC,
                                null,
                                WindowScope.GLOBAL,
                                null,
                                null),
                        "rita");
        Instant freezeEnds = now.plusDays(2).toInstant(ZoneOffset.UTC);
        String key = plan();
        ReleaseDriver release = toDeployApproval(key);

        ProjectedRelease projected = projectedAt(key, Instant.now());
        // the deploy step itself takes its planned hour, or less once history has taught the
        // calendar otherwise
        assertThat(projected.targetEnd())
                .as("deploy projected right after the freeze")
                .isBetween(freezeEnds, freezeEnds.plus(Duration.ofHours(1)));
        assertThat(milestone(projected, "Deploy").heldBy()).isEqualTo(String.valueOf(freeze.id()));
        assertThat(calendar.current().heldBy(String.valueOf(freeze.id())))
                .isEqualTo("Incident freeze (freeze window)");

        release.completeTask(
                "deploy-approval", Map.of(DEPLOY_DECISION, "go", DEPLOY_NOTE, "ready"));

        assertThat(release.activeActivities()).containsExactly("wait-release-window");
        assertThat(release.timer("wait-release-window").getDuedate().toInstant())
                .isEqualTo(freezeEnds);
        assertThat(
                        engine.getManagementService()
                                .createJobQuery()
                                .processInstanceId(release.instance.getId())
                                .duedateLowerThan(new Date())
                                .count())
                .as("nothing is due while the freeze lasts")
                .isZero();
        assertThat(projectedAt(key, Instant.now()).targetEnd())
                .isBetween(freezeEnds, freezeEnds.plus(Duration.ofHours(1)));

        ClockUtil.setCurrentTime(Date.from(freezeEnds.plusSeconds(1)));
        assertThat(
                        engine.getManagementService()
                                .createJobQuery()
                                .processInstanceId(release.instance.getId())
                                .duedateLowerThan(ClockUtil.getCurrentTime())
                                .count())
                .as("the timer is due when the freeze ends")
                .isOne();
        release.fireTimer("wait-release-window");
        assertThat(release.activeActivities()).containsExactly("deploy");
    }

    @Test
    void aNewFreezeMovesReleasesAlreadyWaitingForTheirWindowAndRemovingItBringsThemBack() {
        String key = plan();
        ReleaseDriver release =
                toDeployApproval(key)
                        .completeTask(
                                "deploy-approval",
                                Map.of(DEPLOY_DECISION, "go", DEPLOY_NOTE, "ready"));
        Instant reached = release.timer("wait-release-window").getDuedate().toInstant();
        assertThat(reached)
                .as("no window planned: deploys may go at once")
                .isBefore(Instant.now().plusSeconds(1));

        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        var freeze =
                windows.saveWindow(
                        null,
                        new Windows.WindowChange(
                                "Surprise freeze",
                                WindowKind.FREEZE,
                                now.minusHours(1),
                                now.plusHours(5),
                                ZoneOffset.UTC,
                                null,
                                WindowScope.MODEL,
                                "calendar-model",
                                "audit"),
                        "rita");
        // waiting deploys are re-timed after the window's commit, on a follow-up thread
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(
                                                release.timer("wait-release-window")
                                                        .getDuedate()
                                                        .toInstant())
                                        .isEqualTo(now.plusHours(5).toInstant(ZoneOffset.UTC)));

        // a person cannot let the held deploy out by removing or shortening the freeze: that is
        // what the freeze-override procedure (reason, expiry, second approval) is for
        assertThatThrownBy(() -> windows.deleteWindow(freeze.id(), "rita", "no longer needed"))
                .isInstanceOf(dev.almanac.planning.PlanningRejected.class)
                .hasMessageContaining("holds the deploy of " + key)
                .hasMessageContaining("freeze override");
        assertThatThrownBy(
                        () ->
                                windows.saveWindow(
                                        freeze.id(),
                                        new Windows.WindowChange(
                                                "Surprise freeze",
                                                WindowKind.FREEZE,
                                                now.minusHours(1),
                                                now.plusHours(1),
                                                ZoneOffset.UTC,
                                                null,
                                                WindowScope.MODEL,
                                                "calendar-model",
                                                "audit"),
                                        "rita",
                                        "shorter"))
                .isInstanceOf(dev.almanac.planning.PlanningRejected.class)
                .hasMessageContaining("holds the deploy of " + key);
        assertThat(windows.window(freeze.id())).isPresent();
        assertThat(release.timer("wait-release-window").getDuedate().toInstant())
                .isEqualTo(now.plusHours(5).toInstant(ZoneOffset.UTC));
        // lengthening it holds the deploy longer, which needs no override
        windows.saveWindow(
                freeze.id(),
                new Windows.WindowChange(
                        "Surprise freeze",
                        WindowKind.FREEZE,
                        now.minusHours(1),
                        now.plusHours(6),
                        ZoneOffset.UTC,
                        null,
                        WindowScope.MODEL,
                        "calendar-model",
                        "audit"),
                "rita",
                "the audit runs longer");
        awaitWindowWait(
                release,
                due -> assertThat(due).isEqualTo(now.plusHours(6).toInstant(ZoneOffset.UTC)));

        // nor by moving the wait's end (what a scenario's "move step end" does) ...
        assertThatThrownBy(
                        () ->
                                releases.moveActiveStep(
                                        key, "wait-release-window", Instant.now(), "rita"))
                .isInstanceOf(dev.almanac.releases.ReleaseRejected.class)
                .hasMessageContaining("deploys earlier only through a freeze override");
        // ... nor by moving the model off the product line a longer freeze holds
        String line = "cal-line-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        catalog.saveProductLine(null, new PlanningCatalog.ProductLineInfo(line, "Line", null));
        var model = catalog.model("calendar-model").orElseThrow();
        catalog.saveModel(
                "calendar-model",
                new PlanningCatalog.ModelInfo(
                        model.key(),
                        model.name(),
                        line,
                        model.ownerTeam(),
                        model.riskTier(),
                        model.description()),
                "rita");
        var lineFreeze =
                windows.saveWindow(
                        null,
                        new Windows.WindowChange(
                                "Line freeze",
                                WindowKind.FREEZE,
                                now.minusHours(1),
                                now.plusHours(8),
                                ZoneOffset.UTC,
                                null,
                                WindowScope.PRODUCT_LINE,
                                line,
                                "quarter close"),
                        "rita",
                        "quarter close");
        awaitWindowWait(
                release,
                due -> assertThat(due).isEqualTo(now.plusHours(8).toInstant(ZoneOffset.UTC)));
        assertThatThrownBy(
                        () ->
                                catalog.saveModel(
                                        "calendar-model",
                                        new PlanningCatalog.ModelInfo(
                                                model.key(),
                                                model.name(),
                                                null,
                                                model.ownerTeam(),
                                                model.riskTier(),
                                                model.description()),
                                        "rita"))
                .isInstanceOf(dev.almanac.planning.PlanningRejected.class)
                .hasMessageContaining("would let it out early");
        assertThat(catalog.model("calendar-model").orElseThrow().productLine()).isEqualTo(line);
        windows.deleteWindow(lineFreeze.id());

        windows.deleteWindow(freeze.id());
        Instant deleted = Instant.now();
        awaitWindowWait(release, due -> assertThat(due).isBefore(deleted.plusSeconds(1)));
    }

    /** Waiting deploys are re-timed after a window's commit, on a follow-up thread. */
    private static void awaitWindowWait(
            ReleaseDriver release, java.util.function.Consumer<Instant> check) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                check.accept(
                                        release.timer("wait-release-window")
                                                .getDuedate()
                                                .toInstant()));
    }
}
