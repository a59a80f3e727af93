package dev.almanac.scenarios;

import dev.almanac.projection.Capacity;
import java.time.LocalDate;

/**
 * Takes capacity away for a while (leave, maintenance): one member of a resource, or all of it.
 *
 * @param member null for the whole resource
 * @param until the last day away
 */
public record AddLeave(String resource, String member, LocalDate from, LocalDate until)
        implements Scenarios.Change {

    @Override
    public Scenarios.ChangeKind kind() {
        return Scenarios.ChangeKind.ADD_LEAVE;
    }

    @Override
    public String describe() {
        return "Take "
                + (member == null ? "all of " + resource : member + " (" + resource + ")")
                + " away from "
                + from
                + " to "
                + until;
    }

    @Override
    public void check(PlanChecks.Against plan) {
        Capacity.Resource away = plan.resourceFrom(resource, from);
        if (until == null || until.isBefore(from)) {
            throw new ScenarioRejected("until", "The last day is on or after the first.");
        }
        if (member != null && !member.isBlank() && !away.members().contains(member.trim())) {
            throw new ScenarioRejected("member", resource + " has no member '" + member + "'.");
        }
    }

    @Override
    public AddLeave normalised() {
        return new AddLeave(
                PlanChecks.blankToNull(resource), PlanChecks.blankToNull(member), from, until);
    }

    @Override
    public void edit(EditedPlan plan) {
        plan.resource(resource, r -> r.withHoliday(holiday()));
    }

    @Override
    public void apply(Applying applying) {
        applying.resources().addHoliday(resource, holiday(), applying.by());
    }

    private Capacity.Holiday holiday() {
        return new Capacity.Holiday(from, until, null, member);
    }
}
