package dev.almanac.governance;

import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Four-eyes, decided from the record: the person who requested a release, who last changed its
 * plan, or who asked for the override a task grants, may not decide it. The procedure asks it when
 * a four-eyes task completes (and refuses the completion); the way in asks it first, so the answer
 * is a 403 in a sentence rather than an engine error.
 */
@Service
public class FourEyes {

    /**
     * Kept by Almanac in its own tables, never by the procedure: a completion that sets one of
     * these variables is refused.
     */
    public static final java.util.List<String> RECORD_ONLY =
            java.util.List.of(
                    dev.almanac.processes.ModelRelease.Variables.REQUESTED_BY,
                    dev.almanac.processes.ModelRelease.Variables.LAST_CHANGED_BY,
                    dev.almanac.processes.ModelRelease.Variables.OVERRIDE_REQUESTED_BY);

    /** Why a completion may not carry this variable, or empty if it may. */
    public static Optional<String> recordOnly(String variable, String task) {
        return RECORD_ONLY.contains(variable)
                ? Optional.of(
                        "The variable '"
                                + variable
                                + "' is not the procedure's to set: who requested a release, who"
                                + " changed its plan and who asked for an override come from"
                                + " Almanac's records. Complete '"
                                + task
                                + "' without it.")
                : Optional.empty();
    }

    private final ReleaseRecord record;
    private final OverrideRequests overrides;

    FourEyes(ReleaseRecord record, OverrideRequests overrides) {
        this.record = record;
        this.overrides = overrides;
    }

    /**
     * Why the person may not decide the task, or empty if they may.
     *
     * @param override the kind of override the task grants ({@code gate}, {@code freeze}), or null
     */
    public Optional<String> refusal(
            String actor, String releaseKey, String subject, String override) {
        if (actor == null || releaseKey == null) {
            return Optional.empty();
        }
        if (record.requestedBy(releaseKey).filter(actor::equals).isPresent()) {
            return Optional.of(
                    "Four-eyes: "
                            + actor
                            + " requested release "
                            + releaseKey
                            + " and cannot also decide '"
                            + subject
                            + "'. Someone else in the task's group must decide it.");
        }
        if (record.lastChangedBy(releaseKey).filter(actor::equals).isPresent()) {
            return Optional.of(
                    "Four-eyes: "
                            + actor
                            + " last changed the plan of release "
                            + releaseKey
                            + " and cannot also decide '"
                            + subject
                            + "'. Someone else in the task's group must decide it.");
        }
        if (override != null
                && overrides
                        .lastRequester(releaseKey, override)
                        .filter(actor::equals)
                        .isPresent()) {
            return Optional.of(
                    "Four-eyes: "
                            + actor
                            + " asked for this override of "
                            + releaseKey
                            + " and cannot also grant it. Another release manager must decide.");
        }
        return Optional.empty();
    }
}
