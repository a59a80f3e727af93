package dev.almanac.planning;

/** The model's risk tier; it decides which sign-offs a release needs. */
public enum RiskTier {
    LOW,
    MEDIUM,
    HIGH;

    public String value() {
        return name().toLowerCase();
    }
}
