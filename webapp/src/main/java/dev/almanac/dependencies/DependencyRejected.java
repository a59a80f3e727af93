package dev.almanac.dependencies;

/** A dependency that cannot be recorded as asked; names the field and says why. */
public class DependencyRejected extends RuntimeException {

    private final String field;

    public DependencyRejected(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
