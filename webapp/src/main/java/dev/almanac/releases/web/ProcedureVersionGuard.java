package dev.almanac.releases.web;

import dev.almanac.identity.AccessPolicy;
import dev.almanac.identity.People;
import dev.almanac.releases.ReleaseQueries;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process owner deletes procedure versions, not releases: deleting a deployment with {@code
 * cascade=true} would delete every release that ran on it, and its history, the audit trail. That
 * is refused (403) unless no release ever ran on it, or an administrator asks; over {@code
 * /engine-rest} and from Cockpit alike.
 */
class ProcedureVersionGuard extends EngineRequestGuard {

    static final Pattern DEPLOYMENT = Pattern.compile("^" + ENGINE_API + "/deployment/([^/]+)/?$");

    private final ReleaseQueries releases;
    private final People people;

    ProcedureVersionGuard(ReleaseQueries releases, People people) {
        this.releases = releases;
        this.people = people;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"DELETE".equalsIgnoreCase(request.getMethod())
                || !"true".equalsIgnoreCase(request.getParameter("cascade"));
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher deployment = DEPLOYMENT.matcher(path(request));
        Principal principal = request.getUserPrincipal();
        if (deployment.matches()
                && principal != null
                && !people.teamsOf(principal.getName()).contains(AccessPolicy.ADMINS)) {
            long ran = people.asSystem(() -> releases.releasesOnDeployment(deployment.group(1)));
            if (ran > 0) {
                refuse(
                        response,
                        HttpServletResponse.SC_FORBIDDEN,
                        "AuthorizationException",
                        ran
                                + " release(s) ran on this procedure version; deleting it with"
                                + " cascade would delete them and their history. Migrate running"
                                + " releases to another version and keep the history, or ask an"
                                + " administrator.");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
