package dev.almanac.identity;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Who may do what on Almanac's side, decided here once: controllers and services ask it, and
 * templates call it as {@code @policy}, e.g. {@code
 * th:if="${@policy.mayApplyScenarios(#authentication)}"}. A person's groups are the engine's
 * groups; a signed-in person carries them as {@code GROUP_<id>} authorities, and a check by user id
 * reads them from the engine.
 */
@Component("policy")
public class AccessPolicy {

    public static final String ADMINS = "operaton-admin";
    public static final String RELEASE_MANAGERS = "release-managers";

    /** Deploy and delete procedure versions (BPMN, DMN, forms) and migrate releases to them. */
    public static final String PROCESS_OWNERS = "process-owners";

    /** The accounts standalone job workers sign in with. */
    public static final String JOB_WORKERS = "job-workers";

    /** The authority prefix a signed-in person's engine groups carry. */
    public static final String GROUP = "GROUP_";

    private final People teams;

    AccessPolicy(People teams) {
        this.teams = teams;
    }

    /**
     * Administrators issue pipeline tokens and look after notice deliveries; the navigation shows
     * those pages to them only.
     */
    public boolean isAdmin(Authentication user) {
        return groups(user).contains(ADMINS);
    }

    /** Cockpit is for administrators, process owners and release managers (read only for them). */
    public boolean mayOpenCockpit(Authentication user) {
        Set<String> groups = groups(user);
        return groups.contains(ADMINS)
                || groups.contains(PROCESS_OWNERS)
                || groups.contains(RELEASE_MANAGERS);
    }

    public boolean isReleaseManager(Authentication user) {
        return groups(user).contains(RELEASE_MANAGERS);
    }

    /** Release managers apply what-if scenarios and override capacity reserves. */
    public boolean isReleaseManager(String userId) {
        return userId != null && teams.teamsOf(userId).contains(RELEASE_MANAGERS);
    }

    public boolean mayApplyScenarios(Authentication user) {
        return isReleaseManager(user);
    }

    public boolean mayOverrideReserves(Authentication user) {
        return isReleaseManager(user);
    }

    /** Stakeholders and their channels are changed by release managers and administrators. */
    public boolean mayManageStakeholders(Authentication user) {
        Set<String> groups = groups(user);
        return groups.contains(RELEASE_MANAGERS) || groups.contains(ADMINS);
    }

    /** A release's communications are edited by its owner team and by release managers. */
    public boolean mayEditCommunications(Authentication user, String ownerTeam) {
        Set<String> groups = groups(user);
        return groups.contains(RELEASE_MANAGERS)
                || (ownerTeam != null && groups.contains(ownerTeam));
    }

    /** The engine groups a signed-in person carries (as {@code GROUP_<id>} authorities). */
    public static Set<String> groups(Authentication user) {
        if (user == null || !user.isAuthenticated()) {
            return Set.of();
        }
        Collection<? extends GrantedAuthority> authorities = user.getAuthorities();
        return authorities.stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith(GROUP))
                .map(a -> a.substring(GROUP.length()))
                .collect(Collectors.toSet());
    }
}
