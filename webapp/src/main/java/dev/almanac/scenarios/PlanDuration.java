package dev.almanac.scenarios;

import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.StepState;
import dev.almanac.schedule.ScheduleTexts;
import java.time.Duration;

/**
 * Plans how long a step of a release that has not started it yet will take, instead of what its
 * history says.
 */
public record PlanDuration(String releaseKey, String activityId, Duration duration)
        implements Scenarios.Change {

    @Override
    public Scenarios.ChangeKind kind() {
        return Scenarios.ChangeKind.PLAN_DURATION;
    }

    @Override
    public String describe() {
        return "Plan "
                + activityId
                + " of "
                + releaseKey
                + " at "
                + ScheduleTexts.humanDuration(duration);
    }

    @Override
    public void check(PlanChecks.Against plan) {
        ReleaseState r = plan.release(releaseKey);
        var procedure = plan.snapshot().procedures().get(r.procedureId());
        boolean known =
                procedure != null
                        && procedure.steps().stream()
                                .anyMatch(
                                        s ->
                                                s.expected()
                                                        && s.milestone() != null
                                                        && s.activityId().equals(activityId));
        StepState state = activityId == null ? null : r.steps().get(activityId);
        if (!known || (state != null && state.actualStart() != null)) {
            throw new ScenarioRejected(
                    "activityId", "Choose a step of " + r.key() + " that has not started.");
        }
        if (duration == null
                || duration.isNegative()
                || duration.compareTo(PlanChecks.LONGEST_DELAY) > 0) {
            throw new ScenarioRejected(
                    "duration", "A planned duration is between zero and 365 days.");
        }
    }

    @Override
    public PlanDuration normalised() {
        return new PlanDuration(
                PlanChecks.blankToNull(releaseKey), PlanChecks.blankToNull(activityId), duration);
    }

    @Override
    public void edit(EditedPlan plan) {
        plan.plan(releaseKey, activityId, duration);
    }

    @Override
    public void apply(Applying applying) {
        applying.releases().planStepDuration(releaseKey, activityId, duration, applying.by());
    }
}
