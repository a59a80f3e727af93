package dev.almanac.releases.internal;

import dev.almanac.planning.WindowsChanged;
import dev.almanac.processes.ProcedureClock;
import dev.almanac.processes.ReleaseTiming;
import dev.almanac.projection.StepKind;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When a window changes, releases already waiting for a release window follow: a new freeze pushes
 * their deploy timer to its end, a removed one brings it forward.
 */
@Component
public class WindowWaits implements dev.almanac.planning.WaitingDeploys {

    private static final Logger log = LoggerFactory.getLogger(WindowWaits.class);

    private final ReleaseProcess process;
    private final ReleaseStandings standings;
    private final ProcedureModels procedures;
    private final ReleasePlanRepository plans;
    private final WindowedReleaseTiming timing;
    private final dev.almanac.planning.PlanningCatalog catalog;

    WindowWaits(
            ReleaseProcess process,
            ReleaseStandings standings,
            ProcedureModels procedures,
            ReleasePlanRepository plans,
            @Qualifier(ReleaseTiming.BEAN_NAME) ReleaseTiming timing,
            dev.almanac.planning.PlanningCatalog catalog) {
        this.catalog = catalog;
        this.process = process;
        this.standings = standings;
        this.procedures = procedures;
        this.plans = plans;
        this.timing = (WindowedReleaseTiming) timing;
    }

    @TransactionalEventListener(fallbackExecution = true)
    @org.springframework.scheduling.annotation.Async(dev.almanac.operations.FollowUps.EXECUTOR)
    // each engine command commits on its own: one release that cannot be re-timed must not undo the
    // others
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void windowsChanged(WindowsChanged event) {
        retime();
    }

    private Set<String> windowWaitSteps() {
        return procedures.latest().steps().stream()
                .filter(s -> s.kind() == StepKind.RELEASE_WINDOW)
                .map(dev.almanac.projection.Step::activityId)
                .collect(Collectors.toSet());
    }

    /** Whether the step is one where a deploy waits for its release window. */
    public boolean isWindowWait(String activityId) {
        return windowWaitSteps().contains(activityId);
    }

    /**
     * The earliest a release waiting for its window may deploy now: its next opening, or nothing
     * when a granted freeze override lets it go.
     */
    public java.util.Optional<Instant> earliestDeploy(String key, String processInstanceId) {
        Instant now = ProcedureClock.now();
        Instant overridden = standings.freezeOverrideUntil(processInstanceId);
        if (overridden != null && now.isBefore(overridden)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(timing.nextOpening(key, now));
    }

    @Override
    public java.util.List<WaitingDeploy> waiting() {
        var timers = standings.windowTimers(windowWaitSteps());
        if (timers.isEmpty()) {
            return java.util.List.of();
        }
        Instant now = ProcedureClock.now();
        var lines = catalog.modelsByKey();
        java.util.List<WaitingDeploy> waiting = new java.util.ArrayList<>();
        for (ReleasePlan plan : plans.findByProcessInstanceIdIn(timers.keySet())) {
            Instant overridden = standings.freezeOverrideUntil(plan.getProcessInstanceId());
            if (overridden != null && now.isBefore(overridden)) {
                continue;
            }
            var model = lines.get(plan.getModel());
            waiting.add(
                    new WaitingDeploy(
                            plan.getKey(),
                            plan.getModel(),
                            model == null ? null : model.productLine(),
                            timers.get(plan.getProcessInstanceId()).getDuedate().toInstant()));
        }
        return waiting;
    }

    /** Moves every waiting deploy timer to the release's next opening; returns how many moved. */
    public int retime() {
        var timers = standings.windowTimers(windowWaitSteps());
        if (timers.isEmpty()) {
            return 0;
        }
        Instant now = ProcedureClock.now();
        var keys =
                plans.findByProcessInstanceIdIn(timers.keySet()).stream()
                        .collect(
                                Collectors.toMap(
                                        ReleasePlan::getProcessInstanceId, ReleasePlan::getKey));
        int moved = 0;
        for (var entry : timers.entrySet()) {
            String key = keys.get(entry.getKey());
            if (key == null) {
                continue;
            }
            try {
                Instant overridden = standings.freezeOverrideUntil(entry.getKey());
                Instant due =
                        overridden != null && now.isBefore(overridden)
                                ? entry.getValue().getDuedate().toInstant()
                                : timing.nextOpening(key, now);
                if (!due.equals(entry.getValue().getDuedate().toInstant())) {
                    process.retime(entry.getValue(), due);
                    log.info("Release {} now waits for its release window until {}", key, due);
                    moved++;
                }
            } catch (RuntimeException e) {
                // the window change is saved; this release keeps its timer and the engine reports
                // it when it fires
                log.warn("Release {} keeps its deploy timer: {}", key, e.getMessage());
            }
        }
        return moved;
    }
}
