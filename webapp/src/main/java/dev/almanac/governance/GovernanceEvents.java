package dev.almanac.governance;

import java.time.Instant;
import java.util.Map;

/** What governance tells the rest of Almanac, inside the engine transaction that decided it. */
public final class GovernanceEvents {

    private GovernanceEvents() {}

    /** A failed gate or a freeze was overridden: leadership hears of it. */
    public record OverrideGranted(
            String releaseKey,
            String what,
            String by,
            String reason,
            Instant until,
            long decisionId) {}

    /** A gate halted a release: by its DMN table or by the reviewer. */
    public record GateHalted(
            String releaseKey,
            String gate,
            String reason,
            Map<String, Object> metrics,
            String decidedBy) {}

    /** A person decided at a gate or approval; the entry is already in the log. */
    public record Decided(
            String releaseKey,
            String subject,
            String outcome,
            String by,
            String rationale,
            DecisionKind kind) {}

    /** A release's retrospective was held. */
    public record RetrospectiveHeld(
            String releaseKey,
            String model,
            String wentWell,
            String slipped,
            String actions,
            String by) {}
}
