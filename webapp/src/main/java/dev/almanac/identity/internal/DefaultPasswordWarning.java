package dev.almanac.identity.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says so loudly when the first administrator still has the default password outside the demo. */
@Component
class DefaultPasswordWarning {

    private static final Logger log = LoggerFactory.getLogger(DefaultPasswordWarning.class);

    private final String adminId;
    private final String adminPassword;
    private final boolean demo;

    DefaultPasswordWarning(
            @Value("${operaton.bpm.admin-user.id:admin}") String adminId,
            @Value("${operaton.bpm.admin-user.password:}") String adminPassword,
            @Value("${almanac.demo.enabled:false}") boolean demo) {
        this.adminId = adminId;
        this.adminPassword = adminPassword;
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnAboutDefaultPassword() {
        if (!demo && "admin".equals(adminPassword)) {
            log.warn(
                    "The administrator '{}' has the default password 'admin': set ALMANAC_ADMIN_PASSWORD before others can reach Almanac.",
                    adminId);
        }
    }
}
