package dev.almanac.scenarios;

import dev.almanac.projection.Capacity;
import java.time.LocalDate;

/**
 * Changes a resource's capacity from a day on; the calendar does not move, its conflicts may.
 *
 * @param capacity per day, per member for a resource of people
 */
public record ChangeCapacity(String resource, LocalDate from, Double capacity)
        implements Scenarios.Change {

    @Override
    public Scenarios.ChangeKind kind() {
        return Scenarios.ChangeKind.CHANGE_CAPACITY;
    }

    @Override
    public String describe() {
        return "Set " + resource + " to " + capacity + " from " + from;
    }

    @Override
    public void check(PlanChecks.Against plan) {
        plan.resourceFrom(resource, from);
        if (capacity == null || capacity < 0 || capacity > 1_000_000) {
            throw new ScenarioRejected("capacity", "Capacity is a number from 0 to 1,000,000.");
        }
    }

    @Override
    public ChangeCapacity normalised() {
        return new ChangeCapacity(PlanChecks.blankToNull(resource), from, capacity);
    }

    @Override
    public void edit(EditedPlan plan) {
        plan.resource(resource, r -> r.withChange(new Capacity.CapacityChange(from, capacity)));
    }

    @Override
    public void apply(Applying applying) {
        applying.resources().changeCapacity(resource, from, capacity, applying.by());
    }
}
