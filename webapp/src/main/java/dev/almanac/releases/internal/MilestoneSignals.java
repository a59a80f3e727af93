package dev.almanac.releases.internal;

import dev.almanac.processes.ModelRelease;
import dev.almanac.processes.ProcedureListener;
import dev.almanac.releases.MilestoneStepEnded;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells Almanac when a milestone step of any release ends: every activity with a {@code milestone}
 * property publishes {@link MilestoneStepEnded} inside the engine's transaction, so the releases
 * waiting for it, the schedule and the notices hear of it only once it has committed.
 */
@Component
class MilestoneSignals implements ProcedureListener {

    private final ApplicationEventPublisher events;

    MilestoneSignals(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void stepEnded(Step step) {
        if (step.properties().containsKey(ModelRelease.MILESTONE)) {
            events.publishEvent(new MilestoneStepEnded(step.releaseKey(), step.activityId()));
        }
    }
}
