package dev.almanac.communications;

/** Why someone is told about a product line's or model's releases. */
public enum StakeholderRole {
    OWNER("Owner"),
    APPROVER("Approver"),
    RISK("Risk"),
    CONSUMER("Consumer"),
    LEADERSHIP("Leadership"),
    ON_CALL("On-call");

    private final String label;

    StakeholderRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
