package dev.almanac.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Outside the demo, Almanac does not start while the administrator's password is missing or still
 * the default; ALMANAC_ADMIN_PASSWORD sets it.
 */
// one application context for every test class: the engine-rest API finds its engine by name,
// JVM-wide
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AdministratorAccountTest {

    @Autowired IdentityService identity;
    @Autowired EngineAuthorizations authorizations;
    @Autowired org.operaton.bpm.engine.ProcessEngine engine;

    private AdministratorAccount account(String id, String password, boolean demo) {
        return new AdministratorAccount(
                identity, authorizations, id, password, demo, "prometheus", "");
    }

    @Test
    void noPasswordOrTheDefaultOneRefusesTheStart() {
        String id = "root-" + UUID.randomUUID().toString().substring(0, 6);
        assertThatThrownBy(() -> account(id, "", false).ensureAdministrator())
                .hasMessageContaining("Almanac will not start")
                .hasMessageContaining("ALMANAC_ADMIN_PASSWORD");
        assertThatThrownBy(() -> account(id, "admin", false).ensureAdministrator())
                .hasMessageContaining("Almanac will not start");
        assertThatThrownBy(() -> account(id, "too-short", false).ensureAdministrator())
                .hasMessageContaining("does not meet the password policy");
        assertThat(identity.createUserQuery().userId(id).count()).isZero();
    }

    @Test
    void aStoredDefaultPasswordRefusesTheStartUntilTheEnvironmentSetsANewOne() {
        String id = "root-" + UUID.randomUUID().toString().substring(0, 6);
        // as a database from the demo, or from before this check, would have it
        var user = identity.newUser(id);
        user.setPassword("admin");
        ((org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
                        engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired()
                .execute(new org.operaton.bpm.engine.impl.cmd.SaveUserCmd(user, true));
        assertThat(identity.createUserQuery().userId(id).count()).isOne();
        assertThat(identity.checkPassword(id, "admin")).as("stored default").isTrue();

        assertThatThrownBy(() -> account(id, "", false).ensureAdministrator())
                .hasMessageContaining("still has the default password");
        account(id, "a-real-admin-secret", false).ensureAdministrator();
        assertThat(identity.checkPassword(id, "admin")).isFalse();
        assertThat(identity.checkPassword(id, "a-real-admin-secret")).isTrue();
        assertThat(identity.createUserQuery().userId(id).memberOfGroup("operaton-admin").count())
                .isOne();
    }
}
