package dev.almanac.planning;

/** Where a release runs: a release moves between lanes only when its gates pass. */
public enum Lane {
    EXPERIMENTATION,
    STAGING,
    PRODUCTION;

    public String value() {
        return name().toLowerCase();
    }
}
