package dev.almanac.scenarios;

import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.StepState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Moves the end of a running release's active step: its task falls due then. */
public record MoveStepEnd(String releaseKey, String activityId, Instant date)
        implements Scenarios.Change {

    @Override
    public Scenarios.ChangeKind kind() {
        return Scenarios.ChangeKind.MOVE_STEP;
    }

    @Override
    public String describe() {
        return "Move the end of " + activityId + " of " + releaseKey + " to " + date;
    }

    @Override
    public void check(PlanChecks.Against plan) {
        ReleaseState r = plan.running(releaseKey);
        StepState step = activityId == null ? null : r.steps().get(activityId);
        if (step == null || !step.active()) {
            throw new ScenarioRejected(
                    "activityId",
                    "Only an active step's end can be moved; "
                            + r.key()
                            + " is now in "
                            + r.steps().values().stream()
                                    .filter(StepState::active)
                                    .map(StepState::activityId)
                                    .sorted()
                                    .collect(Collectors.joining(", "))
                            + ".");
        }
        if (date == null || !date.isAfter(plan.snapshot().now())) {
            throw new ScenarioRejected("date", "Give a new end in the future.");
        }
    }

    @Override
    public MoveStepEnd normalised() {
        return new MoveStepEnd(
                PlanChecks.blankToNull(releaseKey), PlanChecks.blankToNull(activityId), date);
    }

    @Override
    public void edit(EditedPlan plan) {
        ReleaseState r = plan.release(releaseKey);
        if (r != null && r.steps().containsKey(activityId)) {
            Map<String, StepState> steps = new HashMap<>(r.steps());
            StepState s = steps.get(activityId);
            steps.put(
                    s.activityId(),
                    new StepState(s.activityId(), s.actualStart(), s.actualEnd(), date));
            plan.steps(r, steps);
        }
    }

    @Override
    public void apply(Applying applying) {
        applying.releases().moveActiveStep(releaseKey, activityId, date, applying.by());
    }
}
