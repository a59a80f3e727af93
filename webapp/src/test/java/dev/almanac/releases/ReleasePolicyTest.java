package dev.almanac.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import dev.almanac.governance.DecisionKind;
import dev.almanac.governance.DecisionLog;
import dev.almanac.planning.Lane;
import dev.almanac.planning.PlanningCatalog;
import dev.almanac.planning.RiskTier;
import dev.almanac.processes.ModelRelease;
import dev.almanac.support.SignedIn;
import dev.almanac.support.TestAccounts;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Who may cancel a release and change its plan, through the pages: its owner team on the team's
 * product lines and release managers, with a reason; everyone else is refused and nothing changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ReleasePolicyTest {

    @Autowired MockMvcTester mvc;
    @Autowired Releases releases;
    @Autowired PlanningCatalog catalog;
    @Autowired IdentityService identity;
    @Autowired RuntimeService runtime;
    @Autowired HistoryService history;
    @Autowired DecisionLog decisions;

    String run;
    String team;
    String model;
    String owner;

    @BeforeEach
    void ownTeamOnItsProductLine() {
        TestAccounts.ensure(identity);
        run = UUID.randomUUID().toString().substring(0, 6);
        String line = "pl-" + run;
        team = "team-" + run;
        model = "model-" + run;
        owner = "owner-" + run;
        catalog.saveProductLine(null, new PlanningCatalog.ProductLineInfo(line, "Line", null));
        catalog.saveTeam(
                null, new PlanningCatalog.TeamInfo(team, "Team", team, null, Set.of(line)));
        catalog.saveModel(
                null,
                new PlanningCatalog.ModelInfo(model, "Model", line, team, RiskTier.LOW, null));
        TestAccounts.person(identity, owner, team);
    }

    private ReleaseSummary planned(String version) {
        return releases.plan(
                new NewRelease(
                        model,
                        version,
                        Lane.STAGING,
                        RiskTier.LOW,
                        team,
                        LocalDate.now().plusDays(20),
                        ""),
                "rita");
    }

    private long running(ReleaseSummary release) {
        return runtime.createProcessInstanceQuery()
                .processInstanceId(release.processInstanceId())
                .count();
    }

    @Test
    void aDataEngineerCannotCancelAnotherTeamsReleaseButItsOwnerCanWithAReason() {
        ReleaseSummary release = planned("1.0");

        assertThat(
                        mvc.post()
                                .uri("/releases/" + release.key() + "/cancel")
                                .with(SignedIn.as("dana", "data-engineers"))
                                .with(csrf())
                                .param("reason", "not needed"))
                .hasStatus(403)
                .bodyText()
                .contains("Cancel a release: only its owner team (" + team);
        assertThat(running(release)).isOne();
        assertThat(decisions.ofRelease(release.key()))
                .noneMatch(d -> d.kind() == DecisionKind.CANCELLATION);

        // the owner team, without a reason: refused, still running
        assertThat(
                        mvc.post()
                                .uri("/releases/" + release.key() + "/cancel")
                                .with(SignedIn.as(owner, team))
                                .with(csrf()))
                .hasStatus3xxRedirection()
                .flash()
                .containsKey("error");
        assertThat(running(release)).isOne();

        assertThat(
                        mvc.post()
                                .uri("/releases/" + release.key() + "/cancel")
                                .with(SignedIn.as(owner, team))
                                .with(csrf())
                                .param("reason", "superseded by 2.0"))
                .hasStatus3xxRedirection();
        assertThat(running(release)).isZero();
        assertThat(decisions.ofRelease(release.key()))
                .anySatisfy(
                        d -> {
                            assertThat(d.kind()).isEqualTo(DecisionKind.CANCELLATION);
                            assertThat(d.decidedBy()).isEqualTo(owner);
                            assertThat(d.rationale()).isEqualTo("superseded by 2.0");
                        });
        // the engine's own record names the person too
        assertThat(
                        history.createUserOperationLogQuery()
                                .processInstanceId(release.processInstanceId())
                                .userId(owner)
                                .count())
                .isPositive();
    }

    @Test
    void aRiskTierChangeNeedsAReasonIsADecisionAndOnlyReleaseManagersHandAReleaseToAnotherTeam() {
        ReleaseSummary release = planned("3.0");
        String edit = "/releases/" + release.key() + "/edit";
        String target = release.targetDate().toString();

        // no reason: the form says so and nothing changes
        assertThat(
                        mvc.post()
                                .uri(edit)
                                .with(SignedIn.as(owner, team))
                                .with(csrf())
                                .param("lane", "STAGING")
                                .param("riskTier", "HIGH")
                                .param("ownerTeam", team)
                                .param("targetDate", target)
                                .param("reason", " "))
                .hasStatusOk()
                .bodyText()
                .contains("Say why the plan changes");
        assertThat(
                        runtime.getVariable(
                                release.processInstanceId(), ModelRelease.Variables.RISK_TIER))
                .isEqualTo("low");

        // handing it to one's other team is for release managers
        assertThat(
                        mvc.post()
                                .uri(edit)
                                .with(SignedIn.as(owner, team, "data-engineers"))
                                .with(csrf())
                                .param("lane", "STAGING")
                                .param("riskTier", "LOW")
                                .param("ownerTeam", "data-engineers")
                                .param("targetDate", target)
                                .param("reason", "they run it now"))
                .hasStatusOk()
                .bodyText()
                .contains("Only release managers hand a release to another team");

        assertThat(
                        mvc.post()
                                .uri(edit)
                                .with(SignedIn.as(owner, team))
                                .with(csrf())
                                .param("lane", "STAGING")
                                .param("riskTier", "HIGH")
                                .param("ownerTeam", team)
                                .param("targetDate", target)
                                .param("reason", "it now scores card payments"))
                .hasStatus3xxRedirection();
        assertThat(
                        runtime.getVariable(
                                release.processInstanceId(), ModelRelease.Variables.RISK_TIER))
                .isEqualTo("high");
        assertThat(decisions.ofRelease(release.key()))
                .anySatisfy(
                        d -> {
                            assertThat(d.kind()).isEqualTo(DecisionKind.PLAN_CHANGE);
                            assertThat(d.decidedBy()).isEqualTo(owner);
                            assertThat(d.rationale()).isEqualTo("it now scores card payments");
                            assertThat(d.outcome()).contains("riskTier low → high");
                        });
        assertThat(
                        history.createUserOperationLogQuery()
                                .processInstanceId(release.processInstanceId())
                                .userId(owner)
                                .count())
                .as("the engine's operation log names who set the variables")
                .isPositive();
    }

    @Test
    void peoplePlanReleasesForTheirOwnTeamsOnly() {
        assertThat(
                        mvc.post()
                                .uri("/releases")
                                .with(SignedIn.as("dana", "data-engineers"))
                                .with(csrf())
                                .param("model", model)
                                .param("version", "9.0")
                                .param("lane", "STAGING")
                                .param("riskTier", "LOW")
                                .param("ownerTeam", team)
                                .param("targetDate", LocalDate.now().plusDays(20).toString()))
                .hasStatusOk()
                .bodyText()
                .contains("You plan releases for your own teams");
        assertThat(
                        history.createHistoricProcessInstanceQuery()
                                .processInstanceBusinessKey(model + "-9.0")
                                .count())
                .isZero();
        // a member of the model's team and of another team off the model's product line cannot
        // make that other team its owner
        String other = "other-" + run;
        catalog.saveTeam(null, new PlanningCatalog.TeamInfo(other, "Other", other, null, Set.of()));
        assertThat(
                        mvc.post()
                                .uri("/releases")
                                .with(SignedIn.as(owner, team, other))
                                .with(csrf())
                                .param("model", model)
                                .param("version", "9.1")
                                .param("lane", "STAGING")
                                .param("riskTier", "LOW")
                                .param("ownerTeam", other)
                                .param("targetDate", LocalDate.now().plusDays(20).toString()))
                .hasStatusOk()
                .bodyText()
                .contains("your teams may not plan its releases");
        // its own team plans it
        assertThat(
                        mvc.post()
                                .uri("/releases")
                                .with(SignedIn.as(owner, team, other))
                                .with(csrf())
                                .param("model", model)
                                .param("version", "9.2")
                                .param("lane", "STAGING")
                                .param("riskTier", "LOW")
                                .param("ownerTeam", team)
                                .param("targetDate", LocalDate.now().plusDays(20).toString()))
                .hasStatus3xxRedirection();
    }
}
