package dev.almanac.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.almanac.support.EngineRestClient;
import dev.almanac.support.TestAccounts;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Failed sign-ins slow down and lock an account (or a client address) for a while, on the login
 * form and over HTTP Basic alike; an administrator can unlock it; passwords follow the policy.
 */
// one application context for every test class: the engine-rest API finds its engine by name,
// JVM-wide
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AccountsTest {

    @LocalServerPort int port;
    @Autowired IdentityService identity;
    @Autowired SignInThrottle throttle;
    @Autowired MockMvcTester mvc;

    @Value("${almanac.admin.password}")
    String adminPassword;

    String account;

    @BeforeEach
    void accounts() {
        TestAccounts.ensure(identity);
        account = "lock-" + UUID.randomUUID().toString().substring(0, 6);
        TestAccounts.person(identity, account, "data-engineers");
    }

    private static boolean signedIn(EngineRestClient browser, String user, String password)
            throws Exception {
        return browser.signIn(user, password)
                .headers()
                .firstValue("Location")
                .map(location -> !location.contains("error"))
                .orElse(false);
    }

    /** Until the account's wait after its last failure has passed. */
    private void awaitUnblocked() {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> throttle.blocked(account, null).isEmpty());
    }

    @Test
    void repeatedFailuresLockTheAccountOnEveryPathUntilAnAdministratorUnlocksIt() throws Exception {
        EngineRestClient browser = new EngineRestClient(port);
        // three wrong passwords, then each further attempt has to wait longer
        for (int i = 0; i < 3; i++) {
            assertThat(signedIn(browser, account, "wrong-" + i)).isFalse();
        }
        assertThat(throttle.blocked(account, null)).isPresent();
        // while it waits, even the right password is not tried
        assertThat(signedIn(browser, account, TestAccounts.PASSWORD)).isFalse();
        assertThat(browser.get("/login?error").body())
                .contains("Too many failed sign-ins for " + account);
        awaitUnblocked();
        assertThat(signedIn(browser, account, "wrong-4")).isFalse();
        awaitUnblocked();
        assertThat(signedIn(browser, account, "wrong-5")).isFalse();

        // now it is locked for a quarter of an hour: the form and HTTP Basic refuse the right
        // password
        SignInThrottle.Block lock = throttle.blocked(account, null).orElseThrow();
        assertThat(lock.until()).isAfter(java.time.Instant.now().plus(Duration.ofMinutes(14)));
        assertThat(signedIn(browser, account, TestAccounts.PASSWORD)).isFalse();
        assertThat(
                        new EngineRestClient(port)
                                .get("/engine-rest/task", account, TestAccounts.PASSWORD)
                                .statusCode())
                .isEqualTo(401);

        // an administrator sees the lock and lifts it
        assertThat(
                        mvc.get()
                                .uri("/admin/sign-ins")
                                .with(user("admin").authorities(() -> "GROUP_operaton-admin")))
                .hasStatusOk()
                .bodyText()
                .contains(account);
        assertThat(
                        mvc.get()
                                .uri("/admin/sign-ins")
                                .with(user("dana").authorities(() -> "GROUP_data-engineers")))
                .hasStatus(403);
        assertThat(
                        mvc.post()
                                .uri("/admin/sign-ins/unlock")
                                .param("subject", "account:" + account)
                                .with(user("admin").authorities(() -> "GROUP_operaton-admin"))
                                .with(csrf()))
                .hasStatus3xxRedirection();
        assertThat(signedIn(new EngineRestClient(port), account, TestAccounts.PASSWORD)).isTrue();
        assertThat(throttle.blocked(account, null)).isEmpty();
    }

    @Test
    void anAddressTryingManyAccountsIsLockedToo() {
        String address = "192.0.2." + (int) (Math.random() * 200 + 1);
        for (int i = 0; i < 20; i++) {
            throttle.failed("guess-" + i, address);
        }
        assertThat(throttle.blocked("anyone-else", address))
                .hasValueSatisfying(b -> assertThat(b.account()).isFalse());
        assertThat(throttle.unlock("address:" + address)).isTrue();
        assertThat(throttle.blocked("anyone-else", address)).isEmpty();
    }

    @Test
    void eachLockInARowLastsLongerUpToADay() {
        assertThat(throttle.lockFor(1)).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.lockFor(2)).isEqualTo(Duration.ofMinutes(30));
        assertThat(throttle.lockFor(3)).isEqualTo(Duration.ofHours(1));
        assertThat(throttle.lockFor(30)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void passwordsShorterThanTwelveCharactersAreRefusedWhereverAccountsAreMade() throws Exception {
        EngineRestClient rest = new EngineRestClient(port);
        String id = "pw-" + UUID.randomUUID().toString().substring(0, 6);
        var refused =
                rest.send(
                        "POST",
                        "/engine-rest/user/create",
                        EngineRestClient.basic("admin", adminPassword),
                        "{\"profile\":{\"id\":\""
                                + id
                                + "\"},\"credentials\":{\"password\":\"short-pw\"}}");
        assertThat(refused.statusCode()).isBetween(400, 599);
        assertThat(refused.body()).contains("policy");
        assertThat(identity.createUserQuery().userId(id).count()).isZero();

        var created =
                rest.send(
                        "POST",
                        "/engine-rest/user/create",
                        EngineRestClient.basic("admin", adminPassword),
                        "{\"profile\":{\"id\":\""
                                + id
                                + "\"},\"credentials\":{\"password\":\"long-enough-secret\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(204);
    }

    @Test
    void theWebappsOwnLoginCannotBeUsedToGuessPasswords() throws Exception {
        EngineRestClient browser = new EngineRestClient(port);
        browser.signIn("rita", TestAccounts.PASSWORD);
        var login =
                browser.sendAsWebapp(
                        "POST", "/operaton/api/admin/auth/user/default/login/cockpit", null);
        assertThat(login.statusCode()).isEqualTo(403);
    }
}
