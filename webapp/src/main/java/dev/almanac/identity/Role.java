package dev.almanac.identity;

/**
 * Who can be granted an action on Almanac's side: the columns of the policy table. Groups are the
 * engine's groups; a pipeline is a token on {@code /api/v1}.
 */
public enum Role {
    /** Not signed in: only the sign-in page, static files, health and calendar feed URLs. */
    ANYONE("anyone"),
    /** Any person with an account. */
    SIGNED_IN("any signed-in person"),
    /** A member of the team that owns the release or model, on that team's product lines only. */
    OWNER_TEAM("owner team (its product lines)"),
    RISK_OFFICERS("risk officers"),
    PROCESS_OWNERS("process owners"),
    RELEASE_MANAGERS("release managers"),
    ADMINS("admins"),
    /** A pipeline token, on the models and product lines it is scoped to. */
    PIPELINE("pipeline token (its scope)");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
