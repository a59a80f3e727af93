package dev.almanac.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.almanac.governance.internal.DecisionRecord;
import dev.almanac.governance.internal.DecisionRecordRepository;
import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.processes.ModelRelease;
import dev.almanac.processes.ReleaseDriver;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.Releases;
import dev.almanac.support.TestAccounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

// one application context for every test class: the engine-rest API finds its engine by name,
// JVM-wide
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class GovernanceTest {

    @Autowired DecisionLog log;
    @Autowired DecisionRecordRepository records;
    @Autowired Retrospectives retrospectives;
    @Autowired Releases releases;
    @Autowired ReleaseQueries releaseQueries;
    @Autowired ProcessEngine engine;
    @Autowired IdentityService identity;
    @Autowired DataSource dataSource;
    @Autowired TransactionTemplate tx;
    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;

    String run;

    @BeforeEach
    void accounts() {
        TestAccounts.ensure(identity);
        run = UUID.randomUUID().toString().substring(0, 6);
    }

    private DecisionLog.Entry append(String subject) {
        return tx.execute(
                s ->
                        log.record(
                                new Decision(
                                        DecisionKind.RESCHEDULE,
                                        "gov-" + run + "-1",
                                        subject,
                                        "moved 3 days",
                                        "rita",
                                        Instant.now(),
                                        "vendor outage, \"quoted\", with a comma",
                                        Map.of("before", "2026-12-01", "after", "2026-12-04"),
                                        null)));
    }

    @Test
    void entriesChainEachToTheOneBeforeAndTheCheckPasses() {
        DecisionLog.Entry first = append("Training of gov-" + run);
        DecisionLog.Entry second = append("Deploy of gov-" + run);

        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(second.hash()).isNotEqualTo(first.hash()).hasSize(64);
        DecisionLog.ChainCheck check = log.verify();
        assertThat(check.intact()).as(check.problem()).isTrue();
        assertThat(check.entries()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theLogRejectsAnyChangeThroughJpaOrSql() throws Exception {
        DecisionLog.Entry entry = append("Untouchable " + run);

        // through JPA: the entity refuses to be updated or removed
        assertThatThrownBy(
                        () ->
                                tx.executeWithoutResult(
                                        s -> {
                                            DecisionRecord loaded =
                                                    records.findByReleaseKeyOrderByIdAsc(
                                                                    "gov-" + run + "-1")
                                                            .get(0);
                                            org.springframework.test.util.ReflectionTestUtils
                                                    .setField(loaded, "rationale", "rewritten");
                                        }))
                .hasRootCauseInstanceOf(DecisionLogIsAppendOnly.class)
                .rootCause()
                .hasMessageContaining("append-only");
        // through SQL: the database refuses
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            assertThatThrownBy(
                            () ->
                                    s.executeUpdate(
                                            "UPDATE decision_record SET rationale = 'rewritten' WHERE id = "
                                                    + entry.id()))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(
                            () ->
                                    s.executeUpdate(
                                            "DELETE FROM decision_record WHERE id = " + entry.id()))
                    .hasMessageContaining("append-only");
        }
        assertThat(log.ofRelease("gov-" + run + "-1"))
                .extracting(DecisionLog.Entry::rationale)
                .containsOnly("vendor outage, \"quoted\", with a comma");
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void theChainCheckFindsARowTamperedWithBehindTheApplicationsBack() throws Exception {
        DecisionLog.Entry entry = append("Tamper target " + run);
        append("After the target " + run);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            // someone with database access drops the guard and rewrites history
            s.execute("DROP TRIGGER decision_record_no_update");
            try (PreparedStatement update =
                    c.prepareStatement("UPDATE decision_record SET decided_by = ? WHERE id = ?")) {
                update.setString(1, "mallory");
                update.setLong(2, entry.id());
                update.executeUpdate();
            }
            DecisionLog.ChainCheck check = log.verify();
            assertThat(check.intact()).isFalse();
            assertThat(check.brokenAt()).isEqualTo(entry.id());
            assertThat(check.problem())
                    .isEqualTo("entry " + entry.id() + " was changed after it was recorded");
            mvc.perform(get("/governance/decisions").with(user("rita")))
                    .andExpect(
                            content()
                                    .string(
                                            org.hamcrest.Matchers.containsString(
                                                    "Chain broken: entry "
                                                            + entry.id()
                                                            + " was changed after it was recorded")));
            // put it back as it was, guard included
            try (PreparedStatement update =
                    c.prepareStatement("UPDATE decision_record SET decided_by = ? WHERE id = ?")) {
                update.setString(1, "rita");
                update.setLong(2, entry.id());
                update.executeUpdate();
            }
        } finally {
            try (Connection c = dataSource.getConnection()) {
                DecisionChain.createAppendOnlyTriggers(c);
            }
        }
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void theLogIsSearchableAndExportsCsvAndJsonForAuditors() throws Exception {
        append("Export me " + run);

        mvc.perform(get("/governance/decisions").param("q", "export me " + run).with(user("rita")))
                .andExpect(status().isOk())
                .andExpect(
                        content().string(org.hamcrest.Matchers.containsString("Export me " + run)))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Chain intact")));
        String csv =
                mvc.perform(
                                get("/governance/decisions.csv")
                                        .param("release", "gov-" + run + "-1")
                                        .with(user("rita")))
                        .andExpect(status().isOk())
                        .andExpect(
                                header().string(
                                                "Content-Disposition",
                                                "attachment; filename=\"decision-log.csv\""))
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0])
                .isEqualTo(
                        "id,kind,release,subject,outcome,decided_by,decided_at,rationale,basis,scenario,previous_hash,hash");
        assertThat(lines).hasSize(2);
        assertThat(lines[1])
                .contains(",RESCHEDULE,gov-" + run + "-1,Export me " + run + ",moved 3 days,rita,")
                .contains(",\"vendor outage, \"\"quoted\"\", with a comma\",");
        String body =
                mvc.perform(
                                get("/governance/decisions.json")
                                        .param("kind", "RESCHEDULE")
                                        .param("q", run)
                                        .with(user("rita")))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
        JsonNode export = json.readTree(body);
        assertThat(export.path("chain").path("intact").asBoolean()).isTrue();
        assertThat(export.path("entries")).hasSize(1);
        assertThat(export.path("entries").get(0).path("basis").path("after").asText())
                .isEqualTo("2026-12-04");
        mvc.perform(get("/governance/decisions.csv").param("kind", "VETO").with(user("rita")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(
                        content()
                                .string(
                                        org.hamcrest.Matchers.containsString(
                                                "\"field\":\"kind\"")));
        mvc.perform(get("/governance/decisions").param("from", "yesterday").with(user("rita")))
                .andExpect(
                        content()
                                .string(
                                        org.hamcrest.Matchers.containsString(
                                                "yesterday&#39; in from is not a date like 2026-12-31.")));
    }

    @Test
    void aRetrospectivesActionsBecomeOpenItemsOfTheModelsNextReleaseAndItStaysInTheHistory() {
        String model = "retro-" + run;
        String first =
                releases.plan(
                                new NewRelease(
                                        model,
                                        "1",
                                        Lane.STAGING,
                                        RiskTier.LOW,
                                        "fraud-ml",
                                        java.time.LocalDate.now().plusDays(30),
                                        ""),
                                "rita")
                        .key();
        String next =
                releases.plan(
                                new NewRelease(
                                        model,
                                        "2",
                                        Lane.STAGING,
                                        RiskTier.LOW,
                                        "fraud-ml",
                                        java.time.LocalDate.now().plusDays(60),
                                        ""),
                                "rita")
                        .key();
        ReleaseDriver release =
                ReleaseDriver.of(
                                engine,
                                releaseQueries
                                        .plannedRelease(first)
                                        .orElseThrow()
                                        .processInstanceId())
                        .throughTraining(0.95, 100, 0.92)
                        .completeTask(
                                "risk-review",
                                Map.of(
                                        ModelRelease.Variables.RISK_DECISION,
                                        "approve",
                                        ModelRelease.Variables.RISK_RATIONALE,
                                        "ok"));
        release.completeTask(
                        "deploy-approval",
                        Map.of(
                                ModelRelease.Variables.DEPLOY_DECISION,
                                "go",
                                ModelRelease.Variables.DEPLOY_NOTE,
                                "go"))
                .fireTimer("wait-release-window")
                .completeExternal(
                        ModelRelease.Topics.DEPLOY,
                        Map.of(ModelRelease.Variables.DEPLOYMENT_ID, "d-1"))
                .fireTimer("monitor-in-production")
                .completeExternal(ModelRelease.Topics.POST_DEPLOY_CHECK, Map.of())
                .fireTimer("wait-for-retrospective")
                .completeTask(
                        "retrospective",
                        Map.of(
                                ModelRelease.Variables.RETRO_WENT_WELL,
                                "pipeline was fast",
                                ModelRelease.Variables.RETRO_SLIPPED,
                                "risk review waited 4 days for a reviewer",
                                ModelRelease.Variables.RETRO_ACTIONS,
                                "- Book the risk reviewer when training starts\n2. Add a drift alert\n\n"));

        assertThat(retrospectives.of(first))
                .hasValueSatisfying(
                        r ->
                                assertThat(r.slipped())
                                        .isEqualTo("risk review waited 4 days for a reviewer"));
        assertThat(retrospectives.itemsFor(model, next))
                .extracting(Retrospectives.OpenItem::text)
                .containsExactly(
                        "Book the risk reviewer when training starts", "Add a drift alert");
        assertThat(retrospectives.itemsFor(model, first)).isEmpty();
        assertThat(retrospectives.earlier(model, next))
                .extracting(Retrospectives.Retrospective::releaseKey)
                .containsExactly(first);

        long drift = retrospectives.itemsFor(model, next).get(1).id();
        retrospectives.close(drift, model, next, "mel");
        assertThat(retrospectives.itemsFor(model, next))
                .filteredOn(Retrospectives.OpenItem::open)
                .extracting(Retrospectives.OpenItem::text)
                .containsExactly("Book the risk reviewer when training starts");
        assertThatThrownBy(() -> retrospectives.close(drift, "other-model", next, "mel"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
