package dev.almanac.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import dev.almanac.support.TestAccounts;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Planning pages: each form saves what is valid and, for anything else, says which field and why,
 * saving nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PlanningWebTest {

    @Autowired MockMvcTester mvc;
    @Autowired PlanningCatalog catalog;
    @Autowired Windows windows;
    @Autowired dev.almanac.governance.DecisionLog decisions;
    @Autowired IdentityService identity;

    String suffix;

    @BeforeEach
    void accounts() {
        TestAccounts.ensure(identity);
        suffix = UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void productLineTeamAndModelAreCreatedEditedAndListed() {
        assertThat(
                        mvc.post()
                                .uri("/planning/product-lines")
                                .with(dev.almanac.support.SignedIn.rita())
                                .with(csrf())
                                .param("key", "cards-" + suffix)
                                .param("name", "Cards")
                                .param("description", "card risk"))
                .hasStatus3xxRedirection()
                .hasRedirectedUrl("/planning/product-lines");
        assertThat(
                        mvc.post()
                                .uri("/planning/teams")
                                .with(dev.almanac.support.SignedIn.rita())
                                .with(csrf())
                                .param("key", "cards-ml-" + suffix)
                                .param("name", "Cards ML")
                                .param("email", "cards@example.com"))
                .hasStatus3xxRedirection();
        assertThat(identity.createGroupQuery().groupId("cards-ml-" + suffix).count())
                .as("a team is an engine group")
                .isOne();
        assertThat(
                        mvc.post()
                                .uri("/planning/models")
                                .with(dev.almanac.support.SignedIn.rita())
                                .with(csrf())
                                .param("key", "card-model-" + suffix)
                                .param("name", "Card model")
                                .param("productLine", "cards-" + suffix)
                                .param("ownerTeam", "cards-ml-" + suffix)
                                .param("riskTier", "HIGH"))
                .hasStatus3xxRedirection();
        assertThat(
                        mvc.post()
                                .uri("/planning/models/card-model-" + suffix)
                                .with(dev.almanac.support.SignedIn.rita())
                                .with(csrf())
                                .param("key", "card-model-" + suffix)
                                .param("name", "Card model v2")
                                .param("productLine", "cards-" + suffix)
                                .param("ownerTeam", "cards-ml-" + suffix)
                                .param("riskTier", "MEDIUM"))
                .hasStatus3xxRedirection();

        assertThat(catalog.model("card-model-" + suffix))
                .hasValueSatisfying(
                        m -> {
                            assertThat(m.name()).isEqualTo("Card model v2");
                            assertThat(m.riskTier()).isEqualTo(RiskTier.MEDIUM);
                            assertThat(m.productLine()).isEqualTo("cards-" + suffix);
                        });
        assertThat(mvc.get().uri("/planning/models").with(dev.almanac.support.SignedIn.rita()))
                .hasStatusOk()
                .bodyText()
                .contains("card-model-" + suffix)
                .contains("Card model v2");
        assertThat(
                        mvc.get()
                                .uri("/planning/models/card-model-" + suffix)
                                .with(dev.almanac.support.SignedIn.rita()))
                .hasStatusOk()
                .bodyText()
                .contains("Edit card-model-" + suffix);
    }

    @Test
    void planningFormsShowFieldErrorsAndSaveNothing() {
        int lines = catalog.productLines().size();
        int models = catalog.models().size();
        assertThat(
                        mvc.post()
                                .uri("/planning/product-lines")
                                .with(dev.almanac.support.SignedIn.rita())
                                .with(csrf())
                                .param("key", "Bad Key!")
                                .param("name", "x"))
                .hasStatusOk()
                .bodyText()
                .contains("nothing was saved")
                .contains("lower-case letters, digits or dashes");
        assertThat(
                        mvc.post()
                                .uri("/planning/models")
                                .with(dev.almanac.support.SignedIn.rita())
                                .with(csrf())
                                .param("key", "m-" + suffix)
                                .param("name", "M")
                                .param("productLine", "no-such-line")
                                .param("ownerTeam", "fraud-ml")
                                .param("riskTier", "LOW"))
                .hasStatusOk()
                .bodyText()
                .contains("There is no product line &#39;no-such-line&#39;");
        assertThat(
                        mvc.post()
                                .uri("/planning/models")
                                .with(dev.almanac.support.SignedIn.rita())
                                .with(csrf())
                                .param("key", "m-" + suffix)
                                .param("name", "M")
                                .param("ownerTeam", "nobody")
                                .param("riskTier", "LOW"))
                .hasStatusOk()
                .bodyText()
                .contains("Owner team &#39;nobody&#39; does not exist");
        assertThat(
                        mvc.post()
                                .uri("/planning/teams")
                                .with(dev.almanac.support.SignedIn.rita())
                                .with(csrf())
                                .param("key", "t-" + suffix)
                                .param("name", "T")
                                .param("email", "not-mail"))
                .hasStatusOk()
                .bodyText()
                .contains("is not an e-mail address");
        assertThat(catalog.productLines()).hasSize(lines);
        assertThat(catalog.models()).hasSize(models);
        assertThat(catalog.team("t-" + suffix)).isEmpty();
    }

    @Test
    void windowFormRefusesWhatCannotBeAWindow() {
        int windowCount = windows.windows().size();
        record Case(String field, String value, String says) {}
        var cases =
                java.util.List.of(
                        new Case("end", "2026-12-01T08:00", "must end after it starts"),
                        new Case("rrule", "FREQ=SOMETIMES", "is not a recurrence rule"),
                        new Case("rrule", "FREQ=SECONDLY", "recurs at most hourly"),
                        // 369 characters of every second of every hour: refused by what it expands
                        // to
                        new Case(
                                "rrule",
                                "FREQ=HOURLY;BYMINUTE="
                                        + java.util.stream.IntStream.range(0, 60)
                                                .mapToObj(String::valueOf)
                                                .collect(java.util.stream.Collectors.joining(","))
                                        + ";BYSECOND="
                                        + java.util.stream.IntStream.range(0, 60)
                                                .mapToObj(String::valueOf)
                                                .collect(java.util.stream.Collectors.joining(",")),
                                "may recur at most 24 times a day"),
                        new Case("zone", "Mars/Olympus", "is not a time zone"),
                        new Case("start", "next friday", "Give a date and time"),
                        new Case("scopeKey", "", "Choose the product line"));
        for (Case c : cases) {
            var fields =
                    new java.util.LinkedHashMap<>(
                            java.util.Map.of(
                                    "name",
                                    "Freeze " + suffix,
                                    "kind",
                                    "FREEZE",
                                    "start",
                                    "2026-12-01T09:00",
                                    "end",
                                    "2026-12-02T09:00",
                                    "zone",
                                    "Europe/Berlin",
                                    "rrule",
                                    "",
                                    "scope",
                                    c.field().equals("scopeKey") ? "PRODUCT_LINE" : "GLOBAL"));
            fields.put(c.field(), c.value());
            var request =
                    mvc.post()
                            .uri("/planning/windows")
                            .with(dev.almanac.support.SignedIn.rita())
                            .with(csrf());
            fields.forEach(request::param);
            assertThat(request)
                    .as(c.field())
                    .hasStatusOk()
                    .bodyText()
                    .contains("nothing was saved")
                    .contains(c.says());
        }
        assertThat(windows.windows()).hasSize(windowCount);

        assertThat(
                        mvc.post()
                                .uri("/planning/windows")
                                .with(dev.almanac.support.SignedIn.rita())
                                .with(csrf())
                                .param("name", "Freeze " + suffix)
                                .param("kind", "FREEZE")
                                .param("start", "2026-12-01T09:00")
                                .param("end", "2026-12-02T09:00")
                                .param("zone", "Europe/Berlin")
                                .param("rrule", "FREQ=WEEKLY;BYDAY=TU")
                                .param("scope", "GLOBAL")
                                .param("reason", "weekly ledger close"))
                .hasStatus3xxRedirection();
        var saved =
                windows.windows().stream()
                        .filter(w -> w.rule().name().equals("Freeze " + suffix))
                        .findFirst()
                        .orElseThrow();
        assertThat(saved.rule().rrule()).isEqualTo("FREQ=WEEKLY;BYDAY=TU");
        assertThat(saved.rule().zone().getId()).isEqualTo("Europe/Berlin");
        assertThat(mvc.get().uri("/planning/windows").with(dev.almanac.support.SignedIn.rita()))
                .hasStatusOk()
                .bodyText()
                .contains("Freeze " + suffix)
                .contains("FREQ=WEEKLY;BYDAY=TU");
        // a data engineer may not remove it: refused before anything happens
        var aboutIt =
                new dev.almanac.governance.DecisionLog.Search(
                        dev.almanac.governance.DecisionKind.CONSTRAINT,
                        null,
                        null,
                        null,
                        "Freeze " + suffix);
        int decisionsBefore = decisions.search(aboutIt, 100).size();
        assertThat(
                        mvc.post()
                                .uri("/planning/windows/" + saved.id() + "/delete")
                                .with(dev.almanac.support.SignedIn.as("dana", "data-engineers"))
                                .with(csrf())
                                .param("reason", "in the way"))
                .hasStatus(403)
                .bodyText()
                .contains("only release managers, admins may do that");
        assertThat(windows.window(saved.id())).isPresent();
        // a release manager removes it only with a reason ...
        assertThat(
                        mvc.post()
                                .uri("/planning/windows/" + saved.id() + "/delete")
                                .with(dev.almanac.support.SignedIn.rita())
                                .with(csrf()))
                .hasStatus3xxRedirection()
                .flash()
                .containsEntry(
                        "error",
                        "Say why the freeze is set or changed; the reason goes on the decision log.");
        assertThat(windows.window(saved.id())).isPresent();
        assertThat(decisions.search(aboutIt, 100)).hasSize(decisionsBefore);
        assertThat(
                        mvc.post()
                                .uri("/planning/windows/" + saved.id() + "/delete")
                                .with(dev.almanac.support.SignedIn.rita())
                                .with(csrf())
                                .param("reason", "the ledger closes monthly now"))
                .hasStatus3xxRedirection();
        assertThat(windows.window(saved.id())).isEmpty();
        // ... and the decision log says who, why, and what the freeze was
        assertThat(decisions.search(aboutIt, 100))
                .anySatisfy(
                        d -> {
                            assertThat(d.kind())
                                    .isEqualTo(dev.almanac.governance.DecisionKind.CONSTRAINT);
                            assertThat(d.subject()).isEqualTo("Window 'Freeze " + suffix + "'");
                            assertThat(d.outcome()).isEqualTo("removed");
                            assertThat(d.decidedBy()).isEqualTo("rita");
                            assertThat(d.rationale()).isEqualTo("the ledger closes monthly now");
                            assertThat(d.basis()).contains("FREQ=WEEKLY;BYDAY=TU");
                        });
    }
}
