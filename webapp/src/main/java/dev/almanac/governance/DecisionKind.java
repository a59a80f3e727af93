package dev.almanac.governance;

/** What kind of decision an entry of the decision log records. */
public enum DecisionKind {
    APPROVAL,
    REJECTION,
    GATE,
    OVERRIDE,
    RESCHEDULE,
    SCENARIO
}
