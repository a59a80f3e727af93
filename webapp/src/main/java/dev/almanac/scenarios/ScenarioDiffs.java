package dev.almanac.scenarios;

import dev.almanac.capacity.CapacityInputs;
import dev.almanac.capacity.Contention;
import dev.almanac.dependencies.Dependencies;
import dev.almanac.projection.Projector;
import dev.almanac.projection.Schedule;
import dev.almanac.projection.Snapshot;
import dev.almanac.projection.WhatIf;
import dev.almanac.scenarios.Scenarios.Change;
import dev.almanac.scenarios.Scenarios.Diff;
import dev.almanac.schedule.ReleaseCalendar;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A scenario against the plan: the current snapshot and the snapshot with the scenario's changes,
 * both projected, and what moves between them; the capacity conflicts of each, and which appear or
 * disappear. Reads only.
 */
@Component
class ScenarioDiffs {

    private final ReleaseCalendar calendar;
    private final CapacityInputs capacity;
    private final Dependencies dependencies;

    ScenarioDiffs(ReleaseCalendar calendar, CapacityInputs capacity, Dependencies dependencies) {
        this.calendar = calendar;
        this.capacity = capacity;
        this.dependencies = dependencies;
    }

    /**
     * The diff projected at {@code now}, deterministically: the same changes at the same instant
     * give the same diff.
     */
    Diff diff(List<Change> changes, Instant now) {
        long started = System.nanoTime();
        Snapshot current = calendar.read(now).snapshot();
        Schedule before = Projector.project(current);
        CapacityInputs.Inputs in = capacity.read(now);
        EditedPlan plan =
                EditedPlan.of(
                        current, before, calendar.zone(), dependencies, in.resources(), changes);
        Snapshot edited = plan.snapshot();
        Schedule after = Projector.project(edited);
        var loadBefore = in.load(current, before, calendar.zone());
        var loadAfter = in.with(plan.resources()).load(edited, after, calendar.zone());
        Set<String> was =
                loadBefore.conflicts().stream()
                        .map(Contention::signature)
                        .collect(Collectors.toSet());
        Set<String> is =
                loadAfter.conflicts().stream()
                        .map(Contention::signature)
                        .collect(Collectors.toSet());
        return new Diff(
                now,
                WhatIf.diff(current, before, after),
                before.releases().size(),
                (System.nanoTime() - started) / 1_000_000,
                loadAfter.conflicts().stream()
                        .filter(c -> !was.contains(Contention.signature(c)))
                        .toList(),
                loadBefore.conflicts().stream()
                        .filter(c -> !is.contains(Contention.signature(c)))
                        .toList(),
                loadBefore.conflicts().size(),
                loadAfter.conflicts().size());
    }

    /**
     * The releases the changes move, calendar only: what applying them will do to the engine's
     * dates.
     */
    List<WhatIf.Moved> moved(Snapshot current, Schedule before, List<Change> changes) {
        Snapshot edited =
                EditedPlan.of(current, before, calendar.zone(), dependencies, List.of(), changes)
                        .snapshot();
        return WhatIf.diff(current, before, Projector.project(edited));
    }
}
