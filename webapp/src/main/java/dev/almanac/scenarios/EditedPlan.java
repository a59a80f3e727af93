package dev.almanac.scenarios;

import dev.almanac.dependencies.Dependencies;
import dev.almanac.projection.Capacity;
import dev.almanac.projection.Dependency;
import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.Schedule;
import dev.almanac.projection.Snapshot;
import dev.almanac.projection.StepState;
import dev.almanac.projection.WindowRule;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The plan with a scenario's changes: the snapshot the engine and our tables will hold once it is
 * applied, and the resources with its capacity changes and leaves. Each change edits it in turn;
 * nothing here writes anywhere.
 */
final class EditedPlan {

    private final Snapshot snapshot;
    private final Schedule projected;
    private final ZoneId zone;
    private final Dependencies dependencies;
    private final Map<String, ReleaseState> byKey = new LinkedHashMap<>();
    private final List<WindowRule> windows;
    private final List<Dependency> edges;
    private final Map<String, Duration> planned;
    private final List<Capacity.Resource> resources;
    private int position;

    private EditedPlan(
            Snapshot snapshot,
            Schedule projected,
            ZoneId zone,
            Dependencies dependencies,
            List<Capacity.Resource> resources) {
        this.snapshot = snapshot;
        this.projected = projected;
        this.zone = zone;
        this.dependencies = dependencies;
        snapshot.releases().forEach(r -> byKey.put(r.key(), r));
        this.windows = new ArrayList<>(snapshot.windows());
        this.edges = new ArrayList<>(snapshot.dependencies());
        this.planned = new HashMap<>(snapshot.planned());
        this.resources = new ArrayList<>(resources);
    }

    /**
     * @param projected the snapshot's schedule, which delays start from
     * @param resources the resources as they stand; none when only the calendar matters
     */
    static EditedPlan of(
            Snapshot snapshot,
            Schedule projected,
            ZoneId zone,
            Dependencies dependencies,
            List<Capacity.Resource> resources,
            List<Scenarios.Change> changes) {
        EditedPlan plan = new EditedPlan(snapshot, projected, zone, dependencies, resources);
        for (Scenarios.Change change : changes) {
            plan.position++;
            change.edit(plan);
        }
        return plan;
    }

    Snapshot snapshot() {
        return new Snapshot(
                snapshot.now(),
                snapshot.procedures(),
                new ArrayList<>(byKey.values()),
                edges,
                windows,
                snapshot.history(),
                planned);
    }

    List<Capacity.Resource> resources() {
        return resources;
    }

    /** The plan before any change, projected. */
    Schedule projected() {
        return projected;
    }

    ZoneId zone() {
        return zone;
    }

    /** The change being made, counted from 1: it names what the change adds. */
    int position() {
        return position;
    }

    /** The release with this key as edited so far, or null. */
    ReleaseState release(String key) {
        return byKey.get(key);
    }

    void steps(ReleaseState r, Map<String, StepState> steps) {
        byKey.put(
                r.key(),
                new ReleaseState(
                        r.key(),
                        r.procedureId(),
                        r.productLine(),
                        r.model(),
                        r.team(),
                        r.lane(),
                        r.status(),
                        r.start(),
                        r.target(),
                        steps));
    }

    void addWindow(WindowRule window) {
        windows.add(window);
    }

    void plan(String releaseKey, String activityId, Duration duration) {
        planned.put(Snapshot.stepKey(releaseKey, activityId), duration);
    }

    Optional<Dependencies.DependencyInfo> dependency(long id) {
        return dependencies.find(id);
    }

    void removeEdges(Predicate<Dependency> which) {
        edges.removeIf(which);
    }

    /** Edits the resource with this key, if there is one. */
    void resource(String key, UnaryOperator<Capacity.Resource> edit) {
        for (int i = 0; i < resources.size(); i++) {
            if (resources.get(i).key().equals(key)) {
                resources.set(i, edit.apply(resources.get(i)));
            }
        }
    }
}
