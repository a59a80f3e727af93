package dev.almanac.identity;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Who may do what on Almanac's side, decided here once from the table in {@link Action}: every
 * handler names its action ({@link Permits}) and is let in or refused before it runs, services ask
 * {@link #require} for what a handler cannot see, and templates call it as {@code @policy}, e.g.
 * {@code th:if="${@policy.may('APPLY_SCENARIOS', #authentication)}"}. A person's groups are the
 * engine's groups; a signed-in person carries them as {@code GROUP_<id>} authorities, and a check
 * by user id reads them from the engine.
 */
@Component("policy")
public class AccessPolicy {

    public static final String ADMINS = "operaton-admin";
    public static final String RELEASE_MANAGERS = "release-managers";

    /** Accounts that may read {@code /actuator/prometheus} (a Prometheus server's). */
    public static final String METRICS_SCRAPERS = "metrics-scrapers";

    /** Deploy and delete procedure versions (BPMN, DMN, forms) and migrate releases to them. */
    public static final String PROCESS_OWNERS = "process-owners";

    public static final String RISK_OFFICERS = "risk-officers";

    /** The accounts standalone job workers sign in with. */
    public static final String JOB_WORKERS = "job-workers";

    /** The authority prefix a signed-in person's engine groups carry. */
    public static final String GROUP = "GROUP_";

    private final People teams;
    private final ObjectProvider<SubjectDirectory> directoryBeans;
    private volatile Map<SubjectKind, SubjectDirectory> directories;

    AccessPolicy(People teams, ObjectProvider<SubjectDirectory> directories) {
        this.teams = teams;
        this.directoryBeans = directories;
    }

    /**
     * Lets the caller take the action on the subject (a release key, model key or dependency id, as
     * the action's {@link SubjectKind} says), or throws the refusal with a sentence saying who may.
     */
    public void require(Action action, Authentication caller, String subjectId) {
        Optional<AccessRefused> refusal = refusal(action, caller, subjectId);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    /** For templates: {@code @policy.may('EDIT_WINDOWS', #authentication)}. */
    public boolean may(String action, Authentication caller) {
        return refusal(Action.valueOf(action), caller, null).isEmpty();
    }

    /** For templates: {@code @policy.mayOn('CANCEL_RELEASE', #authentication, release.key())}. */
    public boolean mayOn(String action, Authentication caller, String subjectId) {
        return refusal(Action.valueOf(action), caller, subjectId).isEmpty();
    }

    /** Why the caller may not take the action, or nothing when they may. */
    public Optional<AccessRefused> refusal(Action action, Authentication caller, String subjectId) {
        Set<Role> roles = action.roles();
        if (roles.contains(Role.ANYONE)) {
            return Optional.empty();
        }
        if (caller == null
                || !caller.isAuthenticated()
                || caller
                        instanceof
                        org.springframework.security.authentication.AnonymousAuthenticationToken) {
            return Optional.of(new AccessRefused(401, "Authorization", "Sign in first."));
        }
        if (caller.getPrincipal() instanceof ScopedCaller program) {
            return programRefusal(action, program, subjectId);
        }
        if (roles.equals(Set.of(Role.PIPELINE))) {
            return Optional.of(
                    new AccessRefused(
                            403, null, action.description() + " is for pipeline tokens."));
        }
        Set<String> groups = groups(caller);
        if (groups.contains(ADMINS)
                || roles.contains(Role.SIGNED_IN)
                || (roles.contains(Role.RELEASE_MANAGERS) && groups.contains(RELEASE_MANAGERS))
                || (roles.contains(Role.PROCESS_OWNERS) && groups.contains(PROCESS_OWNERS))
                || (roles.contains(Role.RISK_OFFICERS) && groups.contains(RISK_OFFICERS))) {
            return Optional.empty();
        }
        if (roles.contains(Role.OWNER_TEAM) && action.subject() != SubjectKind.NONE) {
            if (subjectId == null) {
                return Optional.of(refused(action, null));
            }
            Optional<Subject> subject = subject(action.subject(), subjectId);
            if (subject.isEmpty()) {
                return Optional.of(notFound(action.subject(), subjectId));
            }
            if (ownsIt(groups, subject.get())) {
                return Optional.empty();
            }
            return Optional.of(refused(action, subject.get()));
        }
        return Optional.of(refused(action, null));
    }

    /**
     * Why the person may not plan a release of the model for the owner team, or nothing: release
     * managers and admins plan for any team; others for their own teams, and for a catalogued model
     * only when their team owns it on its product line.
     */
    public Optional<String> planningRefusal(Authentication person, String ownerTeam, String model) {
        Set<String> groups = groups(person);
        if (groups.contains(ADMINS) || groups.contains(RELEASE_MANAGERS)) {
            return Optional.empty();
        }
        if (ownerTeam == null || ownerTeam.isBlank()) {
            return Optional.empty(); // the form says the owner team is required
        }
        if (!groups.contains(ownerTeam)) {
            return Optional.of(
                    "You plan releases for your own teams; ask a release manager to plan one for "
                            + ownerTeam
                            + ".");
        }
        Optional<Subject> catalogued = subject(SubjectKind.MODEL, model);
        // the model must be its team's, and the release's owner team must work on its line
        if (catalogued.isPresent()
                && (!ownsIt(groups, catalogued.get())
                        || !ownsIt(
                                groups,
                                new Subject(model, catalogued.get().productLine(), ownerTeam)))) {
            return Optional.of(
                    "Model "
                            + model
                            + " belongs to "
                            + catalogued.get().ownerTeam()
                            + (catalogued.get().productLine() == null
                                    ? ""
                                    : " on product line " + catalogued.get().productLine())
                            + "; your teams may not plan its releases.");
        }
        return Optional.empty();
    }

    /**
     * Whether the person's teams own the subject: a member of its owner team, and the team belongs
     * to the subject's product line (a model in no product line is its team's alone).
     */
    public boolean ownsIt(Set<String> groups, Subject subject) {
        if (subject.ownerTeam() == null || !groups.contains(subject.ownerTeam())) {
            return false;
        }
        return subject.productLine() == null
                || productLinesOf(Set.of(subject.ownerTeam())).contains(subject.productLine());
    }

    /** The product lines the given teams belong to. */
    public Set<String> productLinesOf(Set<String> teamIds) {
        Set<String> lines = new HashSet<>();
        for (SubjectDirectory directory : directories().values()) {
            lines.addAll(directory.productLinesOf(teamIds));
        }
        return lines;
    }

    /** Whether the program's scope covers the model (catalogued or not). */
    public boolean covers(ScopedCaller program, String model) {
        if ((program.models().isEmpty() && program.productLines().isEmpty())
                || program.models().contains(model)) {
            // no need to look the model's product line up
            return true;
        }
        return program.covers(
                subject(SubjectKind.MODEL, model).orElse(new Subject(model, null, null)));
    }

    private Optional<AccessRefused> programRefusal(
            Action action, ScopedCaller program, String subjectId) {
        if (!action.roles().contains(Role.PIPELINE)) {
            return Optional.of(
                    new AccessRefused(
                            403,
                            "Authorization",
                            action.description() + " is not for pipeline tokens."));
        }
        if (action.subject() == SubjectKind.EVERY_MODEL) {
            return program.models().isEmpty() && program.productLines().isEmpty()
                    ? Optional.empty()
                    : Optional.of(
                            new AccessRefused(
                                    403,
                                    "token",
                                    "Token '"
                                            + program.name()
                                            + "' is limited to some models; "
                                            + action.description().toLowerCase()
                                            + " needs a token for every model."));
        }
        if (action.subject() == SubjectKind.NONE || subjectId == null) {
            return Optional.empty();
        }
        Optional<Subject> subject = subject(action.subject(), subjectId);
        if (subject.isEmpty()) {
            return Optional.of(notFound(action.subject(), subjectId));
        }
        if (program.covers(subject.get())) {
            return Optional.empty();
        }
        return Optional.of(
                new AccessRefused(
                        403,
                        "key",
                        "Token '"
                                + program.name()
                                + "' may not act on model "
                                + subject.get().model()
                                + "."));
    }

    public Optional<Subject> subject(SubjectKind kind, String id) {
        SubjectDirectory directory = directories().get(kind);
        return directory == null || id == null || id.isBlank()
                ? Optional.empty()
                : directory.find(id);
    }

    private Map<SubjectKind, SubjectDirectory> directories() {
        Map<SubjectKind, SubjectDirectory> known = directories;
        if (known == null) {
            known = new EnumMap<>(SubjectKind.class);
            for (SubjectDirectory directory : directoryBeans.orderedStream().toList()) {
                known.put(directory.kind(), directory);
            }
            directories = known;
        }
        return known;
    }

    private static AccessRefused notFound(SubjectKind kind, String id) {
        String what = kind.name().toLowerCase();
        return new AccessRefused(404, "key", "There is no " + what + " " + id + ".");
    }

    private static AccessRefused refused(Action action, Subject subject) {
        List<String> who =
                action.roles().stream()
                        .filter(r -> r != Role.ADMINS && r != Role.PIPELINE)
                        .map(
                                r ->
                                        r == Role.OWNER_TEAM && subject != null
                                                ? "its owner team ("
                                                        + subject.ownerTeam()
                                                        + (subject.productLine() == null
                                                                ? ""
                                                                : ", product line "
                                                                        + subject.productLine())
                                                        + ")"
                                                : r.label())
                        .collect(Collectors.toList());
        who.add("admins");
        return new AccessRefused(
                403,
                null,
                action.description() + ": only " + String.join(", ", who) + " may do that.");
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

    /** For services that know the person by id only: release managers (and admins). */
    public boolean isReleaseManager(String userId) {
        if (userId == null) {
            return false;
        }
        List<String> of = teams.teamsOf(userId);
        return of.contains(RELEASE_MANAGERS) || of.contains(ADMINS);
    }

    /** The teams of a person known by id. */
    public Set<String> teamsOf(String userId) {
        return userId == null ? Set.of() : Set.copyOf(teams.teamsOf(userId));
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
