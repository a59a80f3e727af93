package dev.almanac.identity.internal;

import dev.almanac.identity.AccessPolicy;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first administrator and the engine's authorizations, before anything else runs. Outside the
 * demo, Almanac does not start while the administrator's stored password is still the default
 * {@code admin}: {@code ALMANAC_ADMIN_PASSWORD} sets it (on the first start, or while the stored
 * one is still the default), under the password policy.
 */
@Component
class AdministratorAccount {

    private static final Logger log = LoggerFactory.getLogger(AdministratorAccount.class);
    static final String DEFAULT_PASSWORD = "admin";

    private final IdentityService identity;
    private final EngineAuthorizations authorizations;
    private final String adminId;
    private final String password;
    private final boolean demo;
    private final String scraperId;
    private final String scraperPassword;

    AdministratorAccount(
            IdentityService identity,
            EngineAuthorizations authorizations,
            @Value("${almanac.admin.id:admin}") String adminId,
            @Value("${almanac.admin.password:}") String password,
            @Value("${almanac.demo.enabled:false}") boolean demo,
            @Value("${almanac.metrics.scraper-user:prometheus}") String scraperId,
            @Value("${almanac.metrics.scraper-password:}") String scraperPassword) {
        this.scraperId = scraperId;
        this.scraperPassword = scraperPassword == null ? "" : scraperPassword;
        this.identity = identity;
        this.authorizations = authorizations;
        this.adminId = adminId;
        this.password = password == null ? "" : password;
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(-100)
    void prepare() {
        ensureAdministrator();
        authorizations.ensureAll();
        ensureScraper();
    }

    /**
     * The account Prometheus scrapes {@code /actuator/prometheus} with, when {@code
     * ALMANAC_METRICS_PASSWORD} gives it a password: in the metrics-scrapers group only, so it may
     * read the metrics and nothing else.
     */
    void ensureScraper() {
        if (scraperPassword.isBlank()) {
            return;
        }
        User scraper = identity.createUserQuery().userId(scraperId).singleResult();
        if (scraper == null) {
            User user = identity.newUser(scraperId);
            user.setFirstName("Metrics");
            user.setLastName("Scraper");
            if (!identity.checkPasswordAgainstPolicy(scraperPassword, user).isValid()) {
                throw new IllegalStateException(
                        "Almanac will not start: ALMANAC_METRICS_PASSWORD does not meet the password"
                                + " policy (at least 12 characters, not containing the account's id).");
            }
            user.setPassword(scraperPassword);
            try {
                identity.saveUser(user);
            } catch (org.operaton.bpm.engine.ProcessEngineException e) {
                // another node created it first
                if (identity.createUserQuery().userId(scraperId).count() == 0) {
                    throw e;
                }
            }
        } else if (!identity.checkPassword(scraperId, scraperPassword)) {
            scraper.setPassword(scraperPassword);
            identity.saveUser(scraper);
        }
        if (identity.createUserQuery()
                        .userId(scraperId)
                        .memberOfGroup(AccessPolicy.METRICS_SCRAPERS)
                        .count()
                == 0) {
            identity.createMembership(scraperId, AccessPolicy.METRICS_SCRAPERS);
        }
    }

    void ensureAdministrator() {
        boolean configured = !password.isBlank() && (demo || !DEFAULT_PASSWORD.equals(password));
        User admin = identity.createUserQuery().userId(adminId).singleResult();
        if (admin == null) {
            if (!configured) {
                throw refusal("has no password yet");
            }
            User user = identity.newUser(adminId);
            user.setFirstName("Almanac");
            user.setLastName("Administrator");
            requirePolicy(user);
            user.setPassword(password);
            identity.saveUser(user);
            log.info("Created the administrator '{}'", adminId);
        } else if (!demo && identity.checkPassword(adminId, DEFAULT_PASSWORD)) {
            if (!configured) {
                throw refusal("still has the default password '" + DEFAULT_PASSWORD + "'");
            }
            requirePolicy(admin);
            admin.setPassword(password);
            identity.saveUser(admin);
            log.info("Set the administrator's password from ALMANAC_ADMIN_PASSWORD");
        }
        if (identity.createGroupQuery().groupId(AccessPolicy.ADMINS).count() == 0) {
            var group = identity.newGroup(AccessPolicy.ADMINS);
            group.setName("Almanac administrators");
            group.setType("SYSTEM");
            identity.saveGroup(group);
        }
        if (identity.createUserQuery().userId(adminId).memberOfGroup(AccessPolicy.ADMINS).count()
                == 0) {
            identity.createMembership(adminId, AccessPolicy.ADMINS);
        }
    }

    private void requirePolicy(User user) {
        if (!identity.checkPasswordAgainstPolicy(password, user).isValid()) {
            throw new IllegalStateException(
                    "Almanac will not start: ALMANAC_ADMIN_PASSWORD does not meet the password policy"
                            + " (at least 12 characters, not containing the account's id or name).");
        }
    }

    private IllegalStateException refusal(String state) {
        return new IllegalStateException(
                "Almanac will not start: the administrator '"
                        + adminId
                        + "' "
                        + state
                        + ". Set ALMANAC_ADMIN_PASSWORD to a password of at least 12 characters"
                        + " (not 'admin') and start again; it becomes the administrator's password.");
    }
}
