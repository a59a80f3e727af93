package dev.almanac.identity.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.almanac.identity.TaskOwnership;
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
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before a claim, completion or form submission reaches the engine over {@code /engine-rest} or
 * Tasklist's API, refuses one by someone outside the task's groups with a 403 whose message names
 * the group. The engine would refuse it too (its task permissions), in its own words.
 */
class TaskOwnershipFilter extends OncePerRequestFilter {

    static final Pattern TASK_ACTION =
            Pattern.compile(
                    "^(?:/engine-rest|/operaton/api/engine/engine/[^/]+)/task/([^/]+)/(complete|submit-form|claim|resolve)/?$");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TaskOwnership ownership;

    TaskOwnershipFilter(TaskOwnership ownership) {
        this.ownership = ownership;
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
            Optional<String> refusal = ownership.refusal(principal.getName(), action.group(1));
            if (refusal.isPresent()) {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                JSON.writeValue(
                        response.getWriter(),
                        Map.of("type", "AuthorizationException", "message", refusal.get()));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
