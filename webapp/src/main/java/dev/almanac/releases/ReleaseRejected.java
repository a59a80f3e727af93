package dev.almanac.releases;

/**
 * A release that cannot be planned as asked; names the field and says why, in words a person can
 * act on.
 */
public class ReleaseRejected extends RuntimeException {

    private final String field;

    public ReleaseRejected(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
