package dev.almanac.schedule;

import dev.almanac.planning.Cadences;
import dev.almanac.planning.PlanningCatalog;
import dev.almanac.planning.Windows;
import dev.almanac.planning.WindowsChanged;
import dev.almanac.projection.DurationHistory;
import dev.almanac.projection.Procedure;
import dev.almanac.projection.ProjectedRelease;
import dev.almanac.projection.Projector;
import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.ReleaseStatus;
import dev.almanac.projection.Schedule;
import dev.almanac.projection.Snapshot;
import dev.almanac.releases.ReleaseQueries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The release calendar: reads a snapshot (engine state, plans, windows, cadences, history), runs
 * the projector on it and keeps the result for a few seconds. Every view, feed and API answer comes
 * from the same {@link Projection}.
 */
@Service
public class ReleaseCalendar {

    /** One projection and the snapshot it was made from, with each release's plan facts by key. */
    public record Projection(
            Snapshot snapshot,
            Schedule schedule,
            Map<String, ReleaseState> releases,
            Map<String, ProjectedRelease> projected,
            Map<String, String> cadenceOf,
            ZoneId zone) {

        public Optional<ProjectedRelease> release(String key) {
            return Optional.ofNullable(projected.get(key));
        }

        /**
         * What held a step, for people: the window's name and kind, or the upstream release and
         * step.
         */
        public String heldBy(String heldBy) {
            if (heldBy == null) {
                return null;
            }
            var window = snapshot.windows().stream().filter(w -> w.id().equals(heldBy)).findFirst();
            if (window.isPresent()) {
                return window.get().name()
                        + " ("
                        + window.get().kind().name().toLowerCase()
                        + " window)";
            }
            int slash = heldBy.lastIndexOf('/');
            if (slash > 0) { // an upstream release's step
                String key = heldBy.substring(0, slash);
                String activity = heldBy.substring(slash + 1);
                return release(key)
                        .flatMap(
                                r ->
                                        r.steps().stream()
                                                .filter(s -> s.activityId().equals(activity))
                                                .findFirst())
                        .map(
                                s ->
                                        key
                                                + ": "
                                                + s.name()
                                                + (s.milestone() == null
                                                        ? ""
                                                        : " (" + s.milestone() + ")"))
                        .orElse(heldBy);
            }
            return heldBy;
        }
    }

    private record Cached(Instant at, long version, Projection projection) {}

    private record Learned(Instant at, DurationHistory history) {}

    private static final Duration RELEARN = Duration.ofMinutes(5);

    private final ReleaseQueries releaseQueries;
    private final PlanningCatalog catalog;
    private final Windows windows;
    private final Cadences cadences;
    private final DependencyEdges dependencies;
    private final CalendarProperties properties;
    private final Clock clock;
    private final dev.almanac.operations.ChangeVersion changes;
    private volatile Cached cached;
    private final io.micrometer.core.instrument.Timer projections;
    private final io.micrometer.core.instrument.MultiGauge releaseGauges;
    private volatile Map<List<String>, Integer> releaseCounts = Map.of();
    private volatile Learned learned;

