package dev.almanac.identity.internal;

import dev.almanac.identity.AccessPolicy;
import dev.almanac.identity.AccessRefused;
import dev.almanac.identity.Permits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Enforces the policy for every handler before it runs: the handler's {@link Permits} names the
 * action and the path variable of its subject. A handler of ours without one is refused for
 * everyone, so a new endpoint is closed until someone decides who may use it.
 */
class PolicyInterceptor implements HandlerInterceptor {

    /**
     * Handlers from libraries, which cannot carry {@link Permits}: the error page and the OpenAPI
     * description (open at the filter chain already).
     */
    static final Set<String> LIBRARY_HANDLERS =
            Set.of(
                    "org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController",
                    "org.springdoc.webmvc.api.OpenApiWebMvcResource");

    private final AccessPolicy policy;

    PolicyInterceptor(AccessPolicy policy) {
        this.policy = policy;
    }

    @Override
    public boolean preHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Permits permits = method.getMethodAnnotation(Permits.class);
        if (permits == null) {
            if (LIBRARY_HANDLERS.contains(method.getBeanType().getName())) {
                return true;
            }
            throw new AccessRefused(
                    403, null, "This address is not in Almanac's policy, so nobody may use it.");
        }
        String subject = null;
        if (!permits.subject().isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, String> variables =
                    (Map<String, String>)
                            request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            subject = variables == null ? null : variables.get(permits.subject());
        }
        policy.require(
                permits.value(), SecurityContextHolder.getContext().getAuthentication(), subject);
        return true;
    }
}
