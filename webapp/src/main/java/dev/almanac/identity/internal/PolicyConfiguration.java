package dev.almanac.identity.internal;

import dev.almanac.identity.AccessPolicy;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every request to a handler passes the policy first. */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration implements WebMvcConfigurer {

    private final AccessPolicy policy;

    PolicyConfiguration(AccessPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PolicyInterceptor(policy));
    }
}