    ReleaseCalendar(
            ReleaseQueries releaseQueries,
            PlanningCatalog catalog,
            Windows windows,
            Cadences cadences,
            DependencyEdges dependencies,
            CalendarProperties properties,
            Clock clock,
            dev.almanac.operations.ChangeVersion changes,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.changes = changes;
        this.projections =
                io.micrometer.core.instrument.Timer.builder("almanac.projection")
                        .description(
                                "Reading the engine and our tables and projecting the calendar")
                        .publishPercentileHistogram()
                        .register(meters);
        this.releaseGauges =
                io.micrometer.core.instrument.MultiGauge.builder("almanac.releases")
                        .description("Releases in the projection by status and current step")
                        .register(meters);
        io.micrometer.core.instrument.Gauge.builder(
                        "almanac.projection.age",
                        this,
                        calendar -> {
                            Cached kept = calendar.cached;
                            return kept == null
                                    ? Double.NaN
                                    : Duration.between(kept.at(), calendar.clock.instant())
                                                    .toMillis()
                                            / 1000.0;
                        })
                .description("Seconds since the kept projection was made")
                .baseUnit("seconds")
                .register(meters);
        this.dependencies = dependencies;
        this.releaseQueries = releaseQueries;
        this.catalog = catalog;
        this.windows = windows;
        this.cadences = cadences;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The current projection: reused for a few seconds while no node changed a plan, window,
     * cadence, dependency or resource (one primary-key read of the change version), then read and
     * projected again.
     */
    public Projection current() {
        Cached current = cached;
        Instant now = clock.instant();
        long version = changes.plans();
        if (current == null
                || current.version() != version
                || current.at().plus(properties.refresh()).isBefore(now)
                || current.at().isAfter(now)) {
            long started = System.nanoTime();
            Read read = read(now);
            current = new Cached(now, version, project(read.snapshot(), read.cadenceOf()));
            projections.record(
                    System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            cached = current;
            count(current.projection());
        }
        return current.projection();
    }

    /**
     * Releases by status and current step (the first active one), for the gauges; one projection at
     * a time re-registers them (two made at once would register the same rows twice).
     */
    private synchronized void count(Projection projection) {
        Map<List<String>, Integer> counts = new HashMap<>();
        projection
                .projected()
                .values()
                .forEach(
                        release -> {
                            ReleaseState state = projection.releases().get(release.key());
                            String status =
                                    state == null ? "unknown" : state.status().name().toLowerCase();
                            String step =
                                    release.steps().stream()
                                            .filter(
                                                    s ->
                                                            s.status()
                                                                    == dev.almanac.projection
                                                                            .StepStatus.ACTIVE)
                                            .map(dev.almanac.projection.ProjectedStep::activityId)
                                            .findFirst()
                                            .orElse("none");
                            counts.merge(List.of(status, step), 1, Integer::sum);
                        });
        // the gauges hold their numbers weakly: the map keeps them until the next projection
        releaseCounts = counts;
        releaseGauges.register(
                counts.entrySet().stream()
                        .map(
                                e ->
                                        io.micrometer.core.instrument.MultiGauge.Row.of(
                                                io.micrometer.core.instrument.Tags.of(
                                                        "status",
                                                        e.getKey().get(0),
                                                        "step",
                                                        e.getKey().get(1)),
                                                e.getValue()))
                        .map(row -> (io.micrometer.core.instrument.MultiGauge.Row<?>) row)
                        .toList(),
                true);
    }

    /** Forget the kept projection: the next view reads the engine again. */
    public void refresh() {
        cached = null;
    }

    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    void windowsChanged(WindowsChanged event) {
        refresh();
    }

    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    void cadencesChanged(dev.almanac.planning.CadencesChanged event) {
        refresh();
    }

    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    void releasePlanChanged(dev.almanac.releases.ReleasePlanChanged event) {
        refresh();
    }

    /** The zone the calendar shows dates in. */
    public ZoneId zone() {
        return properties.zone();
    }

    /** A snapshot and, for releases a cadence will start, the cadence's name. */
    public record Read(Snapshot snapshot, Map<String, String> cadenceOf) {}

    public Read read(Instant now) {
        ReleaseQueries.EngineSnapshot engine =
                releaseQueries.engineSnapshot(
                        now.minus(properties.endedWithin()), properties.zone());
        Map<String, Procedure> procedures = new HashMap<>(engine.procedures());
        List<ReleaseState> states = new ArrayList<>(engine.releases());
        List<Cadences.Occurrence> upcoming =
                cadences.upcoming(now, now.plus(properties.cadenceHorizon()));
        Map<String, String> cadenceOf = new HashMap<>();
        if (!upcoming.isEmpty()) {
            Procedure latest = releaseQueries.latestProcedure();
            procedures.put(latest.id(), latest);
            var models = catalog.modelsByKey();
            var known =
                    states.stream()
                            .map(ReleaseState::key)
                            .collect(java.util.stream.Collectors.toSet());
            for (Cadences.Occurrence o : upcoming) {
                if (known.add(o.releaseKey())) {
                    cadenceOf.put(o.releaseKey(), o.cadence().name());
                    var model = models.get(o.cadence().model());
                    states.add(
                            new ReleaseState(
                                    o.releaseKey(),
                                    latest.id(),
                                    model == null ? null : model.productLine(),
                                    o.cadence().model(),
                                    model == null ? null : model.ownerTeam(),
                                    o.cadence().lane().value(),
                                    ReleaseStatus.PLANNED,
                                    o.start(),
                                    o.targetDate()
                                            .plusDays(1)
                                            .atStartOfDay(properties.zone())
                                            .toInstant(),
                                    Map.of()));
                }
            }
        }
        return new Read(
                new Snapshot(
                        now,
                        procedures,
                        states,
                        dependencies.edges(),
                        windows.windowRules(),
                        history(now),
                        engine.planned()),
                cadenceOf);
    }

    private DurationHistory history(Instant now) {
        Learned current = learned;
        if (current == null
                || current.at().plus(RELEARN).isBefore(now)
                || current.at().isAfter(now)) {
            current =
                    new Learned(
                            now,
                            releaseQueries.learnedDurations(
                                    properties.historyLimit(), properties.minSamples()));
            learned = current;
        }
        return current.history();
    }

    public Projection project(Snapshot snapshot, Map<String, String> cadenceOf) {
        Schedule schedule =
                properties.samples() > 0
                        ? Projector.simulate(snapshot, properties.samples(), 20261126L)
                        : Projector.project(snapshot);
        Map<String, ReleaseState> byKey = new LinkedHashMap<>();
        snapshot.releases().forEach(r -> byKey.put(r.key(), r));
        Map<String, ProjectedRelease> projected = new LinkedHashMap<>();
        schedule.releases().forEach(r -> projected.put(r.key(), r));
        return new Projection(snapshot, schedule, byKey, projected, cadenceOf, properties.zone());
    }
}
