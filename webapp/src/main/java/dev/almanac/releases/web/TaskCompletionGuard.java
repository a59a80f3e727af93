package dev.almanac.releases.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.almanac.governance.FourEyes;
import dev.almanac.identity.People;
import dev.almanac.identity.TaskOwnership;
import dev.almanac.releases.ReleaseQueries;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before a claim, completion or form submission reaches the engine over {@code /engine-rest} or
 * Tasklist's API, refuses one by someone outside the task's groups, or by someone four-eyes rules
 * out, with a 403 whose message says why. The engine refuses both too (its task permissions, and
 * the procedure's four-eyes listener), but in its own words and, for four-eyes, as a server error.
 */
class TaskCompletionGuard extends OncePerRequestFilter {

    static final Pattern TASK_ACTION =
            Pattern.compile(
                    "^(?:/engine-rest|/operaton/api/engine/engine/[^/]+)/task/([^/]+)/(complete|submit-form|claim|resolve)/?$");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TaskOwnership ownership;
    private final ReleaseQueries releases;
    private final FourEyes fourEyes;
    private final People people;

    TaskCompletionGuard(
            TaskOwnership ownership, ReleaseQueries releases, FourEyes fourEyes, People people) {
        this.ownership = ownership;
        this.releases = releases;
        this.fourEyes = fourEyes;
        this.people = people;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equalsIgnoreCase(request.getMethod());
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher action = TASK_ACTION.matcher(path);
        Principal principal = request.getUserPrincipal();
        if (action.matches() && principal != null) {
            String user = principal.getName();
            String task = action.group(1);
            Optional<String> notTheirs = ownership.refusal(user, task);
            Optional<String> refusal =
                    notTheirs.isPresent() || "claim".equals(action.group(2))
                            ? notTheirs
                            : people.asSystem(
                                    () ->
                                            releases.decidingTask(task)
                                                    .filter(ReleaseQueries.DecidingTask::fourEyes)
                                                    .flatMap(
                                                            t ->
                                                                    fourEyes.refusal(
                                                                            user,
                                                                            t.releaseKey(),
                                                                            t.step(),
                                                                            t.override())));
            if (refusal.isPresent()) {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                JSON.writeValue(
                        response.getWriter(),
                        Map.of(
                                "type",
                                notTheirs.isPresent()
                                        ? "AuthorizationException"
                                        : "FourEyesViolation",
                                "message",
                                refusal.get()));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /** After Spring Security, which has signed the caller in. */
        @Bean
        FilterRegistrationBean<TaskCompletionGuard> taskCompletionGuard(
                TaskOwnership ownership,
                ReleaseQueries releases,
                FourEyes fourEyes,
                People people) {
            FilterRegistrationBean<TaskCompletionGuard> registration =
                    new FilterRegistrationBean<>(
                            new TaskCompletionGuard(ownership, releases, fourEyes, people));
            registration.addUrlPatterns("/engine-rest/task/*", "/operaton/api/engine/*");
            registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
            return registration;
        }
    }
}
