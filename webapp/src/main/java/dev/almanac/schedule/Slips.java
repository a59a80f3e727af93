package dev.almanac.schedule;

import dev.almanac.projection.CriticalPath;
import dev.almanac.projection.ProjectedRelease;
import dev.almanac.projection.StepStatus;
import dev.almanac.schedule.internal.MilestoneSlip;
import dev.almanac.schedule.internal.SlipBaselines;
import dev.almanac.schedule.internal.SlipRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Slip detection. Every projection is compared with the one before it: a milestone whose projected
 * end moved later by more than the threshold, or past its release's target date, is a slip. Each is
 * recorded, named by its cause (the upstream step, overdue step or window at the start of the chain
 * that now sets it), and published as {@link MilestoneSlipped} for the notices to come.
 */
@Service
public class Slips {

    private static final Logger log = LoggerFactory.getLogger(Slips.class);

    /** A slip as recorded, with when it was detected. */
    public record Recorded(MilestoneSlipped slip, Instant detectedAt) {}

    private final ReleaseCalendar calendar;
    private final SlipRepository slips;
    private final CalendarProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    /**
     * The last projected end per release and milestone: what the next projection is compared with,
     * on any node.
     */
    private final SlipBaselines baselines;

    private final io.micrometer.core.instrument.Counter detected;

    private static final Duration AT_LEAST_EVERY = Duration.ofMinutes(1);
    private final java.util.concurrent.atomic.AtomicBoolean dirty =
            new java.util.concurrent.atomic.AtomicBoolean(true);
    private volatile Instant lastCheck = Instant.EPOCH;

