package dev.almanac.identity.internal;

import dev.almanac.identity.AccessPolicy;
import java.util.Map;
import org.operaton.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.operaton.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.operaton.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Login is required everywhere. People sign in once on our login page and are signed in to Cockpit,
 * Tasklist and Admin too (the webapps trust the container's principal). Programs call {@code
 * /engine-rest} with HTTP Basic against the same accounts; an open engine API would let anyone
 * deploy code.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String PRINCIPAL_PROVIDER = "authentication-provider";
    static final String ADMIN_GROUP = "operaton-admin";

    /**
     * Plain path patterns: the engine REST API and the webapps are not served by Spring MVC's
     * servlet.
     */
    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    @Bean
    @Order(1)
    SecurityFilterChain engineRest(HttpSecurity http) throws Exception {
        return http.securityMatcher(path("/engine-rest/**"))
                .authorizeHttpRequests(
                        auth ->
                                // checking a password here would bypass the sign-in throttle
                                auth.requestMatchers(path("/engine-rest/identity/verify"))
                                        .denyAll()
                                        // the engine's own metrics, telemetry and the history
                                        // export for Optimize are for administrators
                                        .requestMatchers(
                                                path("/engine-rest/metrics/**"),
                                                path("/engine-rest/telemetry/**"),
                                                path("/engine-rest/optimize/**"))
                                        .hasAuthority(AccessPolicy.GROUP + ADMIN_GROUP)
                                        .anyRequest()
                                        .authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(
                        session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /**
     * Actuator: health (liveness, readiness) for anyone, as load balancers ask it; the metrics for
     * administrators and metrics scrapers, with HTTP Basic as Prometheus sends it; the rest for
     * administrators.
     */
    @Bean
    @Order(0)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        return http.securityMatcher(path("/actuator/**"))
                .authorizeHttpRequests(
                        auth ->
                                auth.requestMatchers(
                                                path("/actuator/health"),
                                                path("/actuator/health/**"))
                                        .permitAll()
                                        .requestMatchers(path("/actuator/prometheus"))
                                        .hasAnyAuthority(
                                                AccessPolicy.GROUP + ADMIN_GROUP,
                                                AccessPolicy.GROUP + AccessPolicy.METRICS_SCRAPERS)
                                        .anyRequest()
                                        .hasAuthority(AccessPolicy.GROUP + ADMIN_GROUP))
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(
                        session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, EngineAuthorizations webapps) throws Exception {
        return http.authorizeHttpRequests(
                        auth ->
                                auth.requestMatchers(
                                                path("/login"),
                                                path("/css/**"),
                                                path("/js/**"),
                                                path("/webjars/**"),
                                                path("/favicon.ico"),
                                                path("/error"),
                                                path("/demo-pipeline/**"),
                                                path("/v3/api-docs"),
                                                path("/v3/api-docs.yaml"),
                                                path("/v3/api-docs/**"),
                                                // calendar clients cannot sign in: the unguessable
                                                // token in the URL is the credential
                                                path("/feeds/*/all.ics"),
                                                path("/feeds/*/*/*.ics"))
                                        .permitAll()
                                        // people sign in on our login page only (it is throttled);
                                        // the webapps' own login, first-admin set-up and password
                                        // check would bypass it
                                        .requestMatchers(
                                                path("/operaton/api/admin/auth/user/*/login/**"),
                                                path("/operaton/api/admin/setup/**"),
                                                path(
                                                        "/operaton/api/engine/engine/*/identity/verify"))
                                        .denyAll()
                                        // the webapps' own APIs, as far as the engine's
                                        // application authorizations let the person in
                                        .requestMatchers(path("/operaton/api/cockpit/**"))
                                        .access(webapps.mayOpen("cockpit"))
                                        .requestMatchers(path("/operaton/api/tasklist/**"))
                                        .access(webapps.mayOpen("tasklist"))
                                        .requestMatchers(path("/operaton/api/admin/plugin/**"))
                                        .access(webapps.mayOpen("admin"))
                                        .requestMatchers(path("/admin/**"))
                                        .hasAuthority("GROUP_" + ADMIN_GROUP)
                                        .anyRequest()
                                        .authenticated())
                .formLogin(
                        form ->
                                form.loginPage("/login")
                                        .defaultSuccessUrl("/releases", false)
                                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                // The Operaton webapps send their own CSRF token (X-XSRF-TOKEN), checked by their
                // own filter.
                .csrf(
                        csrf ->
                                csrf.ignoringRequestMatchers(
                                        path("/operaton/api/**"), path("/demo-pipeline/**")))
                .build();
    }

    /** Cockpit, Tasklist and Admin take the signed-in user from Spring Security. */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappSingleSignOn() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(
                Map.of(PRINCIPAL_PROVIDER, ContainerBasedAuthenticationProvider.class.getName()));
        registration.addUrlPatterns("/operaton/app/*", "/operaton/api/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /** The engine knows who called the REST API, so its operation log names them. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestIdentity() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setInitParameters(
                Map.of(PRINCIPAL_PROVIDER, ContainerBasedAuthenticationProvider.class.getName()));
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
