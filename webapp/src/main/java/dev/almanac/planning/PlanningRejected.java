package dev.almanac.planning;

/**
 * A planning change that cannot be made as asked; names the field and says why, in words a person
 * can act on.
 */
public class PlanningRejected extends RuntimeException {

    private final String field;

    public PlanningRejected(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
