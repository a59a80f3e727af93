package dev.almanac.dependencies.internal;

import dev.almanac.dependencies.DependenciesChanged;
import dev.almanac.processes.ProcedureClock;
import dev.almanac.processes.UpstreamReadiness;
import dev.almanac.releases.MilestoneStepEnded;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.Releases;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The engine side of dependencies. The procedure's "Upstream ready?" gateways ask {@link #ready}
 * whether every recorded dependency of the step they hold is met (the upstream step has ended and
 * the lag has passed); a release that is not ready waits, visibly in Cockpit, at "Wait for
 * upstream". When an upstream step ends, or a dependency is removed, the waiting releases are told
 * to check again; a timer on the wait checks again when a lag passes.
 */
@Component(UpstreamReadiness.BEAN_NAME)
class UpstreamGates implements UpstreamReadiness {

    private static final Logger log = LoggerFactory.getLogger(UpstreamGates.class);

    /** A waiting release checks again at least this often, should a message ever be lost. */
    private static final Duration SAFETY_RECHECK = Duration.ofDays(1);

    private final ReleaseDependencyRepository dependencies;
    private final Releases releases;
    private final ReleaseQueries releaseQueries;

    UpstreamGates(
            ReleaseDependencyRepository dependencies,
            Releases releases,
            ReleaseQueries releaseQueries) {
        this.dependencies = dependencies;
        this.releases = releases;
        this.releaseQueries = releaseQueries;
    }

    @Override
    public boolean ready(DelegateExecution execution, String activityId) {
        Instant now = ProcedureClock.now();
        List<ReleaseDependency> open =
                dependencies
                        .findByDownstreamReleaseAndDownstreamActivity(
                                execution.getProcessBusinessKey(), activityId)
                        .stream()
                        .filter(d -> metAt(d).map(at -> at.isAfter(now)).orElse(true))
                        .toList();
        if (!open.isEmpty()) {
            log.info(
                    "Release {} waits before {} for {}",
                    execution.getProcessBusinessKey(),
                    activityId,
                    open.stream()
                            .map(d -> d.upstreamRelease() + "/" + d.upstreamActivity())
                            .toList());
        }
        return open.isEmpty();
    }

    @Override
    public Date recheckAt(DelegateExecution execution, String activityId) {
        Instant now = ProcedureClock.now();
        Instant latest = now.plus(SAFETY_RECHECK);
        Instant lagPasses =
                dependencies
                        .findByDownstreamReleaseAndDownstreamActivity(
                                execution.getProcessBusinessKey(), activityId)
                        .stream()
                        .map(this::metAt)
                        .flatMap(Optional::stream)
                        .filter(at -> at.isAfter(now))
                        .min(Instant::compareTo)
                        .orElse(latest);
        return Date.from(lagPasses.isBefore(latest) ? lagPasses : latest);
    }

    /**
     * When the dependency is met: its upstream step's end plus the lag; empty while the step has
     * not ended.
     */
    private Optional<Instant> metAt(ReleaseDependency dependency) {
        return releaseQueries
                .stepEnded(dependency.upstreamRelease(), dependency.upstreamActivity())
                .map(end -> end.plus(dependency.lag()));
    }

    /**
     * An upstream step ended: the releases that wait for it check again, each in its own engine
     * command.
     */
    @TransactionalEventListener(fallbackExecution = true)
    @org.springframework.scheduling.annotation.Async(dev.almanac.operations.FollowUps.EXECUTOR)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void upstreamStepEnded(MilestoneStepEnded event) {
        dependencies
                .findByUpstreamReleaseAndUpstreamActivity(event.releaseKey(), event.activityId())
                .stream()
                .map(ReleaseDependency::downstreamRelease)
                .distinct()
                .forEach(this::recheck);
    }

    /**
     * A dependency was removed (or added): its downstream release checks again, so a removal lets
     * it go on.
     */
    @TransactionalEventListener(fallbackExecution = true)
    @org.springframework.scheduling.annotation.Async(dev.almanac.operations.FollowUps.EXECUTOR)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void dependenciesChanged(DependenciesChanged event) {
        if (event.downstreamRelease() != null) {
            recheck(event.downstreamRelease());
        }
    }

    /**
     * Makes good a recheck lost with its node (killed between the upstream's commit and the
     * follow-up): once a minute, on one node, every release waiting for its upstream with a
     * dependency that is met by now checks again. A release still held goes back to waiting.
     */
    @org.springframework.scheduling.annotation.Scheduled(
            fixedDelayString = "${almanac.dependencies.sweep:PT1M}",
            initialDelayString = "${almanac.dependencies.sweep:PT1M}")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(
            name = "upstream-sweep",
            lockAtLeastFor = "PT20S",
            lockAtMostFor = "PT10M")
    public void sweep() {
        var waiting =
                releaseQueries.waitingFor(
                        dev.almanac.processes.ModelRelease.Messages.UPSTREAM_READY);
        if (waiting.isEmpty()) {
            return;
        }
        Instant now = ProcedureClock.now();
        dependencies.findByDownstreamReleaseIn(waiting.keySet()).stream()
                .filter(d -> metAt(d).map(at -> !at.isAfter(now)).orElse(false))
                .map(ReleaseDependency::downstreamRelease)
                .distinct()
                .forEach(this::recheck);
    }

    private void recheck(String releaseKey) {
        try {
            releases.recheckUpstream(releaseKey);
        } catch (RuntimeException e) {
            // the release keeps waiting; its recheck timer asks again
            log.warn("Release {} could not check its upstream now: {}", releaseKey, e.getMessage());
        }
    }
}
