package dev.almanac.identity.internal;

import java.util.ArrayList;
import java.util.List;
import org.operaton.bpm.engine.identity.PasswordPolicy;
import org.operaton.bpm.engine.identity.PasswordPolicyRule;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.operaton.bpm.engine.impl.identity.PasswordPolicyLengthRuleImpl;
import org.operaton.bpm.engine.impl.identity.PasswordPolicyUserDataRuleImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine enforces the password policy wherever an account is created or its password changed:
 * Admin, {@code /engine-rest/user}, Almanac itself. At least 12 characters and not the account's
 * own id or name; the demo's short passwords pass its demo-only minimum.
 */
@Configuration(proxyBeanMethods = false)
class PasswordPolicyConfiguration {

    @Bean
    ProcessEnginePlugin passwordPolicy(
            @Value("${almanac.accounts.min-password-length:12}") int minimum,
            @Value("${almanac.demo.enabled:false}") boolean demo) {
        List<PasswordPolicyRule> rules = new ArrayList<>();
        rules.add(new PasswordPolicyLengthRuleImpl(minimum));
        if (!demo) {
            rules.add(new PasswordPolicyUserDataRuleImpl());
        }
        PasswordPolicy policy = () -> rules;
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                configuration.setEnablePasswordPolicy(true);
                configuration.setPasswordPolicy(policy);
            }
        };
    }
}
