package dev.almanac.releases.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.almanac.governance.FourEyes;
import dev.almanac.identity.People;
import dev.almanac.identity.TaskOwnership;
import dev.almanac.releases.ReleaseQueries;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter in front of the engine's REST API, as {@code /engine-rest} and the webapps (Cockpit,
 * Tasklist) serve it: it answers a refusal in the engine's own error shape, in a sentence, before
 * the engine is asked. It runs after Spring Security, which has signed the caller in.
 */
abstract class EngineRequestGuard extends OncePerRequestFilter {

    /** The engine's REST API, under either address. */
    static final String ENGINE_API = "(?:/engine-rest|/operaton/api/engine/engine/[^/]+)";

    private static final ObjectMapper JSON = new ObjectMapper();

    static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    static void refuse(HttpServletResponse response, int status, String type, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getWriter(), Map.of("type", type, "message", message));
    }

    static ObjectMapper json() {
        return JSON;
    }

    @Configuration(proxyBeanMethods = false)
    static class Registrations {

        @Bean
        FilterRegistrationBean<TaskCompletionGuard> taskCompletionGuard(
                TaskOwnership ownership,
                ReleaseQueries releases,
                FourEyes fourEyes,
                People people) {
            return register(
                    new TaskCompletionGuard(ownership, releases, fourEyes, people),
                    "/engine-rest/task/*");
        }

        @Bean
        FilterRegistrationBean<ProcedureVersionGuard> procedureVersionGuard(
                ReleaseQueries releases, People people) {
            return register(
                    new ProcedureVersionGuard(releases, people), "/engine-rest/deployment/*");
        }

        private static <F extends EngineRequestGuard> FilterRegistrationBean<F> register(
                F guard, String engineRestPattern) {
            FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(guard);
            registration.addUrlPatterns(engineRestPattern, "/operaton/api/engine/*");
            registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
            return registration;
        }
    }
}
