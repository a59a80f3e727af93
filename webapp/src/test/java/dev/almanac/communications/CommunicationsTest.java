package dev.almanac.communications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.almanac.capacity.CapacityConflictDetected;
import dev.almanac.communications.notices.Dispatcher;
import dev.almanac.communications.notices.NoticeScans;
import dev.almanac.communications.notices.NoticeTexts;
import dev.almanac.communications.notices.Notices;
import dev.almanac.communications.stakeholders.Stakeholders;
import dev.almanac.governance.DecisionKind;
import dev.almanac.governance.DecisionLog;
import dev.almanac.planning.Lane;
import dev.almanac.planning.PlanningCatalog;
import dev.almanac.planning.RiskTier;
import dev.almanac.planning.Windows;
import dev.almanac.processes.ModelRelease;
import dev.almanac.processes.ReleaseDriver;
import dev.almanac.projection.Capacity;
import dev.almanac.projection.WindowKind;
import dev.almanac.projection.WindowScope;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.Releases;
import dev.almanac.schedule.MilestoneSlipped;
import dev.almanac.schedule.Slips;
import dev.almanac.support.TestAccounts;
import dev.almanac.support.WebhookReceiver;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.identity.Group;
import org.operaton.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

// one application context for every test class: the engine-rest API finds its engine by name,
// JVM-wide
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class CommunicationsTest {

    @RegisterExtension
    static GreenMailExtension mail =
            new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);

    static WebhookReceiver webhooks;

    @Autowired Notices notices;
    @Autowired Dispatcher dispatcher;
    @Autowired NoticeScans triggers;
    @Autowired Stakeholders stakeholders;
    @Autowired Releases releases;
    @Autowired ReleaseQueries releaseQueries;
    @Autowired IdentityService identity;
    @Autowired dev.almanac.governance.OverrideRequests overrideRequests;
    @Autowired ProcessEngine engine;
    @Autowired Slips slips;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired PlanningCatalog catalog;
    @Autowired Windows windows;
    @Autowired DecisionLog decisions;
    @Autowired MockMvc mvc;

    String run;
    String model;
    String key;
    String owner;
    String consumer;
    String approver;
    String boss;
    String leaders;

    @BeforeAll
    static void receiver() throws Exception {
        webhooks = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        webhooks.close();
    }

    @BeforeEach
    void stakeholdersOfAFreshModel() {
        TestAccounts.ensure(identity);
        webhooks.answer(200);
        run = UUID.randomUUID().toString().substring(0, 6);
        model = "comms-" + run;
        owner = person("own-" + run, "own-" + run + "@almanac.test");
        consumer = person("con-" + run, null);
        approver = person("appr-" + run, "appr-" + run + "@almanac.test");
        boss = person("boss-" + run, "boss-" + run + "@almanac.test");
        leaders = "lead-" + run;
        Group group = identity.newGroup(leaders);
        group.setName("Leadership " + run);
        identity.saveGroup(group);
        identity.createMembership(boss, leaders);
        key = plan(model, "1");
        add(owner, "USER", StakeholderRole.OWNER, Set.of(Channel.EMAIL, Channel.IN_APP), null);
        add(consumer, "USER", StakeholderRole.CONSUMER, Set.of(Channel.IN_APP), null);
        add(approver, "USER", StakeholderRole.APPROVER, Set.of(Channel.EMAIL), null);
        add(
                leaders,
                "GROUP",
                StakeholderRole.LEADERSHIP,
                Set.of(Channel.WEBHOOK, Channel.IN_APP),
                webhooks.url("/leaders-" + run));
    }

    private String person(String id, String email) {
        User user = identity.newUser(id);
        user.setEmail(email);
        user.setPassword(TestAccounts.PASSWORD);
        identity.saveUser(user);
        return id;
    }

    private void add(
            String party,
            String kind,
            StakeholderRole role,
            Set<Channel> channels,
            String webhook) {
        stakeholders.add(
                new NewStakeholder("MODEL", model, kind, party, role, channels, null, webhook));
    }

    private String plan(String modelKey, String version) {
        return releases.plan(
                        new NewRelease(
                                modelKey,
                                version,
                                Lane.PRODUCTION,
                                RiskTier.LOW,
                                "fraud-ml",
                                java.time.LocalDate.now().plusDays(60),
                                "transactions, chargebacks"),
                        "rita")
                .key();
    }

    private ReleaseDriver driver(String releaseKey) {
        return ReleaseDriver.of(
                engine,
                releaseQueries.plannedRelease(releaseKey).orElseThrow().processInstanceId());
    }

    private Dispatcher.Round dispatch() {
        return dispatcher.dispatch("test-node", Instant.now().plusSeconds(1));
    }

    private List<MimeMessage> mailTo(String address) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(
                        m -> {
                            try {
                                return Arrays.stream(m.getAllRecipients())
                                        .anyMatch(a -> a.toString().equals(address));
                            } catch (jakarta.mail.MessagingException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                .toList();
    }

    private List<Notices.Sent> delivered(String sourcePrefix) {
        return notices.deliveriesOfPrefix(sourcePrefix);
    }

    private static String hmac(String secret, String text) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(
                new javax.crypto.spec.SecretKeySpec(
                        secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of()
                .formatHex(mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private void assertSigned(WebhookReceiver.Received received) throws Exception {
        assertThat(received.header("X-Almanac-Signature"))
                .isEqualTo(
                        "sha256="
                                + hmac(
                                        "test-notice-secret",
                                        received.header("X-Almanac-Timestamp")
                                                + "."
                                                + received.body()));
    }

    @Test
    void approvalNeededReachesTheTasksGroupInAlmanacAndTheApproverByEmailWithLinkAndDueDate()
            throws Exception {
        ReleaseDriver release = driver(key).throughTraining(0.95, 100, 0.92);
        String taskId = release.task("risk-review").getId();

        List<Notices.Sent> sent = notices.deliveriesOf("approval-needed:" + taskId);
        assertThat(sent)
                .extracting(s -> s.recipient() + "/" + s.channel())
                .contains("oscar/IN_APP", approver + "/EMAIL")
                .doesNotContain(consumer + "/IN_APP", owner + "/EMAIL");
        dispatch();

        List<MimeMessage> received = mailTo(approver + "@almanac.test");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject())
                .isEqualTo(
                        "[Almanac] Risk review needed for "
                                + key
                                + " (due "
                                + NoticeTexts.format(
                                        release.task("risk-review").getDueDate().toInstant(),
                                        java.time.ZoneId.of("UTC"))
                                + ")");
        assertThat(GreenMailUtil.getBody(received.get(0)))
                .contains("/operaton/app/tasklist/default/#/?task=" + taskId)
                .contains("risk-officers");
        assertThat(notices.inbox("oscar", 50))
                .extracting(s -> s.notice().subject())
                .anyMatch(s -> s.startsWith("Risk review needed for " + key));
    }

    @Test
    void aSlipGoesToOwnerConsumerAndLeadershipWithItsCauseSignedOnTheWebhook() throws Exception {
        Instant before = Instant.now().plus(Duration.ofDays(10));
        slips.record(
                List.of(
                        new MilestoneSlipped(
                                key,
                                "Training",
                                before,
                                before.plus(Duration.ofDays(3)),
                                before.plus(Duration.ofDays(2)),
                                true,
                                "upstream recsys-embeddings-9: Deploy model (Deploy)")),
                null);

        List<Notices.Sent> sent = delivered("milestone-slipped:" + key);
        assertThat(sent)
                .extracting(s -> s.recipient() + "/" + s.channel())
                .containsExactlyInAnyOrder(
                        owner + "/EMAIL",
                        owner + "/IN_APP",
                        consumer + "/IN_APP",
                        "group:" + leaders + "/WEBHOOK",
                        boss + "/IN_APP");
        dispatch();

        assertThat(mailTo(owner + "@almanac.test"))
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.getSubject())
                                    .isEqualTo(
                                            "[Almanac] Training of "
                                                    + key
                                                    + " slipped 3.0 days, past its target");
                            assertThat(GreenMailUtil.getBody(m))
                                    .contains(
                                            "Cause: upstream recsys-embeddings-9: Deploy model (Deploy).");
                        });
        assertThat(mailTo(approver + "@almanac.test")).isEmpty();
        List<WebhookReceiver.Received> hooks = webhooks.at("/leaders-" + run);
        assertThat(hooks).hasSize(1);
        assertSigned(hooks.get(0));
        assertThat(hooks.get(0).body())
                .contains("\"type\":\"milestone-slipped\"")
                .contains("\"release\":\"" + key + "\"")
                .contains("upstream recsys-embeddings-9");
        assertThat(notices.inbox(consumer, 10))
                .extracting(s -> s.notice().subject())
                .contains("Training of " + key + " slipped 3.0 days, past its target");
    }

    @Test
    void aCapacityConflictGoesToOwnersAndLeadershipOfTheReleasesInIt() {
        Instant start =
                Instant.now()
                        .plus(Duration.ofDays(20))
                        .truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        tx.executeWithoutResult(
                s ->
                        events.publishEvent(
                                new CapacityConflictDetected(
                                        new Capacity.Conflict(
                                                "gpus-" + run,
                                                "over-allocated",
                                                start,
                                                start.plus(Duration.ofDays(2)),
                                                40,
                                                32,
                                                List.of(key)))));

        List<Notices.Sent> sent = delivered("capacity-conflict:gpus-" + run);
        assertThat(sent)
                .extracting(s -> s.recipient() + "/" + s.channel())
                .contains(owner + "/EMAIL", "group:" + leaders + "/WEBHOOK")
                .doesNotContain(consumer + "/IN_APP", approver + "/EMAIL");
        assertThat(sent.get(0).notice().body())
                .contains("gpus-" + run + " is over-allocated")
                .contains("40.0 booked of 32.0")
                .contains(key);
    }

    @Test
    void aHaltedGateTellsWithReasonAndMetricsAndAnOverrideGoesToLeadershipAndTheLog()
            throws Exception {
        ReleaseDriver release = driver(key).throughTraining(0.85, 120, 0.92);

        List<Notices.Sent> halted = delivered("gate-halted:" + key);
        assertThat(halted)
                .extracting(s -> s.recipient() + "/" + s.channel())
                .contains(owner + "/EMAIL", approver + "/EMAIL")
                .doesNotContain(consumer + "/IN_APP");
        assertThat(halted.get(0).notice().body())
                .contains("more than 2 points")
                .contains("accuracy 0.85")
                .contains("accuracyDelta -0.07,")
                .contains("baselineAccuracy 0.92")
                .contains("latencyP95Ms 120");
        assertThat(decisions.ofRelease(key))
                .anySatisfy(
                        e -> {
                            assertThat(e.kind()).isEqualTo(DecisionKind.GATE);
                            assertThat(e.outcome()).isEqualTo("halt");
                            assertThat(e.basis()).contains("\"accuracy\":0.85");
                        });

        complete(
                release,
                "decide-after-halt",
                "mel",
                Map.of(ModelRelease.Variables.HALT_DECISION, "override"));
        // an override without a reason is refused and changes nothing
        assertThatThrownBy(
                        () ->
                                complete(
                                        release,
                                        "override-gate",
                                        "ray",
                                        Map.of(
                                                ModelRelease.Variables.OVERRIDE_DECISION,
                                                "approve",
                                                ModelRelease.Variables.OVERRIDE_REASON,
                                                " ",
                                                ModelRelease.Variables.OVERRIDE_EXPIRY,
                                                "2099-01-01")))
                .hasRootCauseInstanceOf(dev.almanac.governance.OverrideRefused.class)
                .hasMessageContaining("An override needs a reason");
        assertThat(release.activeActivities()).containsExactly("override-gate");
        // whoever asked for it cannot grant it
        assertThatThrownBy(
                        () ->
                                complete(
                                        release,
                                        "override-gate",
                                        "mel",
                                        Map.of(
                                                ModelRelease.Variables.OVERRIDE_DECISION,
                                                "approve",
                                                ModelRelease.Variables.OVERRIDE_REASON,
                                                "we accept the regression",
                                                ModelRelease.Variables.OVERRIDE_EXPIRY,
                                                "2099-01-01")))
                .hasRootCauseInstanceOf(dev.almanac.governance.FourEyesViolation.class)
                .hasMessageContaining("mel asked for this override");

        complete(
                release,
                "override-gate",
                "ray",
                Map.of(
                        ModelRelease.Variables.OVERRIDE_DECISION,
                        "approve",
                        ModelRelease.Variables.OVERRIDE_REASON,
                        "seasonal drift, risk accepted by the CRO",
                        ModelRelease.Variables.OVERRIDE_EXPIRY,
                        "2099-01-01"));

        assertThat(release.activeActivities()).contains("risk-review");
        List<Notices.Sent> overridden = delivered("override-granted:");
        assertThat(overridden)
                .filteredOn(s -> key.equals(s.notice().releaseKey()))
                .extracting(s -> s.recipient() + "/" + s.channel())
                .containsExactlyInAnyOrder("group:" + leaders + "/WEBHOOK", boss + "/IN_APP");
        assertThat(decisions.ofRelease(key))
                .anySatisfy(
                        e -> {
                            assertThat(e.kind()).isEqualTo(DecisionKind.OVERRIDE);
                            assertThat(e.decidedBy()).isEqualTo("ray");
                            assertThat(e.rationale())
                                    .isEqualTo("seasonal drift, risk accepted by the CRO");
                            assertThat(e.outcome())
                                    .isEqualTo("override granted until 2099-01-02T00:00:00Z");
                        });
    }

    private void complete(
            ReleaseDriver release, String task, String as, Map<String, Object> variables) {
        // as the system, with the person as assignee: the procedure's governance is under test
        // here, not who may work on the task (AuthorizationMatrix, FourEyesPathsTest)
        String id = release.task(task).getId();
        engine.getTaskService().setAssignee(id, as);
        engine.getTaskService().complete(id, variables);
    }

    @Test
    void fourEyesBlocksTheRequesterAndWhoeverLastChangedThePlanFromApprovingItsGates() {
        ReleaseDriver release = driver(key).throughTraining(0.95, 100, 0.92);

        assertThatThrownBy(
                        () ->
                                complete(
                                        release,
                                        "risk-review",
                                        "rita",
                                        Map.of(
                                                ModelRelease.Variables.RISK_DECISION,
                                                "approve",
                                                ModelRelease.Variables.RISK_RATIONALE,
                                                "fine")))
                .hasRootCauseInstanceOf(dev.almanac.governance.FourEyesViolation.class)
                .hasRootCauseMessage(
                        "Four-eyes: rita requested release "
                                + key
                                + " and cannot also decide 'Risk review'. Someone else in the task's group must decide it.");
        assertThat(release.activeActivities()).contains("risk-review");

        releases.replan(
                key,
                new Releases.ReleaseChange(
                        Lane.PRODUCTION,
                        RiskTier.LOW,
                        "fraud-ml",
                        java.time.LocalDate.now().plusDays(61)),
                "oscar");
        assertThatThrownBy(
                        () ->
                                complete(
                                        release,
                                        "risk-review",
                                        "oscar",
                                        Map.of(
                                                ModelRelease.Variables.RISK_DECISION,
                                                "approve",
                                                ModelRelease.Variables.RISK_RATIONALE,
                                                "fine")))
                .hasRootCauseInstanceOf(dev.almanac.governance.FourEyesViolation.class)
                .hasMessageContaining("oscar last changed the plan of release " + key);

        complete(
                release,
                "risk-review",
                "olga-" + run,
                Map.of(
                        ModelRelease.Variables.RISK_DECISION,
                        "approve",
                        ModelRelease.Variables.RISK_RATIONALE,
                        "bias tests pass"));
        assertThat(release.activeActivities()).contains("deploy-approval");
        assertThat(decisions.ofRelease(key))
                .anySatisfy(
                        e -> {
                            assertThat(e.kind()).isEqualTo(DecisionKind.APPROVAL);
                            assertThat(e.subject()).isEqualTo("Risk review");
                            assertThat(e.decidedBy()).isEqualTo("olga-" + run);
                            assertThat(e.rationale()).isEqualTo("bias tests pass");
                            assertThat(e.basis()).contains("\"accuracy\":0.95").contains("\"due\"");
                        });
    }

    @Test
    void aFreezeOverrideIsAskedForOnTheReleaseAndGrantedOnlyBySomeoneElseWithAReasonAndAnExpiry()
            throws Exception {
        ReleaseDriver release = driver(key).throughTraining(0.95, 100, 0.92);
        assertThatThrownBy(() -> releases.requestFreezeOverride(key, "mel", "fraud spike"))
                .hasMessage(
                        "Release "
                                + key
                                + " is not waiting for a release window; there is no freeze to override.");
        complete(
                release,
                "risk-review",
                "oscar",
                Map.of(
                        ModelRelease.Variables.RISK_DECISION,
                        "approve",
                        ModelRelease.Variables.RISK_RATIONALE,
                        "ok"));
        complete(
                release,
                "deploy-approval",
                "ray",
                Map.of(
                        ModelRelease.Variables.DEPLOY_DECISION,
                        "go",
                        ModelRelease.Variables.DEPLOY_NOTE,
                        "go"));
        assertThat(release.activeActivities()).containsExactly("wait-release-window");
        assertThatThrownBy(() -> releases.requestFreezeOverride(key, "mel", " "))
                .hasMessageContaining("Say why");

        mvc.perform(get("/releases/{k}/governance", key).with(user("mel")))
                .andExpect(
                        content()
                                .string(
                                        org.hamcrest.Matchers.containsString(
                                                "Ask for a freeze override")));
        mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                        "/releases/{k}/freeze-override", key)
                                .param("reason", "chargebacks doubled overnight")
                                .with(
                                        dev.almanac.support.SignedIn.as(
                                                "mel", "ml-engineers", "fraud-ml"))
                                .with(
                                        org.springframework.security.test.web.servlet.request
                                                .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(release.activeActivities()).contains("wait-release-window", "override-freeze");
        assertThat(overrideRequests.lastRequester(key, "freeze")).contains("mel");
        mvc.perform(get("/releases/{k}/governance", key).with(user("mel")))
                .andExpect(
                        content()
                                .string(
                                        org.hamcrest.Matchers.containsString(
                                                "A freeze override request waits for release managers")));
        assertThatThrownBy(() -> releases.requestFreezeOverride(key, "dana", "me too"))
                .hasMessage(
                        "Release "
                                + key
                                + " already has a freeze override request waiting for release managers.");
        assertThatThrownBy(
                        () ->
                                complete(
                                        release,
                                        "override-freeze",
                                        "mel",
                                        Map.of(
                                                ModelRelease.Variables.OVERRIDE_DECISION,
                                                "approve",
                                                ModelRelease.Variables.OVERRIDE_REASON,
                                                "I asked, I grant",
                                                ModelRelease.Variables.OVERRIDE_EXPIRY,
                                                "2099-01-01")))
                .hasRootCauseInstanceOf(dev.almanac.governance.FourEyesViolation.class);
        assertThatThrownBy(
                        () ->
                                complete(
                                        release,
                                        "override-freeze",
                                        "ray",
                                        Map.of(
                                                ModelRelease.Variables.OVERRIDE_DECISION,
                                                "approve",
                                                ModelRelease.Variables.OVERRIDE_REASON,
                                                "losses exceed the freeze's risk",
                                                ModelRelease.Variables.OVERRIDE_EXPIRY,
                                                "2020-01-01")))
                .hasRootCauseInstanceOf(dev.almanac.governance.OverrideRefused.class)
                .hasMessageContaining("has passed");

        complete(
                release,
                "override-freeze",
                "ray",
                Map.of(
                        ModelRelease.Variables.OVERRIDE_DECISION,
                        "approve",
                        ModelRelease.Variables.OVERRIDE_REASON,
                        "losses exceed the freeze's risk",
                        ModelRelease.Variables.OVERRIDE_EXPIRY,
                        "2099-01-01"));

        assertThat(release.timer("wait-release-window").getDuedate().toInstant())
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(delivered("override-granted:"))
                .filteredOn(s -> key.equals(s.notice().releaseKey()))
                .first()
                .satisfies(
                        s ->
                                assertThat(s.notice().subject())
                                        .isEqualTo("ray overrode the freeze for " + key));
        assertThat(decisions.ofRelease(key))
                .anySatisfy(
                        e -> {
                            assertThat(e.kind()).isEqualTo(DecisionKind.OVERRIDE);
                            assertThat(e.subject()).isEqualTo("Override freeze");
                            assertThat(e.rationale()).isEqualTo("losses exceed the freeze's risk");
                        });
    }

    @Test
    void freezesStartingAndEndingAreToldOnceToTheStakeholdersOfWhatTheyFreeze() {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
        var ended =
                windows.saveWindow(
                        null,
                        new Windows.WindowChange(
                                "Audit freeze " + run,
                                WindowKind.FREEZE,
                                now.minusHours(30),
                                now.minusHours(2),
                                java.time.ZoneId.of("UTC"),
                                null,
                                WindowScope.MODEL,
                                model,
                                null),
                        "rita");
        var started =
                windows.saveWindow(
                        null,
                        new Windows.WindowChange(
                                "Holiday freeze " + run,
                                WindowKind.FREEZE,
                                now.minusHours(1),
                                now.plusHours(3),
                                java.time.ZoneId.of("UTC"),
                                null,
                                WindowScope.MODEL,
                                model,
                                null),
                        "rita");
        try {
            triggers.freezes(Instant.now());
            triggers.freezes(Instant.now());

            List<Notices.Sent> end = delivered("freeze-ended:" + ended.id() + ":");
            List<Notices.Sent> start = delivered("freeze-started:" + started.id() + ":");
            assertThat(end)
                    .extracting(s -> s.recipient() + "/" + s.channel())
                    .containsExactlyInAnyOrder(
                            owner + "/EMAIL", owner + "/IN_APP", consumer + "/IN_APP");
            assertThat(end.get(0).notice().subject())
                    .isEqualTo("Freeze ended: Audit freeze " + run);
            assertThat(start).hasSize(3);
            assertThat(start.get(0).notice().body()).contains("holds deploys of model " + model);
            assertThat(delivered("freeze-started:" + ended.id() + ":")).isEmpty();
        } finally {
            windows.deleteWindow(ended.id());
            windows.deleteWindow(started.id());
        }
    }

    @Test
    void anOverdueTaskIsToldOnceToItsGroupAndTheOwner() {
        ReleaseDriver release = driver(key).throughTraining(0.95, 100, 0.92);
        String taskId = release.task("risk-review").getId();

        triggers.overdue(Instant.now().plus(Duration.ofDays(30)));
        triggers.overdue(Instant.now().plus(Duration.ofDays(31)));

        List<Notices.Sent> sent = notices.deliveriesOf("task-overdue:" + taskId);
        assertThat(sent)
                .extracting(s -> s.recipient() + "/" + s.channel())
                .contains("oscar/IN_APP", owner + "/EMAIL", approver + "/EMAIL")
                .doesNotContain(consumer + "/IN_APP");
        assertThat(sent.get(0).notice().subject())
                .isEqualTo("Risk review for " + key + " is overdue");
        assertThat(sent.get(0).notice().body()).contains("nobody has claimed it");
    }

    @Test
    void deployAndRollbackAreToldAndCompletedStepsWaitForTheDigestByDefault() {
        ReleaseDriver release = driver(key).throughTraining(0.95, 100, 0.92);
        complete(
                release,
                "risk-review",
                "oscar",
                Map.of(
                        ModelRelease.Variables.RISK_DECISION,
                        "approve",
                        ModelRelease.Variables.RISK_RATIONALE,
                        "ok"));
        complete(
                release,
                "deploy-approval",
                "ray",
                Map.of(
                        ModelRelease.Variables.DEPLOY_DECISION,
                        "go",
                        ModelRelease.Variables.DEPLOY_NOTE,
                        "go"));
        release.fireTimer("wait-release-window")
                .completeExternal(
                        ModelRelease.Topics.DEPLOY,
                        Map.of(ModelRelease.Variables.DEPLOYMENT_ID, "dep-" + run))
                .fireTimer("monitor-in-production")
                .failExternalWithBpmnError(
                        ModelRelease.Topics.POST_DEPLOY_CHECK,
                        ModelRelease.Errors.POST_DEPLOY_CHECK_FAILED,
                        Map.of(ModelRelease.Variables.HEALTH_FINDING, "error rate 4%"));

        List<Notices.Sent> deployed = delivered("release-deployed:");
        assertThat(deployed)
                .filteredOn(s -> key.equals(s.notice().releaseKey()))
                .extracting(s -> s.recipient() + "/" + s.channel())
                .contains(owner + "/EMAIL", consumer + "/IN_APP", "group:" + leaders + "/WEBHOOK");
        assertThat(deployed)
                .filteredOn(s -> key.equals(s.notice().releaseKey()))
                .first()
                .satisfies(s -> assertThat(s.notice().body()).contains("deployed as dep-" + run));
        List<Notices.Sent> rollback = delivered("rollback:");
        assertThat(rollback)
                .filteredOn(s -> key.equals(s.notice().releaseKey()))
                .first()
                .satisfies(
                        s -> {
                            assertThat(s.notice().subject())
                                    .isEqualTo("Rollback of " + key + " under way");
                            assertThat(s.notice().body()).contains("error rate 4%");
                        });
        // step-completed is a digest notice unless someone asks for it at once
        // (written just after the step's transaction, on the follow-up threads)
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(delivered("step-completed:" + key + ":deploy:"))
                                        .extracting(s -> s.recipient() + "/" + s.status())
                                        .contains(owner + "/held", consumer + "/held"));
    }

    @Test
    void aNoticeWrittenInATransactionThatRollsBackIsNeverSent() {
        assertThatThrownBy(
                        () ->
                                tx.executeWithoutResult(
                                        s -> {
                                            notices.raise(
                                                    NoticeDraft.about(
                                                            "test-rollback:" + run,
                                                            NoticeType.RELEASE_DEPLOYED,
                                                            key,
                                                            "never",
                                                            "never",
                                                            null,
                                                            Map.of()));
                                            throw new IllegalStateException("the cause fails");
                                        }))
                .hasMessage("the cause fails");

        assertThat(notices.deliveriesOf("test-rollback:" + run)).isEmpty();
    }

    @Test
    void aCrashBetweenCommitAndDeliveryStillDeliversExactlyOncePerRecipient() throws Exception {
        notices.raise(
                NoticeDraft.about(
                        "test-crash:" + run,
                        NoticeType.RELEASE_DEPLOYED,
                        key,
                        key + " deployed (crash test)",
                        "body",
                        null,
                        Map.of()));
        List<Notices.Sent> pending =
                notices.deliveriesOf("test-crash:" + run).stream()
                        .filter(s -> s.status().equals("pending"))
                        .toList();
        assertThat(pending)
                .extracting(Notices.Sent::channel)
                .containsExactlyInAnyOrder(Channel.EMAIL, Channel.WEBHOOK);
        Instant now = Instant.now();
        // node A claims both and dies before sending
        pending.forEach(s -> assertThat(dispatcher.claimOnly(s.id(), "node-a", now)).isTrue());
        // node B finds them claimed while A's lease runs
        dispatcher.dispatch("node-b", now.plusSeconds(30));
        assertThat(mailTo(owner + "@almanac.test")).isEmpty();
        // after the lease node B sends them; more rounds on any node send nothing more
        dispatcher.dispatch("node-b", now.plus(Duration.ofMinutes(3)));
        dispatcher.dispatch("node-a", now.plus(Duration.ofMinutes(4)));
        dispatcher.dispatch("node-b", now.plus(Duration.ofMinutes(5)));

        assertThat(mailTo(owner + "@almanac.test")).hasSize(1);
        assertThat(webhooks.at("/leaders-" + run)).hasSize(1);
        assertThat(webhooks.at("/leaders-" + run).get(0).header("X-Almanac-Delivery"))
                .isEqualTo("test-crash:" + run + "|group:" + leaders + "|WEBHOOK");
        assertThat(notices.deliveriesOf("test-crash:" + run))
                .allSatisfy(s -> assertThat(s.status()).isEqualTo("sent"));
        // raising the same source again writes nothing
        assertThat(
                        notices.raise(
                                NoticeDraft.about(
                                        "test-crash:" + run,
                                        NoticeType.RELEASE_DEPLOYED,
                                        key,
                                        "again",
                                        "again",
                                        null,
                                        Map.of())))
                .isZero();
    }

    @Test
    void aFailingWebhookIsRetriedWithBackOffThenShownOnTheAdminPage() throws Exception {
        webhooks.answer(500);
        notices.raise(
                NoticeDraft.about(
                        "test-failing:" + run,
                        NoticeType.ROLLBACK,
                        key,
                        "Rollback of " + key + " (failing hook)",
                        "body",
                        null,
                        Map.of()));
        Instant now = Instant.now();

        dispatcher.dispatch("node-a", now.plusSeconds(1));
        Notices.Sent afterFirst = hook("test-failing:" + run);
        assertThat(afterFirst.status()).isEqualTo("pending");
        assertThat(afterFirst.attempts()).isEqualTo(1);
        assertThat(afterFirst.lastError())
                .isEqualTo("HTTP 500 from 127.0.0.1: channel_is_archived");
        // not due again until the back-off passed (1 s, then 2 s in the test profile)
        assertThat(afterFirst.nextAttemptAt())
                .isBetween(now.plusMillis(1990), now.plusMillis(2010));
        dispatcher.dispatch("node-a", now.plusSeconds(1).plusMillis(500));
        assertThat(hook("test-failing:" + run).attempts()).isEqualTo(1);
        dispatcher.dispatch("node-a", now.plusSeconds(3));
        dispatcher.dispatch("node-a", now.plusSeconds(10));

        Notices.Sent failed = hook("test-failing:" + run);
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(webhooks.at("/leaders-" + run)).hasSize(3);
        mvc.perform(
                        get("/admin/notices")
                                .with(
                                        user("admin")
                                                .authorities(
                                                        new SimpleGrantedAuthority(
                                                                "GROUP_operaton-admin"))))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        org.hamcrest.Matchers.containsString(
                                                "Rollback of " + key + " (failing hook)")))
                .andExpect(
                        content()
                                .string(
                                        org.hamcrest.Matchers.containsString(
                                                "HTTP 500 from 127.0.0.1: channel_is_archived")));

        webhooks.answer(200);
        notices.retry(failed.id());
        dispatcher.dispatch("node-a", Instant.now().plusSeconds(1));
        assertThat(hook("test-failing:" + run).status()).isEqualTo("sent");
    }

    private Notices.Sent hook(String source) {
        return notices.deliveriesOf(source).stream()
                .filter(s -> s.channel() == Channel.WEBHOOK)
                .findFirst()
                .orElseThrow();
    }
}
