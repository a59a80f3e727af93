package dev.almanac.scenarios;

/** A scenario request that cannot be done, naming the field; nothing changed. */
public class ScenarioRejected extends RuntimeException {

    private final String field;

    public ScenarioRejected(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
