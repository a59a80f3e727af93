package dev.almanac.scenarios;

/**
 * Removes a dependency between two releases' steps: the downstream step no longer waits for the
 * upstream one.
 */
public record RemoveDependency(Long dependencyId) implements Scenarios.Change {

    @Override
    public Scenarios.ChangeKind kind() {
        return Scenarios.ChangeKind.REMOVE_DEPENDENCY;
    }

    @Override
    public String describe() {
        return "Remove dependency #" + dependencyId;
    }

    @Override
    public void check(PlanChecks.Against plan) {
        if (dependencyId == null || !plan.hasDependency(dependencyId)) {
            throw new ScenarioRejected(
                    "dependencyId", "There is no dependency #" + dependencyId + ".");
        }
    }

    @Override
    public RemoveDependency normalised() {
        return this;
    }

    /**
     * The snapshot's edges carry no ids: the edge removed is the one between the dependency's
     * steps.
     */
    @Override
    public void edit(EditedPlan plan) {
        plan.dependency(dependencyId)
                .ifPresent(
                        d ->
                                plan.removeEdges(
                                        e ->
                                                e.fromRelease().equals(d.upstreamRelease())
                                                        && e.fromActivity()
                                                                .equals(d.upstreamActivity())
                                                        && e.toRelease()
                                                                .equals(d.downstreamRelease())
                                                        && e.toActivity()
                                                                .equals(d.downstreamActivity())));
    }

    @Override
    public void apply(Applying applying) {
        applying.dependencies().remove(dependencyId);
    }
}
