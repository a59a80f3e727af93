package dev.almanac.governance;

/** Someone tried to change or delete an entry of the decision log: refused. */
public class DecisionLogIsAppendOnly extends RuntimeException {

    public DecisionLogIsAppendOnly(Long id) {
        super(
                "The decision log is append-only: entry "
                        + id
                        + " cannot be changed or deleted. Record a new decision instead.");
    }
}
