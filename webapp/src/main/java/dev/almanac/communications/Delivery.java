package dev.almanac.communications;

/** How a person wants one type of notice: at once, collected in their digest, or not at all. */
public enum Delivery {
    IMMEDIATE("Immediately"),
    DIGEST("In my digest"),
    OFF("Not at all");

    private final String label;

    Delivery(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
