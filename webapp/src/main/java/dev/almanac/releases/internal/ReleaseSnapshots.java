package dev.almanac.releases.internal;

import dev.almanac.planning.PlanningCatalog;
import dev.almanac.projection.DurationHistory;
import dev.almanac.projection.Procedure;
import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.ReleaseStatus;
import dev.almanac.projection.StepKind;
import dev.almanac.releases.ReleaseQueries;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Turns plans and engine state into the projector's view of releases, and finished steps into
 * learned durations.
 */
@Component
public class ReleaseSnapshots {

    private final ReleasePlanRepository plans;
    private final ReleaseProcess process;
    private final ReleaseStandings standings;
    private final ProcedureModels procedures;
    private final PlanningCatalog catalog;
    private final StepOverrideRepository overrides;

    ReleaseSnapshots(
            ReleasePlanRepository plans,
            ReleaseProcess process,
            ReleaseStandings standings,
            ProcedureModels procedures,
            PlanningCatalog catalog,
            StepOverrideRepository overrides) {
        this.overrides = overrides;
        this.plans = plans;
        this.process = process;
        this.standings = standings;
        this.procedures = procedures;
        this.catalog = catalog;
    }

    public ReleaseQueries.EngineSnapshot read(Instant endedSince, ZoneId zone) {
        Map<String, PlanningCatalog.ModelInfo> models = catalog.modelsByKey();
        Map<String, ReleaseStandings.EngineState> states = standings.engineStates(endedSince);
        Map<String, StepOverride> dueSet = new HashMap<>();
        Map<String, java.time.Duration> planned = new HashMap<>();
        for (StepOverride o : overrides.findAll()) {
            String stepKey =
                    dev.almanac.projection.Snapshot.stepKey(o.releaseKey(), o.activityId());
            if (o.due() != null) {
                dueSet.put(stepKey, o);
            }
            if (o.planned() != null) {
                planned.put(stepKey, o.planned());
            }
        }
        Map<String, Procedure> used = new HashMap<>();
        List<ReleaseState> releases = new ArrayList<>();
        for (ReleasePlan plan : plans.findAll()) {
            PlanningCatalog.ModelInfo model = models.get(plan.getModel());
            String productLine = model == null ? null : model.productLine();
            Instant target = plan.getTargetDate().plusDays(1).atStartOfDay(zone).toInstant();
            if (plan.getProcessInstanceId() == null) {
                Procedure procedure = procedures.latest();
                used.put(procedure.id(), procedure);
                releases.add(
                        new ReleaseState(
                                plan.getKey(),
                                procedure.id(),
                                productLine,
                                plan.getModel(),
                                plan.getOwnerTeam(),
                                plan.getLane().value(),
                                ReleaseStatus.PLANNED,
                                plan.getCreatedAt(),
                                target,
                                Map.of()));
                continue;
            }
            ReleaseStandings.EngineState state = states.get(plan.getProcessInstanceId());
            if (state == null) {
                continue; // ended before the calendar's horizon
            }
            Procedure procedure = procedures.of(state.processDefinitionId());
            used.put(procedure.id(), procedure);
            ReleaseStatus status =
                    state.end() == null
                            ? ReleaseStatus.ACTIVE
                            : reachedTarget(procedure, state)
                                    ? ReleaseStatus.COMPLETED
                                    : ReleaseStatus.STOPPED;
            releases.add(
                    new ReleaseState(
                            plan.getKey(),
                            procedure.id(),
                            productLine,
                            plan.getModel(),
                            plan.getOwnerTeam(),
                            plan.getLane().value(),
                            status,
                            state.start(),
                            target,
                            dueSet.isEmpty()
                                    ? state.steps()
                                    : withDue(plan.getKey(), state.steps(), dueSet)));
        }
        return new ReleaseQueries.EngineSnapshot(used, releases, planned);
    }

    /**
     * An active step the engine keeps no due date for takes the one a planner set during this run
     * of it (a date set for an earlier run, before a loop brought the release back, no longer
     * holds).
     */
    private static Map<String, dev.almanac.projection.StepState> withDue(
            String key,
            Map<String, dev.almanac.projection.StepState> steps,
            Map<String, StepOverride> dueSet) {
        Map<String, dev.almanac.projection.StepState> result = new HashMap<>(steps);
        steps.forEach(
                (activity, state) -> {
                    StepOverride set =
                            dueSet.get(dev.almanac.projection.Snapshot.stepKey(key, activity));
                    if (set != null
                            && state.active()
                            && state.due() == null
                            && !set.setAt().isBefore(state.actualStart())) {
                        result.put(
                                activity,
                                new dev.almanac.projection.StepState(
                                        activity, state.actualStart(), null, set.due()));
                    }
                });
        return result;
    }

    public Procedure latestProcedure() {
        return procedures.latest();
    }

    private static boolean reachedTarget(Procedure procedure, ReleaseStandings.EngineState state) {
        var target =
                procedure.targetActivity() == null
                        ? null
                        : state.steps().get(procedure.targetActivity());
        return target != null && target.actualEnd() != null;
    }

    /**
     * Durations of the last {@code limit} finished steps, by activity and product line. Waiting for
     * a release window or for upstream releases is left out: the window rules and the upstream
     * releases, not history, say how long that takes.
     */
    public DurationHistory learnedDurations(int limit, int minSamples) {
        Set<String> windowWaits = new java.util.HashSet<>();
        Procedure latest = procedures.latest();
        latest.steps().stream()
                .filter(
                        s ->
                                s.kind() == StepKind.RELEASE_WINDOW
                                        || s.kind() == StepKind.UPSTREAM_WAIT)
                .forEach(s -> windowWaits.add(s.activityId()));
        List<ReleaseStandings.FinishedStep> finished = standings.finishedSteps(limit);
        Map<String, String> modelByInstance = new HashMap<>();
        plans.findAll()
                .forEach(
                        p -> {
                            if (p.getProcessInstanceId() != null) {
                                modelByInstance.put(p.getProcessInstanceId(), p.getModel());
                            }
                        });
        Map<String, PlanningCatalog.ModelInfo> models = catalog.modelsByKey();
        Set<String> withBody =
                finished.stream()
                        .filter(ReleaseStandings.FinishedStep::multiInstanceBody)
                        .map(f -> f.processInstanceId() + "/" + f.activityId())
                        .collect(Collectors.toSet());
        Map<String, Map<String, List<Long>>> grouped = new HashMap<>();
        for (ReleaseStandings.FinishedStep step : finished) {
            if (windowWaits.contains(step.activityId())
                    || (!step.multiInstanceBody()
                            && withBody.contains(
                                    step.processInstanceId() + "/" + step.activityId()))) {
                continue;
            }
            PlanningCatalog.ModelInfo model =
                    models.get(modelByInstance.get(step.processInstanceId()));
            String line = model == null || model.productLine() == null ? "" : model.productLine();
            grouped.computeIfAbsent(step.activityId(), k -> new HashMap<>())
                    .computeIfAbsent(line, k -> new ArrayList<>())
                    .add(step.millis() / 1000);
        }
        Map<String, Map<String, long[]>> seconds = new HashMap<>();
        grouped.forEach(
                (activity, byLine) ->
                        byLine.forEach(
                                (line, values) ->
                                        seconds.computeIfAbsent(activity, k -> new HashMap<>())
                                                .put(
                                                        line,
                                                        values.stream()
                                                                .mapToLong(Long::longValue)
                                                                .toArray())));
        return new DurationHistory(seconds, minSamples);
    }
}
