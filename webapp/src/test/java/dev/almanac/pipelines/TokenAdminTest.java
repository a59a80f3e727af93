package dev.almanac.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class TokenAdminTest {

    @Autowired MockMvcTester mvc;
    @Autowired PipelineTokens tokens;

    private static RequestPostProcessor admin() {
        return user("admin").authorities(() -> "GROUP_operaton-admin");
    }

    @Test
    void adminIssuesATokenThatIsShownOnceAndStoredOnlyAsHash() {
        var issued =
                mvc.post()
                        .uri("/admin/tokens")
                        .with(admin())
                        .with(csrf())
                        .param("name", "fraud nightly")
                        .param("models", "fraud-scorer, churn-model")
                        .exchange();
        assertThat(issued).hasStatus3xxRedirection();
        var issuedToken =
                (PipelineTokens.IssuedToken) issued.getMvcResult().getFlashMap().get("issued");
        assertThat(issuedToken.token()).startsWith("alm_").hasSizeGreaterThan(40);

        var page =
                mvc.get()
                        .uri("/admin/tokens")
                        .with(admin())
                        .flashAttr("issued", issuedToken)
                        .exchange();
        assertThat(page)
                .hasStatusOk()
                .bodyText()
                .contains(issuedToken.token())
                .contains("not shown again");
        var later = mvc.get().uri("/admin/tokens").with(admin()).exchange();
        assertThat(later)
                .hasStatusOk()
                .bodyText()
                .doesNotContain(issuedToken.token())
                .contains("fraud nightly")
                .contains("churn-model, fraud-scorer")
                .contains(issuedToken.token().substring(0, 8) + "…");
        assertThat(tokens.authenticate(issuedToken.token()))
                .hasValueSatisfying(p -> assertThat(p.mayActOn("fraud-scorer", null)).isTrue());
    }

    @Test
    void revokedTokenNoLongerAuthenticates() {
        var token = tokens.issue("short-lived", java.util.Set.of(), "admin");

        assertThat(
                        mvc.post()
                                .uri("/admin/tokens/{id}/revoke", token.id())
                                .with(admin())
                                .with(csrf()))
                .hasStatus3xxRedirection();

        assertThat(tokens.authenticate(token.token())).isEmpty();
        assertThat(mvc.get().uri("/admin/tokens").with(admin())).bodyText().contains("revoked");
    }

    @Test
    void invalidTokenRequestShowsTheErrorAndIssuesNothing() {
        int before = tokens.all().size();

        assertThat(
                        mvc.post()
                                .uri("/admin/tokens")
                                .with(admin())
                                .with(csrf())
                                .param("name", "x")
                                .param("models", "Not A Model"))
                .hasStatusOk()
                .bodyText()
                .contains("is not a model name");
        assertThat(
                        mvc.post()
                                .uri("/admin/tokens")
                                .with(admin())
                                .with(csrf())
                                .param("name", " ")
                                .param("models", ""))
                .hasStatusOk()
                .bodyText()
                .contains("Give the token a name");
        assertThat(tokens.all()).hasSize(before);
    }

    @Test
    void onlyAdministratorsManageTokens() {
        assertThat(
                        mvc.get()
                                .uri("/admin/tokens")
                                .with(user("rita").authorities(() -> "GROUP_release-managers")))
                .hasStatus(403);
        assertThat(
                        mvc.post()
                                .uri("/admin/tokens")
                                .with(user("rita").authorities(() -> "GROUP_release-managers"))
                                .with(csrf())
                                .param("name", "sneaky"))
                .hasStatus(403);
    }
}
