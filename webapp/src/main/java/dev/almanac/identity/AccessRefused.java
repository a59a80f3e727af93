package dev.almanac.identity;

/**
 * The policy refused an action: 401 when nobody is signed in, 403 when the caller may not, 404 when
 * the subject does not exist. Pages show the sentence; the API answers problem+json naming the
 * field.
 */
public class AccessRefused extends RuntimeException {

    private final int status;
    private final String field;

    public AccessRefused(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