    Slips(
            ReleaseCalendar calendar,
            SlipRepository slips,
            CalendarProperties properties,
            ApplicationEventPublisher events,
            Clock clock,
            SlipBaselines baselines,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.baselines = baselines;
        this.detected =
                io.micrometer.core.instrument.Counter.builder("almanac.slips")
                        .description("Milestone slips recorded by this node")
                        .register(meters);
        this.calendar = calendar;
        this.slips = slips;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Compares projections soon after something changed (a step ended, a dependency, window or plan
     * changed) and at least once a minute, since steps also become overdue by the clock alone.
     * Changes are gathered: a burst of step ends costs one projection.
     */
    @Scheduled(
            initialDelayString = "${almanac.calendar.slip-check:PT10S}",
            fixedDelayString = "${almanac.calendar.slip-check:PT10S}")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(
            name = "slip-check",
            lockAtLeastFor = "PT8S",
            lockAtMostFor = "PT2M")
    public void tick() {
        boolean changed = dirty.getAndSet(false);
        if (changed || lastCheck.plus(AT_LEAST_EVERY).isBefore(clock.instant())) {
            // the kept projection, not a new one: it is at most almanac.calendar.refresh old, and a
            // change of plan anywhere has already dropped it. Forcing one per step end made the
            // whole portfolio's Monte Carlo run every few seconds under a stream of pipeline
            // events.
            check();
        }
    }

    /** Compares the current projection with the last one compared. */
    @Transactional
    public List<MilestoneSlipped> check() {
        return check(calendar.current());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void stepEnded(dev.almanac.releases.MilestoneStepEnded event) {
        dirty.set(true);
    }

    /**
     * Something the projection depends on changed: compare soon (gathered, at least once a minute).
     */
    public void compareSoon() {
        dirty.set(true);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void windowsChanged(dev.almanac.planning.WindowsChanged event) {
        dirty.set(true);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void planChanged(dev.almanac.releases.ReleasePlanChanged event) {
        dirty.set(true);
    }

    /**
     * Compares a projection with the last one compared (the baselines in the database), records and
     * publishes the slips, and keeps the projected ends as the next baselines, all in one
     * transaction. Scheduled, it runs on one node at a time (its job lock).
     */
    @Transactional
    public synchronized List<MilestoneSlipped> check(ReleaseCalendar.Projection projection) {
        lastCheck = clock.instant();
        Map<SlipBaselines.Key, Instant> before = baselines.all();
        Map<SlipBaselines.Key, Instant> after = new java.util.HashMap<>();
        List<MilestoneSlipped> found = new ArrayList<>();
        for (ProjectedRelease release : projection.projected().values()) {
            var state = projection.releases().get(release.key());
            Instant target = state == null ? null : state.target();
            for (Milestones.Milestone milestone : Milestones.of(release)) {
                if (milestone.status() == StepStatus.DONE || milestone.end() == null) {
                    continue;
                }
                // whole seconds: what every database keeps, so an unmoved milestone compares equal
                Instant end = milestone.end().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                var key = new SlipBaselines.Key(release.key(), milestone.name());
                after.put(key, end);
                Instant was = before.get(key);
                if (was == null || !end.isAfter(was)) {
                    continue;
                }
                boolean pastTarget = target != null && end.isAfter(target) && !was.isAfter(target);
                if (pastTarget
                        || Duration.between(was, end).compareTo(properties.slipThreshold()) > 0) {
                    found.add(
                            new MilestoneSlipped(
                                    release.key(),
                                    milestone.name(),
                                    was,
                                    end,
                                    target,
                                    pastTarget,
                                    cause(projection, release.key(), milestone)));
                }
            }
        }
        baselines.write(before, after);
        record(found, null);
        return found;
    }

    /**
     * Records slips a decision caused and publishes them; the next comparison starts from the
     * decided dates.
     */
    @Transactional
    public void record(List<MilestoneSlipped> found, String decision) {
        Instant now = clock.instant();
        for (MilestoneSlipped slip : found) {
            MilestoneSlipped named =
                    new MilestoneSlipped(
                            slip.releaseKey(),
                            slip.milestone(),
                            slip.previousEnd().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                            slip.projectedEnd().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                            slip.target(),
                            slip.pastTarget(),
                            decision == null ? slip.cause() : decision);
            if (decision != null) {
                baselines.set(
                        new SlipBaselines.Key(slip.releaseKey(), slip.milestone()),
                        named.projectedEnd());
            }
            if (slips.existsByReleaseKeyAndMilestoneAndPreviousEndAndProjectedEnd(
                    named.releaseKey(),
                    named.milestone(),
                    named.previousEnd(),
                    named.projectedEnd())) {
                // the same move was recorded, and told, before (a milestone that moved back and
                // forth)
                continue;
            }
            slips.save(new MilestoneSlip(named, now));
            detected.increment();
            events.publishEvent(named);
            log.info(
                    "{} {} slipped by {} to {}: {}",
                    named.releaseKey(),
                    named.milestone(),
                    named.by(),
                    named.projectedEnd(),
                    named.cause());
        }
    }

    /** The latest slips of one release, newest first. */
    @Transactional(readOnly = true)
    public List<Recorded> of(String releaseKey) {
        return slips.findTop20ByReleaseKeyOrderByDetectedAtDescIdDesc(releaseKey).stream()
                .map(MilestoneSlip::recorded)
                .toList();
    }

    /** Slips detected since the given instant, newest first (at most 200). */
    @Transactional(readOnly = true)
    public List<Recorded> since(Instant since) {
        return slips.findTop200ByDetectedAtAfterOrderByDetectedAtDescIdDesc(since).stream()
                .map(MilestoneSlip::recorded)
                .toList();
    }

    /**
     * What now sets the milestone: walking its critical path back, the first step of another
     * release (an upstream), else an overdue step, else a window that held a step.
     */
    static String cause(
            ReleaseCalendar.Projection projection,
            String releaseKey,
            Milestones.Milestone milestone) {
        String last = milestone.steps().get(milestone.steps().size() - 1).activityId();
        List<CriticalPath.Link> chain =
                CriticalPath.to(projection.snapshot(), projection.schedule(), releaseKey, last);
        for (CriticalPath.Link link : chain) {
            if (!link.releaseKey().equals(releaseKey)) {
                return "upstream "
                        + link.releaseKey()
                        + ": "
                        + link.step().name()
                        + " ("
                        + link.step().milestone()
                        + ") now ends "
                        + ScheduleTexts.format(link.step().end(), projection.zone());
            }
        }
        for (CriticalPath.Link link : chain) {
            if (link.step().overdue()) {
                return link.step().name() + " is overdue";
            }
        }
        for (CriticalPath.Link link : chain) {
            if (link.step().heldBy() != null) {
                return "held by " + projection.heldBy(link.step().heldBy());
            }
        }
        return "its steps are now projected to take longer";
    }
}
