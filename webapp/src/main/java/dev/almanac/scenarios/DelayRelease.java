package dev.almanac.scenarios;

import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.StepState;
import dev.almanac.projection.WhatIf;
import java.time.Duration;

/** Delays a running release: its active steps end later, and the rest of it follows. */
public record DelayRelease(String releaseKey, Integer days) implements Scenarios.Change {

    @Override
    public Scenarios.ChangeKind kind() {
        return Scenarios.ChangeKind.DELAY_RELEASE;
    }

    @Override
    public String describe() {
        return "Delay " + releaseKey + " by " + days + (days == 1 ? " day" : " days");
    }

    @Override
    public void check(PlanChecks.Against plan) {
        ReleaseState r = plan.running(releaseKey);
        if (days == null || days < 1 || days > PlanChecks.LONGEST_DELAY.toDays()) {
            throw new ScenarioRejected("days", "Delay by 1 to 365 days.");
        }
        if (r.steps().values().stream().noneMatch(StepState::active)) {
            throw new ScenarioRejected(
                    "releaseKey", "Release " + r.key() + " has no active step to delay.");
        }
    }

    @Override
    public DelayRelease normalised() {
        return new DelayRelease(PlanChecks.blankToNull(releaseKey), days);
    }

    @Override
    public void edit(EditedPlan plan) {
        ReleaseState r = plan.release(releaseKey);
        if (r != null) {
            plan.steps(r, WhatIf.delayedSteps(r, plan.projected(), Duration.ofDays(days)));
        }
    }

    /**
     * Moves the due dates of the active steps' tasks, and shifts the release's timers by as much.
     */
    @Override
    public void apply(Applying applying) {
        Duration by = Duration.ofDays(days);
        ReleaseState r = applying.release(releaseKey);
        WhatIf.delayedSteps(r, applying.before(), by)
                .forEach(
                        (activity, step) -> {
                            if (step.active()) {
                                applying.releases()
                                        .moveActiveStep(
                                                r.key(), activity, step.due(), applying.by());
                            }
                        });
        applying.releases().shiftBoundaryTimers(r.key(), by);
    }
}
