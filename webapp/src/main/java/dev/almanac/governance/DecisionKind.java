package dev.almanac.governance;

/** What kind of decision an entry of the decision log records. */
public enum DecisionKind {
    APPROVAL,
    REJECTION,
    GATE,
    OVERRIDE,
    RESCHEDULE,
    SCENARIO,
    /** A change of a release's lane, risk tier or owner team: the inputs of its gates. */
    PLAN_CHANGE,
    /** A release stopped for good, with the reason. */
    CANCELLATION,
    /**
     * A change of what releases plan against: windows, cadences, models, product lines, teams,
     * resources, dependencies; with the state before and after.
     */
    CONSTRAINT
}
