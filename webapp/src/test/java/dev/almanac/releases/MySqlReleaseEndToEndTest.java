package dev.almanac.releases;

import static dev.almanac.processes.ModelRelease.Variables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.processes.ModelRelease;
import dev.almanac.support.MySqlApplicationContext;
import dev.almanac.support.TestAccounts;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A whole release on MySQL/MariaDB through Connector/J: the embedded workers complete the external
 * tasks against a stub platform, the pipeline's messages are correlated, people complete their
 * tasks and the job executor fires the timers, to the end event.
 */
class MySqlReleaseEndToEndTest extends MySqlApplicationContext {

    @Autowired Releases releases;

    @Autowired ReleaseQueries releaseQueries;
    @Autowired IdentityService identity;
    @Autowired dev.almanac.governance.DecisionLog decisions;
    @Autowired dev.almanac.communications.notices.Notices notices;
    @Autowired dev.almanac.communications.releasenotes.ReleaseNotes releaseNotes;
    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void releaseRunsFromPlanToRetrospectiveOnMySql() {
        TestAccounts.ensure(identity);
        String version = "e2e." + System.currentTimeMillis();
        String key = "churn-model-" + version;
        releases.plan(
                new NewRelease(
                        "churn-model",
                        version,
                        Lane.STAGING,
                        RiskTier.LOW,
                        "fraud-ml",
                        LocalDate.now().plusDays(7),
                        "subscriptions,payments"),
                "rita");

        // the data-readiness worker checks both feeds, then the release waits for the data pipeline
        awaitWaiting(key, ModelRelease.Messages.DATA_READY);
        releases.deliver(key, ModelRelease.Messages.DATA_READY, Map.of());

        // the training worker posts the release to the training pipeline, which reports back
        awaitWaiting(key, ModelRelease.Messages.TRAINING_FINISHED);
        releases.deliver(
                key,
                ModelRelease.Messages.TRAINING_FINISHED,
                Map.of(ACCURACY, 0.94, LATENCY_P95_MS, 110.0, MODEL_URI, "s3://m/churn"));

        // the validation worker computes deltas, the promotion gate advances, risk review is open
        completeWhenOpen(
                key,
                "risk-review",
                "oscar",
                Map.of(RISK_DECISION, "approve", RISK_RATIONALE, "standard model"));

        // four-eyes: whoever requested the release cannot approve its gates
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                completeWhenOpen(
                                        key,
                                        "deploy-approval",
                                        "rita",
                                        Map.of(DEPLOY_DECISION, "go", DEPLOY_NOTE, "mine")))
                .hasRootCauseMessage(
                        "Four-eyes: rita requested release "
                                + key
                                + " and cannot also decide 'Approve deployment'. Someone else in the task's group must decide it.");
        // and someone outside the task's group is told whose it is
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                completeWhenOpen(
                                        key,
                                        "deploy-approval",
                                        "dana",
                                        Map.of(DEPLOY_DECISION, "go", DEPLOY_NOTE, "mine")))
                .isInstanceOf(TaskRefused.class)
                .hasMessageContaining("belongs to the group release-managers");
        TestAccounts.person(identity, "rory", "release-managers");
        completeWhenOpen(
                key, "deploy-approval", "rory", Map.of(DEPLOY_DECISION, "go", DEPLOY_NOTE, "go"));
        // window open: deploy worker, monitoring timer, health check worker, retrospective timer
        completeWhenOpen(
                key,
                "retrospective",
                "mel",
                Map.of(RETRO_WENT_WELL, "all", RETRO_SLIPPED, "none", RETRO_ACTIONS, "none"));

        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                releaseQueries.find(key).orElseThrow().summary().progress().status()
                                        == ReleaseProgress.Status.ENDED);
        ReleaseDetail detail = releaseQueries.find(key).orElseThrow();
        assertThat(detail.summary().progress().outcome()).isEqualTo("deployed");
        assertThat(detail.steps())
                .extracting(TakenStep::activityId)
                .containsSubsequence(
                        "check-data-feeds",
                        "wait-data-ready",
                        "trigger-training",
                        "wait-training-finished",
                        "compute-validation-metrics",
                        "promotion-gate",
                        "risk-review",
                        "deploy-approval",
                        "wait-release-window",
                        "deploy",
                        "monitor-in-production",
                        "post-deploy-check",
                        "wait-for-retrospective",
                        "retrospective",
                        "release-completed");
        assertThat(detail.variables())
                .containsEntry(GATE_OUTCOME, "advance")
                .containsEntry(TRAINING_RUN_ID, "run-e2e")
                .containsEntry(DEPLOYMENT_ID, "dep-e2e")
                .containsEntry(HEALTH_FINDING, "error rate 0.2%");
        assertThat(platform.calls)
                .anyMatch(c -> c.startsWith("POST /train") && c.contains(key))
                .anyMatch(c -> c.startsWith("POST /deploy") && c.contains(key))
                .anyMatch(c -> c.startsWith("GET /feeds/payments"));

        // governance on MySQL: the decisions are chained and the database refuses to rewrite them;
        // release notes were drafted
        assertThat(decisions.ofRelease(key))
                .extracting(e -> e.subject() + ": " + e.outcome() + " by " + e.decidedBy())
                .contains(
                        "Promotion gate: advance by decision table promotion-gate",
                        "Risk review: approve by oscar",
                        "Approve deployment: go by rory");
        assertThat(decisions.verify().intact()).as(decisions.verify().problem()).isTrue();
        // the outbox took the notices in the engine's transactions
        assertThat(notices.ofRelease(key))
                .extracting(dev.almanac.communications.notices.Notices.Notice::type)
                .contains("approval-needed", "release-deployed");
        long id = decisions.ofRelease(key).get(0).id();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                jdbc.update(
                                        "UPDATE decision_record SET decided_by = 'mallory' WHERE id = ?",
                                        id))
                .hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> jdbc.update("DELETE FROM decision_record WHERE id = ?", id))
                .hasMessageContaining("append-only");
        await().atMost(Duration.ofSeconds(10)).until(() -> releaseNotes.of(key).isPresent());
        assertThat(releaseNotes.of(key).orElseThrow().markdown())
                .contains("- **Risk review**: approve by oscar")
                .contains("| accuracy | 0.94 |");
    }

    private void awaitWaiting(String key, String message) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> releaseQueries.waitingFor(message).containsKey(key));
    }

    private void completeWhenOpen(
            String key, String step, String user, Map<String, Object> variables) {
        String taskId =
                await().atMost(Duration.ofSeconds(60))
                        .until(
                                () ->
                                        releaseQueries.openTasksOf(key).entrySet().stream()
                                                .filter(e -> e.getValue().equals(step))
                                                .map(Map.Entry::getKey)
                                                .findFirst()
                                                .orElse(null),
                                id -> id != null);
        releases.completeTask(taskId, user, variables);
    }
}
