package dev.almanac.identity;

import static dev.almanac.identity.Role.ADMINS;
import static dev.almanac.identity.Role.ANYONE;
import static dev.almanac.identity.Role.OWNER_TEAM;
import static dev.almanac.identity.Role.PIPELINE;
import static dev.almanac.identity.Role.RELEASE_MANAGERS;
import static dev.almanac.identity.Role.SIGNED_IN;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every action on Almanac's side and who may take it: the policy table, in one place. Each handler
 * names its action with {@link Permits}; {@link ActionPolicy} decides; the README and {@code
 * docs/POLICY.md} show this table and a test keeps them equal. What a row's condition says beyond
 * the roles (a reason, the freeze-override path) is checked where the change is made.
 */
public enum Action {
    SIGN_IN("Open the sign-in page", SubjectKind.NONE, "", ANYONE),
    SIMULATED_PIPELINE(
            "Call the demo's simulated ML pipeline",
            SubjectKind.NONE,
            "it exists in the demo profile only",
            ANYONE),
    SUBSCRIBE_FEED(
            "Read a calendar feed (.ics)",
            SubjectKind.NONE,
            "the unguessable token in the URL is the credential",
            ANYONE),
    READ(
            "Read the calendar, releases, plans, dependencies, capacity, scenarios and the decision log",
            SubjectKind.NONE,
            "",
            SIGNED_IN),
    OWN_SETTINGS(
            "Read one's inbox, set one's notice preferences, reset one's feed secret",
            SubjectKind.NONE,
            "only one's own",
            SIGNED_IN),
    PLAN_RELEASE(
            "Plan a release",
            SubjectKind.NONE,
            "the owner team is one of one's own teams and the model's product line one of its"
                    + " lines (release managers: any team)",
            SIGNED_IN,
            RELEASE_MANAGERS),
    CHANGE_PLAN(
            "Change a release's plan (target date, lane, risk tier)",
            SubjectKind.RELEASE,
            "a reason; a lane or risk-tier change is a decision; only release managers change the"
                    + " owner team",
            OWNER_TEAM,
            RELEASE_MANAGERS),
    CANCEL_RELEASE(
            "Cancel a release", SubjectKind.RELEASE, "a reason", OWNER_TEAM, RELEASE_MANAGERS),
    EDIT_COMMUNICATIONS(
            "Edit a release's communications, release notes and open items",
            SubjectKind.RELEASE,
            "",
            OWNER_TEAM,
            RELEASE_MANAGERS),
    REQUEST_FREEZE_OVERRIDE(
            "Ask for a freeze override",
            SubjectKind.RELEASE,
            "a reason; a second person approves it in the procedure",
            OWNER_TEAM,
            RELEASE_MANAGERS),
    EDIT_DEPENDENCIES(
            "Add or remove a release's dependencies",
            SubjectKind.RELEASE,
            "the release is the downstream one",
            OWNER_TEAM,
            RELEASE_MANAGERS),
    EDIT_WINDOWS(
            "Create, change or remove release, freeze and experimentation windows",
            SubjectKind.NONE,
            "a reason for freezes; removing or shortening a freeze that holds a waiting deploy"
                    + " goes through the freeze-override path",
            RELEASE_MANAGERS,
            ADMINS),
    EDIT_CADENCES(
            "Create or change cadences",
            SubjectKind.NONE,
            "at most one release a day",
            RELEASE_MANAGERS,
            ADMINS),
    EDIT_CATALOG(
            "Create or change models, product lines and teams",
            SubjectKind.NONE,
            "",
            RELEASE_MANAGERS,
            ADMINS),
    EDIT_RESOURCES(
            "Create or change resources, capacity, holidays, reserves and demands",
            SubjectKind.NONE,
            "",
            RELEASE_MANAGERS,
            ADMINS),
    OVERRIDE_RESERVES(
            "Override a capacity reserve", SubjectKind.NONE, "a reason", RELEASE_MANAGERS),
    DRAFT_SCENARIOS(
            "Draft what-if scenarios and levelling proposals",
            SubjectKind.NONE,
            "a draft changes nothing",
            SIGNED_IN),
    APPLY_SCENARIOS("Apply a scenario", SubjectKind.NONE, "", RELEASE_MANAGERS),
    MANAGE_STAKEHOLDERS(
            "Add or remove stakeholders", SubjectKind.NONE, "", RELEASE_MANAGERS, ADMINS),
    ADMINISTER(
            "Issue and revoke pipeline tokens, retry notices, unlock sign-ins",
            SubjectKind.NONE,
            "",
            ADMINS),
    PIPELINE_PLAN(
            "Plan a release over the API",
            SubjectKind.NONE,
            "the model within the token's scope",
            PIPELINE),
    PIPELINE_READ(
            "List releases and read the calendar over the API",
            SubjectKind.NONE,
            "lists show the token's scope only",
            PIPELINE),
    PIPELINE_RELEASE(
            "Read a release, send it events, read and change its dependencies over the API",
            SubjectKind.RELEASE,
            "the release's model within the token's scope; events carry only declared variables",
            PIPELINE),
    PIPELINE_DEPENDENCY(
            "Remove a dependency over the API",
            SubjectKind.DEPENDENCY,
            "its downstream release within the token's scope",
            PIPELINE),
    PIPELINE_STAKEHOLDERS(
            "Read and add stakeholders over the API",
            SubjectKind.EVERY_MODEL,
            "tokens for every model only: stakeholders span models",
            PIPELINE);

    private final String description;
    private final SubjectKind subject;
    private final String condition;
    private final Set<Role> roles;

    Action(String description, SubjectKind subject, String condition, Role first, Role... rest) {
        this.description = description;
        this.subject = subject;
        this.condition = condition;
        this.roles = EnumSet.of(first, rest);
    }

    public String description() {
        return description;
    }

    public SubjectKind subject() {
        return subject;
    }

    public String condition() {
        return condition;
    }

    /**
     * Whether the role holds this action; admins hold every action of people, none of pipelines.
     */
    public boolean grants(Role role) {
        if (role == Role.ADMINS) {
            return !roles.equals(EnumSet.of(Role.PIPELINE));
        }
        return roles.contains(role);
    }

    /**
     * The roles granted this action (admins hold every action of people, see {@link ActionPolicy}).
     */
    public Set<Role> roles() {
        return roles;
    }
}
