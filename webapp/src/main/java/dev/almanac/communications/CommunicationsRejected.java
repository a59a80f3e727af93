package dev.almanac.communications;

/** Input for communications that cannot be used, naming the field. Nothing was saved. */
public class CommunicationsRejected extends RuntimeException {

    private final String field;

    public CommunicationsRejected(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
