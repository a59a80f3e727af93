package dev.almanac.capacity;

import dev.almanac.projection.Capacity;
import dev.almanac.projection.Levelling;
import dev.almanac.projection.Projector;
import dev.almanac.projection.Schedule;
import dev.almanac.projection.Snapshot;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.schedule.ScheduleTexts;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Contention: the current projection's bookings on every resource against its capacity, the
 * conflicts that follow, events for new ones, and levelling suggestions offered as scenarios.
 */
@Service
public class Contention {

    private static final Logger log = LoggerFactory.getLogger(Contention.class);

    private record Kept(
            ReleaseCalendar.Projection projection,
            CapacityInputs.Inputs inputs,
            Capacity.Load load) {}

    private final ReleaseCalendar calendar;
    private final CapacityInputs inputs;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private volatile Kept kept;
    private final io.micrometer.core.instrument.Counter conflictsDetected;
    private final Set<String> known = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Contention(
            ReleaseCalendar calendar,
            CapacityInputs inputs,
            ApplicationEventPublisher events,
            Clock clock,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.conflictsDetected =
                io.micrometer.core.instrument.Counter.builder("almanac.conflicts")
                        .description("Capacity conflicts detected by this node")
                        .register(meters);
        this.calendar = calendar;
        this.inputs = inputs;
        this.events = events;
        this.clock = clock;
    }

    /** The bookings of the current projection (computed once per projection). */
    public Capacity.Load load() {
        ReleaseCalendar.Projection projection = calendar.current();
        Kept current = kept;
        if (current == null || current.projection() != projection) {
            CapacityInputs.Inputs read = inputs.read(projection.snapshot().now());
            current =
                    new Kept(
                            projection,
                            read,
                            read.load(
                                    projection.snapshot(),
                                    projection.schedule(),
                                    projection.zone()));
            kept = current;
        }
        return current.load();
    }

    /** Forget the kept bookings: resources, demand or reserves changed. */
    public void forget() {
        kept = null;
    }

    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    void resourcesChanged(dev.almanac.planning.ResourcesChanged event) {
        forget();
    }

    public List<Capacity.Conflict> conflicts() {
        return load().conflicts();
    }

    /**
     * Looks for new conflicts as often as slips are looked for (the bookings are kept per
     * projection, so this is cheap).
     */
    @org.springframework.scheduling.annotation.Scheduled(
            initialDelayString = "${almanac.calendar.slip-check:PT10S}",
            fixedDelayString = "${almanac.calendar.slip-check:PT10S}")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(
            name = "capacity-check",
            lockAtLeastFor = "PT8S",
            lockAtMostFor = "PT2M")
    void tick() {
        check();
    }

    /**
     * Publishes {@link CapacityConflictDetected} for each conflict not seen in the last check;
     * returns them.
     */
    public synchronized List<Capacity.Conflict> check() {
        List<Capacity.Conflict> now = conflicts();
        Set<String> seen = new HashSet<>();
        List<Capacity.Conflict> fresh = new java.util.ArrayList<>();
        for (Capacity.Conflict c : now) {
            String signature = signature(c);
            seen.add(signature);
            if (!known.contains(signature)) {
                fresh.add(c);
                conflictsDetected.increment();
                events.publishEvent(new CapacityConflictDetected(c));
                log.info(
                        "{} {} from {} to {}: {} booked of {} by {}",
                        c.resource(),
                        c.kind(),
                        c.start(),
                        c.end(),
                        c.peakBooked(),
                        c.capacity(),
                        c.releases());
            }
        }
        known.retainAll(seen);
        known.addAll(seen);
        return fresh;
    }

    public static String signature(Capacity.Conflict c) {
        return c.resource() + "/" + c.kind() + "/" + c.start() + "/" + c.end();
    }

    public Optional<Capacity.Conflict> find(String resource, Instant start) {
        return conflicts().stream()
                .filter(c -> c.resource().equals(resource) && c.start().equals(start))
                .findFirst();
    }

    /** What levelling a conflict suggests: a title for the draft and each release's delay. */
    public record LevellingProposal(String title, Levelling.Suggestion suggestion) {}

    /**
     * The earliest feasible slots for the releases of a conflict: each release (least urgent first)
     * is delayed until the resource has room, checked by projecting the whole portfolio again
     * (dependencies and windows hold; no new conflict). The scenarios module drafts it for review.
     */
    public Optional<LevellingProposal> level(String resource, Instant start) {
        Optional<Capacity.Conflict> conflict = find(resource, start);
        if (conflict.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Snapshot snapshot = calendar.read(now).snapshot();
        Schedule schedule = Projector.project(snapshot);
        CapacityInputs.Inputs in = inputs.read(now);
        Capacity.Load load = in.load(snapshot, schedule, calendar.zone());
        Capacity.Conflict current =
                load.conflicts().stream()
                        .filter(c -> c.resource().equals(resource) && c.start().equals(start))
                        .findFirst()
                        .orElse(conflict.get());
        Levelling.Suggestion suggestion =
                Levelling.suggest(
                        snapshot,
                        schedule,
                        load,
                        current,
                        (s, p) -> in.load(s, p, calendar.zone()));
        return Optional.of(
                new LevellingProposal(
                        "Level "
                                + resource
                                + " "
                                + ScheduleTexts.format(current.start(), calendar.zone())
                                + (suggestion.resolved() ? "" : " (partly)"),
                        suggestion));
    }
}
