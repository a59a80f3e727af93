package dev.almanac.communications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.almanac.communications.digests.Digests;
import dev.almanac.communications.notices.Notices;
import dev.almanac.communications.releasenotes.PlannedCommunications;
import dev.almanac.communications.releasenotes.ReleaseNotes;
import dev.almanac.communications.stakeholders.Stakeholders;
import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.processes.ModelRelease;
import dev.almanac.processes.ReleaseDriver;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.Releases;
import dev.almanac.schedule.MilestoneSlipped;
import dev.almanac.schedule.Slips;
import dev.almanac.support.ApiClient;
import dev.almanac.support.TestAccounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

// one application context for every test class: the engine-rest API finds its engine by name,
// JVM-wide
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ReleaseNotesAndDigestsTest {

    @Autowired ReleaseNotes notes;
    @Autowired Digests digests;
    @Autowired PlannedCommunications communications;
    @Autowired Notices notices;
    @Autowired Stakeholders stakeholders;
    @Autowired Slips slips;
    @Autowired Releases releases;
    @Autowired ReleaseQueries releaseQueries;
    @Autowired IdentityService identity;
    @Autowired ProcessEngine engine;
    @Autowired MockMvc mvc;
    @Autowired dev.almanac.pipelines.PipelineTokens tokens;
    @org.springframework.boot.test.web.server.LocalServerPort int port;

    String run;
    String model;
    String key;
    String owner;

    @BeforeEach
    void release() {
        TestAccounts.ensure(identity);
        run = UUID.randomUUID().toString().substring(0, 6);
        model = "notes-" + run;
        owner = "nora-" + run;
        identity.saveUser(identity.newUser(owner));
        key =
                releases.plan(
                                new NewRelease(
                                        model,
                                        "3",
                                        Lane.PRODUCTION,
                                        RiskTier.LOW,
                                        "fraud-ml",
                                        java.time.LocalDate.now().plusDays(40),
                                        "transactions, chargebacks"),
                                "rita")
                        .key();
        stakeholders.add(
                new NewStakeholder(
                        "MODEL",
                        model,
                        "USER",
                        owner,
                        StakeholderRole.OWNER,
                        Set.of(Channel.IN_APP),
                        null,
                        null));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor mel() {
        return user("mel")
                .authorities(
                        new org.springframework.security.core.authority.SimpleGrantedAuthority(
                                "GROUP_fraud-ml"));
    }

    /**
     * Waits until the clock has moved past an instant, and returns the time then: a boundary
     * strictly between two events.
     */
    private static Instant after(Instant instant) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(1))
                .until(() -> Instant.now().isAfter(instant));
        return Instant.now();
    }

    private void complete(
            ReleaseDriver release, String task, String as, Map<String, Object> variables) {
        // as the system, with the person as assignee: the procedure's governance is under test
        // here, not who may work on the task (AuthorizationMatrix, FourEyesPathsTest)
        String id = release.task(task).getId();
        engine.getTaskService().setAssignee(id, as);
        engine.getTaskService().complete(id, variables);
    }

    private ReleaseDriver deployed() {
        ReleaseDriver release =
                ReleaseDriver.of(
                                engine,
                                releaseQueries
                                        .plannedRelease(key)
                                        .orElseThrow()
                                        .processInstanceId())
                        .throughTraining(0.95, 100, 0.92);
        complete(
                release,
                "risk-review",
                "oscar",
                Map.of(
                        ModelRelease.Variables.RISK_DECISION,
                        "approve",
                        ModelRelease.Variables.RISK_RATIONALE,
                        "bias tests pass on all segments"));
        complete(
                release,
                "deploy-approval",
                "ray",
                Map.of(
                        ModelRelease.Variables.DEPLOY_DECISION,
                        "go",
                        ModelRelease.Variables.DEPLOY_NOTE,
                        "window booked with on-call"));
        ReleaseDriver done =
                release.fireTimer("wait-release-window")
                        .completeExternal(
                                ModelRelease.Topics.DEPLOY,
                                Map.of(ModelRelease.Variables.DEPLOYMENT_ID, "dep-" + run));
        // the notes are drafted after the deploy's commit, on a follow-up thread
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> notes.of(key).isPresent());
        return done;
    }

    @Test
    void releaseNotesAreWrittenOnDeployWithGateMetricsApprovalsFeedsRisksAndRollbackPlan() {
        deployed();

        ReleaseNotes.Note note = notes.of(key).orElseThrow();
        assertThat(note.published()).isFalse();
        assertThat(note.markdown())
                .startsWith("# " + model + " 3 — release notes")
                .contains("- Deployment: dep-" + run)
                .contains("| accuracy | 0.95 |")
                .contains("| baselineAccuracy | 0.92 |")
                .contains("| latencyP95Ms | 100 |")
                .contains("| accuracyDelta | 0.03 |")
                .contains("**Promotion gate:** advance")
                .contains("- **Risk review**: approve by oscar")
                .contains("“bias tests pass on all segments”")
                .contains("- **Approve deployment**: go by ray")
                .contains("“window booked with on-call”")
                .contains("## Data feeds\n\n- transactions\n- chargebacks")
                .contains("- Risk review: bias tests pass on all segments")
                .contains("This is the first deployed release of " + model);
        assertThat(note.html())
                .contains("<h1>" + model + " 3 — release notes</h1>")
                .contains("<td>0.95</td>");
    }

    @Test
    void notesAreEditedThenPublishedOnceAndEmptyOrLateEditsAreRefused() throws Exception {
        deployed();

        // someone outside the owner team cannot publish them
        mvc.perform(
                        post("/releases/{k}/notes", key)
                                .param("markdown", "# mine")
                                .param("publish", "1")
                                .with(user("dana"))
                                .with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(
                        content().string(Matchers.containsString("only its owner team (fraud-ml")));
        assertThat(notes.of(key).orElseThrow().published()).isFalse();
        mvc.perform(
                        post("/releases/{k}/notes", key)
                                .param("markdown", "  ")
                                .with(mel())
                                .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(Matchers.containsString("Release notes cannot be empty.")));
        assertThat(notes.of(key).orElseThrow().markdown()).contains("## Approvals");

        mvc.perform(
                        post("/releases/{k}/notes", key)
                                .param(
                                        "markdown",
                                        "# Fraud scorer 3\n\nFaster, <script>alert(1)</script> fairer.")
                                .param("publish", "1")
                                .with(mel())
                                .with(csrf()))
                .andExpect(status().is3xxRedirection());
        ReleaseNotes.Note published = notes.of(key).orElseThrow();
        assertThat(published.publishedBy()).isEqualTo("mel");
        assertThat(published.html())
                .contains("<h1>Fraud scorer 3</h1>")
                .contains("&lt;script&gt;")
                .doesNotContain("<script>");
        assertThat(notices.deliveriesOf("release-notes:" + key))
                .extracting(s -> s.recipient() + "/" + s.channel())
                .containsExactly(owner + "/IN_APP");
        assertThatThrownBy(() -> notes.edit(key, "late change", "mel"))
                .isInstanceOf(CommunicationsRejected.class)
                .hasMessageContaining("published and can no longer be edited");
        mvc.perform(get("/releases/{k}/notes.md", key).with(mel()))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        "# Fraud scorer 3\n\nFaster, <script>alert(1)</script> fairer."));
    }

    @Test
    void eachDigestHoldsExactlyTheChangesOfItsPeriod() {
        Instant start = Instant.now().minusMillis(5);
        Instant end = Instant.now().plus(Duration.ofDays(10));
        slips.record(
                List.of(
                        new MilestoneSlipped(
                                key,
                                "Training",
                                end,
                                end.plus(Duration.ofDays(2)),
                                null,
                                false,
                                "first slip " + run)),
                null);
        Instant firstEnd = after(Instant.now());
        after(firstEnd);
        slips.record(
                List.of(
                        new MilestoneSlipped(
                                key,
                                "Deploy",
                                end,
                                end.plus(Duration.ofDays(4)),
                                null,
                                false,
                                "second slip " + run)),
                null);
        notices.raise(
                NoticeDraft.about(
                        "step-completed:" + key + ":test:" + run,
                        NoticeType.STEP_COMPLETED,
                        key,
                        "Train model done for " + key,
                        "done",
                        null,
                        Map.of()));
        Instant secondEnd = after(Instant.now());

        Digests.Digest first =
                digests.run("owner", start, firstEnd).stream()
                        .filter(d -> d.recipient().equals(owner))
                        .findFirst()
                        .orElseThrow();
        Digests.Digest second =
                digests.run("owner", firstEnd, secondEnd).stream()
                        .filter(d -> d.recipient().equals(owner))
                        .findFirst()
                        .orElseThrow();

        assertThat(first.moved())
                .singleElement()
                .asString()
                .contains("Training moved 2.0 days")
                .contains("first slip " + run);
        assertThat(first.held()).isEmpty();
        assertThat(second.moved())
                .singleElement()
                .asString()
                .contains("Deploy moved 4.0 days")
                .contains("second slip " + run);
        assertThat(second.held()).containsExactly("Train model done for " + key);
        assertThat(notices.deliveriesOf("step-completed:" + key + ":test:" + run))
                .extracting(Notices.Sent::status)
                .containsExactly("digested");
        assertThat(notices.inbox(owner, 10))
                .extracting(s -> s.notice().subject())
                .anyMatch(s -> s.startsWith("Your owner digest: 1 moved"));
        assertThat(notices.inbox(owner, 10).get(0).notice().body())
                .contains("What moved:")
                .contains("second slip " + run)
                .doesNotContain("first slip");
    }

    @Test
    void theOwnerEditsAMilestonesCommunicationAndSendsIt() throws Exception {
        List<PlannedCommunications.Communication> planned = communications.of(key);
        assertThat(planned)
                .extracting(PlannedCommunications.Communication::milestone)
                .contains("Data readiness", "Training", "Deploy");
        PlannedCommunications.Communication training =
                planned.stream()
                        .filter(c -> c.milestone().equals("Training"))
                        .findFirst()
                        .orElseThrow();
        assertThat(training.delivers())
                .startsWith("Training of " + key + " is projected to complete ");
        assertThat(training.nextSteps()).startsWith("- Validation, projected ");

        mvc.perform(
                        post("/releases/{k}/communications", key)
                                .param("milestone", "Training")
                                .param("delivers", "")
                                .param("risks", "r")
                                .param("nextSteps", "n")
                                .with(mel())
                                .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(
                        communications.of(key).stream()
                                .filter(c -> c.milestone().equals("Training"))
                                .findFirst()
                                .orElseThrow()
                                .editedBy())
                .isNull();

        mvc.perform(
                        post("/releases/{k}/communications", key)
                                .param("milestone", "Training")
                                .param("delivers", "A model trained on 2026 data")
                                .param("risks", "GPU queue is long")
                                .param("nextSteps", "Validation next week")
                                .param("send", "1")
                                .with(mel())
                                .with(csrf()))
                .andExpect(status().is3xxRedirection());

        PlannedCommunications.Communication sent =
                communications.of(key).stream()
                        .filter(c -> c.milestone().equals("Training"))
                        .findFirst()
                        .orElseThrow();
        assertThat(sent.sent()).isTrue();
        assertThat(sent.editedBy()).isEqualTo("mel");
        assertThat(notices.inbox(owner, 10))
                .extracting(s -> s.notice().body())
                .anyMatch(
                        b ->
                                b.contains("A model trained on 2026 data")
                                        && b.contains("GPU queue is long")
                                        && b.contains("Validation next week"));
        assertThatThrownBy(() -> communications.edit(key, "Training", "x", "y", "z", "mel"))
                .hasMessageContaining("was sent already");
        mvc.perform(get("/releases/{k}/governance", key).with(mel()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Planned communications")))
                .andExpect(
                        content().string(Matchers.containsString("A model trained on 2026 data")));
    }

    @Test
    void stakeholderFormAndApiRefuseBadInputFieldByFieldAndSaveNothing() throws Exception {
        int before = stakeholders.all().size();
        mvc.perform(
                        post("/planning/stakeholders")
                                .param("scopeKind", "MODEL")
                                .param("scope", model)
                                .param("partyKind", "GROUP")
                                .param("party", "fraud-ml")
                                .param("role", "CONSUMER")
                                .param("channels", "WEBHOOK")
                                .param("webhookUrl", "ftp://example.com/hook")
                                .with(
                                        user("rita")
                                                .authorities(
                                                        new org.springframework.security.core
                                                                .authority.SimpleGrantedAuthority(
                                                                "GROUP_release-managers")))
                                .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("is not an http(s) URL.")))
                .andExpect(
                        content()
                                .string(
                                        Matchers.containsString(
                                                "Please correct the field marked below; nothing was saved.")));
        mvc.perform(
                        post("/planning/stakeholders")
                                .param("scopeKind", "MODEL")
                                .param("scope", model)
                                .param("partyKind", "USER")
                                .param("party", owner)
                                .param("role", "CONSUMER")
                                .param("_channels", "on")
                                .with(
                                        user("rita")
                                                .authorities(
                                                        new org.springframework.security.core
                                                                .authority.SimpleGrantedAuthority(
                                                                "GROUP_release-managers")))
                                .with(csrf()))
                .andExpect(
                        content()
                                .string(
                                        Matchers.containsString(
                                                "Choose at least one channel: email, webhook or in Almanac.")));
        mvc.perform(
                        post("/planning/stakeholders")
                                .param("scopeKind", "MODEL")
                                .param("scope", "no-such-model")
                                .param("partyKind", "USER")
                                .param("party", owner)
                                .param("role", "OWNER")
                                .param("channels", "IN_APP")
                                .with(
                                        user("rita")
                                                .authorities(
                                                        new org.springframework.security.core
                                                                .authority.SimpleGrantedAuthority(
                                                                "GROUP_release-managers")))
                                .with(csrf()))
                .andExpect(
                        content()
                                .string(
                                        Matchers.containsString(
                                                "There is no model &#39;no-such-model&#39;")));
        mvc.perform(
                        post("/planning/stakeholders")
                                .param("scopeKind", "MODEL")
                                .param("scope", model)
                                .param("partyKind", "USER")
                                .param("party", owner)
                                .param("role", "CONSUMER")
                                .param("channels", "IN_APP")
                                .with(user("dana"))
                                .with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(
                        content()
                                .string(
                                        Matchers.containsString(
                                                "only release managers, admins may do that")));
        assertThat(stakeholders.all()).hasSize(before);

        var limited =
                new ApiClient(port, tokens.issue("limited " + run, Set.of(model), "test").token())
                        .post(
                                "/api/v1/stakeholders",
                                Map.of(
                                        "scopeKind",
                                        "MODEL",
                                        "scope",
                                        model,
                                        "partyKind",
                                        "USER",
                                        "party",
                                        owner,
                                        "role",
                                        "CONSUMER",
                                        "channels",
                                        List.of("IN_APP")));
        assertThat(limited.status()).isEqualTo(403);
        assertThat(limited.body()).contains("\"field\":\"token\"");
        ApiClient api =
                new ApiClient(port, tokens.issue("notices " + run, Set.of(), "test").token());
        var refused =
                api.post(
                        "/api/v1/stakeholders",
                        Map.of(
                                "scopeKind",
                                "MODEL",
                                "scope",
                                model,
                                "partyKind",
                                "USER",
                                "party",
                                "nobody-" + run,
                                "role",
                                "CONSUMER",
                                "channels",
                                List.of("IN_APP")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body())
                .contains("\"field\":\"party\"")
                .contains("There is no user 'nobody-" + run + "'");
        var created = webhookStakeholder(api, model, "https://hooks.slack.com/services/T0/B0/x");
        // a host off the outbound allow-list is refused before anything is looked up or sent
        assertThat(created.status()).isEqualTo(400);
        assertThat(created.body())
                .contains("\"field\":\"webhookUrl\"")
                .contains("hooks.slack.com: it is not on the allow-list");
        for (String internal :
                List.of(
                        "http://169.254.169.254/latest/meta-data/",
                        "http://10.0.0.7/hook",
                        "http://[fd00::1]/hook")) {
            var refusedInternal = webhookStakeholder(api, model, internal);
            assertThat(refusedInternal.status()).as(internal).isEqualTo(400);
            assertThat(refusedInternal.body()).contains("Almanac does not call");
        }
        assertThat(stakeholders.all()).hasSize(before);
        // the tests allow loopback explicitly
        created = webhookStakeholder(api, model, "http://127.0.0.1:9/services/T0/B0/x");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).contains("127.0.0.1/…").doesNotContain("T0/B0/x");
        assertThat(stakeholders.all()).hasSize(before + 1);
    }

    /** Asks over the API for fraud-ml to be told about the model by webhook. */
    private static dev.almanac.support.ApiClient.Response webhookStakeholder(
            dev.almanac.support.ApiClient api, String model, String url) {
        return api.post(
                "/api/v1/stakeholders",
                Map.of(
                        "scopeKind",
                        "MODEL",
                        "scope",
                        model,
                        "partyKind",
                        "GROUP",
                        "party",
                        "fraud-ml",
                        "role",
                        "CONSUMER",
                        "channels",
                        List.of("WEBHOOK"),
                        "webhookUrl",
                        url));
    }

    @Test
    void aPersonChoosesToGetATypeInTheirDigestOrNotAtAll() throws Exception {
        mvc.perform(
                        post("/notices/preferences")
                                .param("milestone-slipped", "DIGEST")
                                .param("release-deployed", "OFF")
                                .with(user(owner))
                                .with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(
                        post("/notices/preferences")
                                .param("gate-halted", "SOMETIMES")
                                .with(user(owner))
                                .with(csrf()))
                .andExpect(
                        content()
                                .string(
                                        Matchers.containsString(
                                                "Choose immediately, in my digest, or not at all for Gate halted.")));

        assertThat(stakeholders.preferences(owner))
                .containsEntry(NoticeType.MILESTONE_SLIPPED, Delivery.DIGEST)
                .containsEntry(NoticeType.RELEASE_DEPLOYED, Delivery.OFF)
                .containsEntry(NoticeType.GATE_HALTED, Delivery.IMMEDIATE);
        notices.raise(
                NoticeDraft.about(
                        "release-deployed:test:" + run,
                        NoticeType.RELEASE_DEPLOYED,
                        key,
                        "deployed",
                        "deployed",
                        null,
                        Map.of()));
        Instant later = Instant.now().plus(Duration.ofDays(5));
        slips.record(
                List.of(
                        new MilestoneSlipped(
                                key,
                                "Deploy",
                                later,
                                later.plus(Duration.ofDays(1)),
                                null,
                                false,
                                "pref " + run)),
                null);

        assertThat(notices.deliveriesOf("release-deployed:test:" + run)).isEmpty();
        assertThat(notices.deliveriesOfPrefix("milestone-slipped:" + key))
                .extracting(s -> s.recipient() + "/" + s.status())
                .containsExactly(owner + "/held");
        mvc.perform(get("/notices/preferences").with(user(owner)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Milestone slipped")));
    }
}
