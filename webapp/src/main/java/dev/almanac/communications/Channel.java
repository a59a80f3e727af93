package dev.almanac.communications;

/** Where a notice is delivered. */
public enum Channel {
    EMAIL("Email"),
    WEBHOOK("Webhook (Slack, People)"),
    IN_APP("In Almanac");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
