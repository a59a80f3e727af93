package dev.almanac.processes;

import static dev.almanac.processes.ModelRelease.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.engine.task.IdentityLink;
import org.operaton.bpm.engine.test.Deployment;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;

@Deployment(
        resources = {
            ModelRelease.BPMN_RESOURCE,
            "dmn/promotion-gate.dmn",
            "dmn/required-signoffs.dmn"
        })
class ModelReleaseProcessTest {

    /** Wednesday 2026-12-02 10:00 UTC: inside the weekday release window. */
    static final Instant WEDNESDAY_MORNING = Instant.parse("2026-12-02T10:00:00Z");

    /** Saturday 2026-12-05 11:00 UTC: the window is closed until Monday 09:00. */
    static final Instant SATURDAY = Instant.parse("2026-12-05T11:00:00Z");

    @RegisterExtension
    static ProcessEngineExtension extension =
            ProcessEngineExtension.builder().useProcessEngine(TestEngine.get()).build();

    ProcessEngine engine;

    @BeforeEach
    void setUp() {
        engine = extension.getProcessEngine();
        ClockUtil.setCurrentTime(Date.from(WEDNESDAY_MORNING));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private ReleaseDriver release(String riskTier) {
        return ReleaseDriver.start(engine, riskTier, "production");
    }

    private ReleaseDriver approvedByRisk(ReleaseDriver release) {
        return release.completeTask(
                "risk-review", Map.of(RISK_DECISION, "approve", RISK_RATIONALE, "bias tests pass"));
    }

    @Test
    void happyPathRunsEveryStageToCompletedRelease() {
        ReleaseDriver release = release("low").throughTraining(0.93, 120, 0.92);

        assertThat(release.variable(GATE_OUTCOME)).isEqualTo("advance");
        assertThat(release.variable(GATE_REASON)).asString().contains("match or beat production");
        assertThat(release.variable(REQUIRED_SIGNOFFS)).asList().isEmpty();

        approvedByRisk(release).throughDeployAndRetrospective();

        assertThat(release.ended()).isTrue();
        assertThat(release.path())
                .containsSubsequence(
                        "release-planned",
                        "check-data-feeds",
                        "wait-data-ready",
                        "trigger-training",
                        "wait-training-finished",
                        "compute-validation-metrics",
                        "promotion-gate",
                        "gate-outcome",
                        "risk-merge",
                        "risk-fork",
                        "risk-review",
                        "risk-join",
                        "risk-outcome",
                        "deploy-approval",
                        "deploy-decision",
                        "wait-release-window",
                        "deploy",
                        "monitor-in-production",
                        "post-deploy-check",
                        "retrospective-merge",
                        "wait-for-retrospective",
                        "retrospective",
                        "release-completed");
        assertThat(release.path()).contains("determine-signoffs");
        assertThat(release.path())
                .doesNotContain(
                        "review-validation",
                        "decide-after-halt",
                        "signoff",
                        "roll-back",
                        "resolve-data-blocker",
                        "resolve-training-delay",
                        "resolve-data-feeds");
        assertThat(release.variable(RELEASE_OUTCOME)).isEqualTo("deployed");
        assertThat(release.variable(DEPLOYMENT_ID)).isEqualTo("dep-1");
        assertThat(release.variable(RETRO_WENT_WELL)).isEqualTo("smooth");
    }

    @Test
    void heldTrainingWaitsForUpstreamVisiblyAndContinuesWhenToldItIsReady() {
        TestEngine.UPSTREAM.held.add("fraud-scorer-2026.12/trigger-training");
        try {
            ReleaseDriver release =
                    release("low")
                            .completeExternal(ModelRelease.Topics.DATA_READINESS, Map.of())
                            .correlate(ModelRelease.Messages.DATA_READY, Map.of());

            assertThat(release.activeActivities()).containsExactly("wait-upstream-training");
            assertThat(release.timer("recheck-upstream-training").getDuedate().toInstant())
                    .isEqualTo(WEDNESDAY_MORNING.plus(1, ChronoUnit.DAYS));

            release.correlate(ModelRelease.Messages.UPSTREAM_READY, Map.of());
            assertThat(release.activeActivities())
                    .as("still held: it checks and waits again")
                    .containsExactly("wait-upstream-training");

            release.fireTimer("recheck-upstream-training");
            assertThat(release.activeActivities())
                    .as("the recheck timer also only checks")
                    .containsExactly("wait-upstream-training");

            TestEngine.UPSTREAM.held.clear();
            release.correlate(ModelRelease.Messages.UPSTREAM_READY, Map.of());

            assertThat(release.activeActivities()).containsExactly("trigger-training");
            assertThat(release.path())
                    .containsSubsequence(
                            "upstream-data",
                            "check-data-feeds",
                            "wait-data-ready",
                            "upstream-training",
                            "wait-upstream-training",
                            "upstream-training",
                            "wait-upstream-training",
                            "upstream-training",
                            "wait-upstream-training",
                            "upstream-training",
                            "trigger-training");
        } finally {
            TestEngine.UPSTREAM.held.clear();
        }
    }

    @Test
    void slightAccuracyDropSendsReleaseToHumanReviewWhichCanAdvanceIt() {
        ReleaseDriver release = release("low").throughTraining(0.915, 120, 0.92);

        assertThat(release.variable(GATE_OUTCOME)).isEqualTo("review");
        assertThat(release.variable(GATE_REASON)).asString().contains("slightly below");
        assertThat(candidateGroups(release, "review-validation")).containsExactly("ml-engineers");

        release.completeTask(
                "review-validation",
                Map.of(VALIDATION_DECISION, "advance", VALIDATION_RATIONALE, "within noise"));

        assertThat(release.activeActivities()).contains("risk-review");
        assertThat(release.path())
                .containsSubsequence(
                        "gate-outcome",
                        "review-validation",
                        "review-decision",
                        "risk-merge",
                        "risk-fork");
    }

    @Test
    void reviewerHaltsReleaseAndOwnerDecidesWhatNext() {
        ReleaseDriver release = release("low").throughTraining(0.915, 120, 0.92);

        release.completeTask(
                "review-validation",
                Map.of(VALIDATION_DECISION, "halt", VALIDATION_RATIONALE, "drift in segment B"));

        assertThat(release.activeActivities()).containsExactly("decide-after-halt");
        assertThat(candidateGroups(release, "decide-after-halt")).containsExactly("fraud-ml");
    }

    @Test
    void gateHaltsOnAccuracyRegressionAndOwnerRetrains() {
        ReleaseDriver release = release("low").throughTraining(0.85, 120, 0.92);

        assertThat(release.variable(GATE_OUTCOME)).isEqualTo("halt");
        assertThat(release.variable(GATE_REASON)).asString().contains("more than 2 points");

        release.completeTask("decide-after-halt", Map.of(HALT_DECISION, "retrain"));

        assertThat(release.activeActivities()).containsExactly("trigger-training");
        assertThat(release.path())
                .containsSubsequence(
                        "promotion-gate",
                        "gate-outcome",
                        "decide-after-halt",
                        "halt-decision",
                        "training-merge",
                        "trigger-training");

        // the second training run is good and the release goes on to risk review
        release.completeExternal(
                        ModelRelease.Topics.TRAINING_TRIGGER, Map.of(TRAINING_RUN_ID, "run-2"))
                .correlate(
                        ModelRelease.Messages.TRAINING_FINISHED,
                        Map.of(ACCURACY, 0.95, LATENCY_P95_MS, 100.0, MODEL_URI, "s3://m/2"))
                .completeExternal(
                        ModelRelease.Topics.VALIDATION_METRICS,
                        Map.of(BASELINE_ACCURACY, 0.92, ACCURACY_DELTA, 0.03));
        assertThat(release.variable(GATE_OUTCOME)).isEqualTo("advance");
        assertThat(release.variable(TRAINING_RUN_ID)).isEqualTo("run-2");
        assertThat(release.activeActivities()).contains("risk-review");
    }

    @Test
    void failedGateGoesOnOnlyThroughAGrantedOverride() {
        ReleaseDriver release = release("low").throughTraining(0.85, 120, 0.92);
        assertThat(release.variable(GATE_OUTCOME)).isEqualTo("halt");

        release.completeTask("decide-after-halt", Map.of(HALT_DECISION, "override"));
        assertThat(release.activeActivities()).containsExactly("override-gate");
        assertThat(release.task("override-gate").getDueDate()).isNotNull();

        // declined: the owner decides again
        release.completeTask(
                "override-gate",
                Map.of(
                        OVERRIDE_DECISION,
                        "decline",
                        OVERRIDE_REASON,
                        "regression is too large for fraud"));
        assertThat(release.activeActivities()).containsExactly("decide-after-halt");

        release.completeTask("decide-after-halt", Map.of(HALT_DECISION, "override"));
        release.completeTask(
                "override-gate",
                Map.of(
                        OVERRIDE_DECISION,
                        "approve",
                        OVERRIDE_REASON,
                        "holiday traffic model, accepted by risk",
                        OVERRIDE_EXPIRY,
                        "2026-12-20"));

        assertThat(release.activeActivities()).contains("risk-review");
        assertThat(release.path())
                .containsSubsequence(
                        "promotion-gate",
                        "decide-after-halt",
                        "halt-decision",
                        "override-gate",
                        "override-gate-decision",
                        "decide-after-halt",
                        "halt-decision",
                        "override-gate",
                        "override-gate-decision",
                        "risk-merge",
                        "risk-review");
        assertThat(release.variable(OVERRIDE_REASON))
                .isEqualTo("holiday traffic model, accepted by risk");
        assertThat(release.variable(OVERRIDE_EXPIRY)).isEqualTo("2026-12-20");
    }

    @Test
    void grantedFreezeOverrideLetsAWaitingDeployGoAtOnceAndADeclinedOneKeepsItWaiting() {
        ClockUtil.setCurrentTime(Date.from(SATURDAY));
        ReleaseDriver release =
                approvedByRisk(release("low").throughTraining(0.93, 120, 0.92))
                        .completeTask(
                                "deploy-approval",
                                Map.of(DEPLOY_DECISION, "go", DEPLOY_NOTE, "ready"));
        Date monday = release.timer("wait-release-window").getDuedate();
        assertThat(monday.toInstant()).isAfter(SATURDAY.plus(java.time.Duration.ofDays(1)));

        release.correlate(
                ModelRelease.Messages.FREEZE_OVERRIDE_REQUESTED,
                Map.of(
                        OVERRIDE_REQUESTED_BY,
                        "mel",
                        OVERRIDE_REQUEST_REASON,
                        "fraud spike needs the new model"));
        assertThat(release.activeActivities()).contains("wait-release-window", "override-freeze");
        release.completeTask(
                "override-freeze",
                Map.of(OVERRIDE_DECISION, "decline", OVERRIDE_REASON, "can wait for Monday"));
        assertThat(release.activeActivities()).containsExactly("wait-release-window");
        assertThat(release.timer("wait-release-window").getDuedate()).isEqualTo(monday);

        release.correlate(
                ModelRelease.Messages.FREEZE_OVERRIDE_REQUESTED,
                Map.of(OVERRIDE_REQUEST_REASON, "chargebacks doubled"));
        release.completeTask(
                "override-freeze",
                Map.of(
                        OVERRIDE_DECISION,
                        "approve",
                        OVERRIDE_REASON,
                        "losses exceed the freeze's risk",
                        OVERRIDE_EXPIRY,
                        "2026-12-06"));

        assertThat(release.timer("wait-release-window").getDuedate().toInstant())
                .isEqualTo(SATURDAY);
        assertThat(release.variable(FREEZE_OVERRIDE_UNTIL))
                .isEqualTo(Date.from(java.time.Instant.parse("2026-12-07T00:00:00Z")));
        release.fireTimer("wait-release-window");
        assertThat(release.activeActivities()).containsExactly("deploy");
        assertThat(release.path())
                .containsSubsequence(
                        "freeze-override-requested",
                        "override-freeze",
                        "freeze-override-decision",
                        "freeze-lifted");
    }

    @Test
    void gateHaltsOnLatencyAndOwnerStopsReleaseWithReason() {
        ReleaseDriver release = release("low").throughTraining(0.95, 640, 0.92);

        assertThat(release.variable(GATE_OUTCOME)).isEqualTo("halt");
        assertThat(release.variable(GATE_REASON)).asString().contains("500 ms");

        release.completeTask(
                "decide-after-halt",
                Map.of(HALT_DECISION, "stop", STOP_REASON, "latency needs a new architecture"));

        assertThat(release.ended()).isTrue();
        assertThat(release.path()).endsWith("release-stopped");
        assertThat(release.variable(RELEASE_OUTCOME)).isEqualTo("stopped");
        assertThat(release.variable(STOP_REASON)).isEqualTo("latency needs a new architecture");
    }

    @Test
    void highRiskModelNeedsPrivacyComplianceAndSecuritySignoffsBeforeDeploy() {
        ReleaseDriver release =
                ReleaseDriver.start(engine, "high", "staging").throughTraining(0.95, 100, 0.92);

        assertThat(release.variable(REQUIRED_SIGNOFFS))
                .asList()
                .containsExactlyInAnyOrder("privacy", "compliance", "security");
        assertThat(release.tasks("signoff"))
                .extracting(t -> t.getName())
                .containsExactlyInAnyOrder(
                        "Sign-off: privacy", "Sign-off: compliance", "Sign-off: security");
        assertThat(release.tasks("signoff"))
                .flatExtracting(t -> groupsOf(t.getId()))
                .containsExactlyInAnyOrder(
                        "privacy-reviewers", "compliance-reviewers", "security-reviewers");

        approvedByRisk(release);
        assertThat(release.activeActivities()).doesNotContain("deploy-approval");
        for (var task : release.tasks("signoff")) {
            engine.getTaskService()
                    .complete(
                            task.getId(),
                            Map.of(SIGNOFF_DECISION, "approve", SIGNOFF_COMMENT, "ok"));
        }

        assertThat(release.activeActivities()).containsExactly("deploy-approval");
    }

    @Test
    void mediumRiskModelNeedsOnlyPrivacySignoff() {
        ReleaseDriver release =
                ReleaseDriver.start(engine, "medium", "staging").throughTraining(0.95, 100, 0.92);

        assertThat(release.variable(REQUIRED_SIGNOFFS)).asList().containsExactly("privacy");
    }

    @Test
    void rejectedSignoffRejectsReleaseEvenWhenRiskApproves() {
        ReleaseDriver release =
                ReleaseDriver.start(engine, "high", "staging").throughTraining(0.95, 100, 0.92);
        approvedByRisk(release);

        var privacy =
                release.tasks("signoff").stream()
                        .filter(t -> t.getName().endsWith("privacy"))
                        .findFirst()
                        .orElseThrow();
        engine.getTaskService()
                .complete(
                        privacy.getId(),
                        Map.of(SIGNOFF_DECISION, "reject", SIGNOFF_COMMENT, "PII in features"));

        assertThat(release.ended()).isTrue();
        assertThat(release.tasks("signoff")).isEmpty();
        assertThat(release.path()).endsWith("release-rejected");
        assertThat(release.variable(RELEASE_OUTCOME)).isEqualTo("rejected");
        assertThat(release.variable(SIGNOFF_COMMENT)).isEqualTo("PII in features");
    }

    @Test
    void riskOfficerRequestingChangesSendsReleaseBackToTraining() {
        ReleaseDriver release = release("low").throughTraining(0.95, 100, 0.92);

        release.completeTask(
                "risk-review",
                Map.of(RISK_DECISION, "changes", RISK_RATIONALE, "add fairness report"));

        assertThat(release.activeActivities()).containsExactly("trigger-training");
        assertThat(release.path())
                .containsSubsequence(
                        "risk-review",
                        "risk-join",
                        "risk-outcome",
                        "training-merge",
                        "trigger-training");
        assertThat(release.variable(RISK_RATIONALE)).isEqualTo("add fairness report");
    }

    @Test
    void riskOfficerRejectingCancelsReleaseWithReason() {
        ReleaseDriver release = release("low").throughTraining(0.95, 100, 0.92);

        release.completeTask(
                "risk-review",
                Map.of(RISK_DECISION, "reject", RISK_RATIONALE, "use case not approved"));

        assertThat(release.ended()).isTrue();
        assertThat(release.path()).endsWith("release-rejected");
        assertThat(release.variable(RELEASE_OUTCOME)).isEqualTo("rejected");
        assertThat(release.variable(RISK_RATIONALE)).isEqualTo("use case not approved");
    }

    @Test
    void missingDataFeedOpensTaskForDataTeamAndChecksAgain() {
        ReleaseDriver release = release("low");

        release.failExternalWithBpmnError(
                ModelRelease.Topics.DATA_READINESS,
                ModelRelease.Errors.DATA_FEED_MISSING,
                Map.of(MISSING_FEEDS, "chargebacks"));

        assertThat(release.activeActivities()).containsExactly("resolve-data-feeds");
        assertThat(candidateGroups(release, "resolve-data-feeds"))
                .containsExactly("data-engineers");
        assertThat(release.variable(MISSING_FEEDS)).isEqualTo("chargebacks");

        release.completeTask(
                "resolve-data-feeds",
                Map.of(DATA_FEEDS, "transactions,chargebacks-v2", DATA_RESOLUTION, "feed renamed"));
        assertThat(release.activeActivities()).containsExactly("check-data-feeds");

        release.completeExternal(ModelRelease.Topics.DATA_READINESS, Map.of());
        assertThat(release.activeActivities()).containsExactly("wait-data-ready");
        assertThat(release.path())
                .containsSubsequence(
                        "check-data-feeds",
                        "data-feed-missing",
                        "resolve-data-feeds",
                        "data-check-merge",
                        "check-data-feeds",
                        "wait-data-ready");
    }

    @Test
    void overdueDataEscalatesToDataTeamWithoutCancellingTheWait() {
        ReleaseDriver release =
                release("low").completeExternal(ModelRelease.Topics.DATA_READINESS, Map.of());

        // planned duration of the wait is P3D
        assertThat(release.timer("data-ready-overdue").getDuedate())
                .isEqualTo(Date.from(WEDNESDAY_MORNING.plus(3, ChronoUnit.DAYS)));
        release.fireTimer("data-ready-overdue");

        assertThat(release.activeActivities())
                .containsExactlyInAnyOrder("wait-data-ready", "resolve-data-blocker");
        release.completeTask(
                "resolve-data-blocker", Map.of(DATA_BLOCKER_NOTE, "upstream job restarted"));
        assertThat(release.activeActivities()).containsExactly("wait-data-ready");

        release.correlate(ModelRelease.Messages.DATA_READY, Map.of());
        assertThat(release.activeActivities()).containsExactly("trigger-training");
        assertThat(release.path())
                .contains("data-ready-overdue", "resolve-data-blocker", "data-blocker-handled");
    }

    @Test
    void overdueTrainingEscalatesToMlEngineersWithoutCancellingTheWait() {
        ReleaseDriver release =
                release("low")
                        .completeExternal(ModelRelease.Topics.DATA_READINESS, Map.of())
                        .correlate(ModelRelease.Messages.DATA_READY, Map.of())
                        .completeExternal(ModelRelease.Topics.TRAINING_TRIGGER, Map.of());

        assertThat(release.timer("training-overdue").getDuedate())
                .isEqualTo(Date.from(WEDNESDAY_MORNING.plus(5, ChronoUnit.DAYS)));
        release.fireTimer("training-overdue");

        assertThat(release.activeActivities())
                .containsExactlyInAnyOrder("wait-training-finished", "resolve-training-delay");
        assertThat(candidateGroups(release, "resolve-training-delay"))
                .containsExactly("ml-engineers");

        release.correlate(
                ModelRelease.Messages.TRAINING_FINISHED,
                Map.of(ACCURACY, 0.9, LATENCY_P95_MS, 90.0, MODEL_URI, "s3://m"));
        assertThat(release.activeActivities())
                .containsExactlyInAnyOrder("compute-validation-metrics", "resolve-training-delay");
        assertThat(release.variable(ACCURACY)).isEqualTo(0.9);
    }

    @Test
    void deployApprovedOnSaturdayWaitsForMondayWindow() {
        ReleaseDriver release = approvedByRisk(release("low").throughTraining(0.95, 100, 0.92));
        ClockUtil.setCurrentTime(Date.from(SATURDAY));

        release.completeTask("deploy-approval", Map.of(DEPLOY_DECISION, "go"));

        assertThat(release.activeActivities()).containsExactly("wait-release-window");
        assertThat(release.timer("wait-release-window").getDuedate())
                .isEqualTo(Date.from(Instant.parse("2026-12-07T09:00:00Z")));
        assertThat(
                        engine.getExternalTaskService()
                                .createExternalTaskQuery()
                                .topicName(ModelRelease.Topics.DEPLOY)
                                .count())
                .isZero();

        release.fireTimer("wait-release-window");
        assertThat(release.activeActivities()).containsExactly("deploy");
    }

    @Test
    void deployApprovedInsideWindowIsDueAtOnce() {
        ReleaseDriver release = approvedByRisk(release("low").throughTraining(0.95, 100, 0.92));

        release.completeTask("deploy-approval", Map.of(DEPLOY_DECISION, "go"));

        assertThat(release.timer("wait-release-window").getDuedate())
                .isEqualTo(Date.from(WEDNESDAY_MORNING));
    }

    @Test
    void noGoAtDeployApprovalEndsReleaseAsDeclined() {
        ReleaseDriver release = approvedByRisk(release("low").throughTraining(0.95, 100, 0.92));

        release.completeTask(
                "deploy-approval",
                Map.of(DEPLOY_DECISION, "no-go", DEPLOY_NOTE, "launch postponed"));

        assertThat(release.ended()).isTrue();
        assertThat(release.path()).endsWith("deploy-declined");
        assertThat(release.variable(RELEASE_OUTCOME)).isEqualTo("declined");
        assertThat(release.variable(DEPLOY_NOTE)).isEqualTo("launch postponed");
    }

    @Test
    void failedPostDeployCheckOpensRollbackThenRetrospective() {
        ReleaseDriver release = approvedByRisk(release("low").throughTraining(0.95, 100, 0.92));
        release.completeTask("deploy-approval", Map.of(DEPLOY_DECISION, "go"))
                .fireTimer("wait-release-window")
                .completeExternal(ModelRelease.Topics.DEPLOY, Map.of(DEPLOYMENT_ID, "dep-9"));
        assertThat(release.timer("monitor-in-production").getDuedate())
                .isEqualTo(Date.from(WEDNESDAY_MORNING.plus(2, ChronoUnit.HOURS)));
        release.fireTimer("monitor-in-production");

        release.failExternalWithBpmnError(
                ModelRelease.Topics.POST_DEPLOY_CHECK,
                ModelRelease.Errors.POST_DEPLOY_CHECK_FAILED,
                Map.of(HEALTH_FINDING, "error rate 7% > 2%"));

        assertThat(release.activeActivities()).containsExactly("roll-back");
        assertThat(candidateGroups(release, "roll-back")).containsExactly("release-managers");
        release.completeTask("roll-back", Map.of(ROLLBACK_NOTE, "previous version restored"));

        assertThat(release.activeActivities()).containsExactly("wait-for-retrospective");
        release.fireTimer("wait-for-retrospective")
                .completeTask(
                        "retrospective",
                        Map.of(
                                RETRO_WENT_WELL,
                                "rollback took 4 minutes",
                                RETRO_SLIPPED,
                                "canary too small",
                                RETRO_ACTIONS,
                                "bigger canary"));
        assertThat(release.ended()).isTrue();
        assertThat(release.variable(RELEASE_OUTCOME)).isEqualTo("rolled-back");
        assertThat(release.variable(HEALTH_FINDING)).isEqualTo("error rate 7% > 2%");
        assertThat(release.path())
                .containsSubsequence(
                        "post-deploy-check",
                        "post-deploy-check-failed",
                        "roll-back",
                        "retrospective-merge",
                        "wait-for-retrospective",
                        "retrospective",
                        "release-completed");
    }

    @Test
    void retrospectiveIsHeldForOwningTeamFourteenDaysAfterDeploy() {
        ReleaseDriver release = approvedByRisk(release("low").throughTraining(0.95, 100, 0.92));
        release.completeTask("deploy-approval", Map.of(DEPLOY_DECISION, "go"))
                .fireTimer("wait-release-window")
                .completeExternal(ModelRelease.Topics.DEPLOY, Map.of())
                .fireTimer("monitor-in-production")
                .completeExternal(ModelRelease.Topics.POST_DEPLOY_CHECK, Map.of());

        assertThat(release.timer("wait-for-retrospective").getDuedate())
                .isEqualTo(Date.from(WEDNESDAY_MORNING.plus(14, ChronoUnit.DAYS)));
        release.fireTimer("wait-for-retrospective");

        assertThat(candidateGroups(release, "retrospective")).containsExactly("fraud-ml");
        assertThat(release.task("retrospective").getDueDate())
                .isEqualTo(Date.from(WEDNESDAY_MORNING.plus(3, ChronoUnit.DAYS)));
    }

    @Test
    void monitoringPeriodAndRetrospectiveDelayCanBeSetPerRelease() {
        ReleaseDriver release = approvedByRisk(release("low").throughTraining(0.95, 100, 0.92));
        engine.getRuntimeService().setVariable(release.instance.getId(), MONITORING_PERIOD, "P1D");
        engine.getRuntimeService()
                .setVariable(release.instance.getId(), RETROSPECTIVE_DELAY, "P7D");

        release.completeTask("deploy-approval", Map.of(DEPLOY_DECISION, "go"))
                .fireTimer("wait-release-window")
                .completeExternal(ModelRelease.Topics.DEPLOY, Map.of());
        assertThat(release.timer("monitor-in-production").getDuedate())
                .isEqualTo(Date.from(WEDNESDAY_MORNING.plus(1, ChronoUnit.DAYS)));
        release.fireTimer("monitor-in-production")
                .completeExternal(ModelRelease.Topics.POST_DEPLOY_CHECK, Map.of());
        assertThat(release.timer("wait-for-retrospective").getDuedate())
                .isEqualTo(Date.from(WEDNESDAY_MORNING.plus(7, ChronoUnit.DAYS)));
    }

    @Test
    void userTasksAreDueAfterTheirPlannedDuration() {
        ReleaseDriver release = release("low").throughTraining(0.95, 100, 0.92);

        // risk-review plannedDuration is P3D
        assertThat(release.task("risk-review").getDueDate())
                .isEqualTo(Date.from(WEDNESDAY_MORNING.plus(3, ChronoUnit.DAYS)));
        assertThat(candidateGroups(release, "risk-review")).containsExactly("risk-officers");
    }

    private List<String> candidateGroups(ReleaseDriver release, String taskKey) {
        return groupsOf(release.task(taskKey).getId());
    }

    private List<String> groupsOf(String taskId) {
        return engine.getTaskService().getIdentityLinksForTask(taskId).stream()
                .filter(link -> "candidate".equals(link.getType()))
                .map(IdentityLink::getGroupId)
                .toList();
    }
}
