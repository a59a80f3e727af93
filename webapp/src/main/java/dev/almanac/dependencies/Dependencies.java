package dev.almanac.dependencies;

import dev.almanac.dependencies.internal.ReleaseDependency;
import dev.almanac.dependencies.internal.ReleaseDependencyRepository;
import dev.almanac.projection.Conflict;
import dev.almanac.projection.Dependency;
import dev.almanac.projection.DurationHistory;
import dev.almanac.projection.Procedure;
import dev.almanac.projection.Projector;
import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.Snapshot;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.schedule.DependencyEdges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dependencies between releases' milestones: recorded here, projected by the calendar as edges of
 * its one graph. A dependency that would close a cycle is refused, naming the cycle, by running the
 * same projector on the graph with the new edge.
 */
@Service
public class Dependencies implements DependencyEdges {

    private static final Duration LONGEST_LAG = Duration.ofDays(365);

    /**
     * What a person or pipeline asks for: {@code downstreamRelease}'s step needs {@code
     * upstreamRelease}'s step first.
     */
    public record NewDependency(
            String upstreamRelease,
            String upstreamActivity,
            String downstreamRelease,
            String downstreamActivity,
            DependencyKind kind,
            Duration lag,
            String note) {}

    public record DependencyInfo(
            Long id,
            String upstreamRelease,
            String upstreamActivity,
            String downstreamRelease,
            String downstreamActivity,
            DependencyKind kind,
            Duration lag,
            String note,
            String createdBy,
            Instant createdAt) {}

    private final ReleaseDependencyRepository dependencies;
    private final ReleaseQueries releaseQueries;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    private dev.almanac.governance.DecisionLog decisions;

    @org.springframework.beans.factory.annotation.Autowired
    void decisionLog(dev.almanac.governance.DecisionLog decisions) {
        this.decisions = decisions;
    }

    Dependencies(
            ReleaseDependencyRepository dependencies,
            ReleaseQueries releaseQueries,
            Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.dependencies = dependencies;
        this.releaseQueries = releaseQueries;
        this.clock = clock;
    }

    /** Every dependency as an edge of the calendar's graph. */
    @Transactional(readOnly = true)
    @Override
    public List<Dependency> edges() {
        return dependencies.findAll().stream().map(ReleaseDependency::edge).toList();
    }

    /** The dependencies a release has, upstream and downstream. */
    @Transactional(readOnly = true)
    public List<DependencyInfo> of(String releaseKey) {
        return dependencies
                .findByDownstreamReleaseOrUpstreamReleaseOrderByIdAsc(releaseKey, releaseKey)
                .stream()
                .map(ReleaseDependency::info)
                .toList();
    }

    /** Every dependency, oldest first. */
    @Transactional(readOnly = true)
    public List<DependencyInfo> all() {
        return dependencies.findAll(org.springframework.data.domain.Sort.by("id")).stream()
                .map(ReleaseDependency::info)
                .toList();
    }

    /** One dependency by id. */
    @Transactional(readOnly = true)
    public java.util.Optional<DependencyInfo> find(long id) {
        return dependencies.findById(id).map(ReleaseDependency::info);
    }

    /**
     * Records a dependency.
     *
     * @throws DependencyRejected naming the field: unknown release or step, a release on itself, a
     *     duplicate, a lag out of range, or a cycle (named)
     */
    @Transactional
    public DependencyInfo add(NewDependency request, String by) {
        Instant now = clock.instant();
        ReleaseQueries.EngineSnapshot engine =
                releaseQueries.engineSnapshot(now.minus(Duration.ofDays(3650)), ZoneOffset.UTC);
        Map<String, ReleaseState> byKey =
                engine.releases().stream()
                        .collect(Collectors.toMap(ReleaseState::key, Function.identity()));
        ReleaseState upstream = release(byKey, request.upstreamRelease(), "upstreamRelease");
        ReleaseState downstream = release(byKey, request.downstreamRelease(), "downstreamRelease");
        if (upstream.key().equals(downstream.key())) {
            throw new DependencyRejected(
                    "upstreamRelease",
                    "A release cannot depend on itself; its procedure already orders its steps.");
        }
        step(
                engine.procedures().get(upstream.procedureId()),
                request.upstreamActivity(),
                "upstreamActivity",
                upstream.key());
        Map<String, String> gated = releaseQueries.upstreamGatedSteps(downstream.key());
        if (request.downstreamActivity() == null
                || !gated.containsKey(request.downstreamActivity())) {
            throw new DependencyRejected(
                    "downstreamActivity",
                    "Release "
                            + downstream.key()
                            + " can wait for upstream releases only before "
                            + gated.entrySet().stream()
                                    .map(e -> e.getKey() + " (" + e.getValue() + ")")
                                    .collect(Collectors.joining(", "))
                            + "; '"
                            + (request.downstreamActivity() == null
                                    ? ""
                                    : request.downstreamActivity())
                            + "' is not one of them.");
        }
        if (releaseQueries.stepStarted(downstream.key(), request.downstreamActivity())) {
            throw new DependencyRejected(
                    "downstreamActivity",
                    "Release "
                            + downstream.key()
                            + " has already started "
                            + request.downstreamActivity()
                            + "; a dependency can only hold a step that has not started.");
        }
        if (request.kind() == null) {
            throw new DependencyRejected(
                    "kind",
                    "Say what kind of dependency it is: data feed, feature store, infrastructure, monitoring or other.");
        }
        Duration lag = request.lag() == null ? Duration.ZERO : request.lag();
        if (lag.isNegative() || lag.compareTo(LONGEST_LAG) > 0) {
            throw new DependencyRejected("lag", "The lag must be between zero and 365 days.");
        }
        if (request.note() != null && request.note().length() > 1000) {
            throw new DependencyRejected("note", "Keep the note under 1,000 characters.");
        }
        if (dependencies
                .existsByUpstreamReleaseAndUpstreamActivityAndDownstreamReleaseAndDownstreamActivity(
                        request.upstreamRelease(),
                        request.upstreamActivity(),
                        request.downstreamRelease(),
                        request.downstreamActivity())) {
            throw new DependencyRejected(
                    "upstreamActivity", "This dependency is already recorded.");
        }
        Dependency edge =
                new Dependency(
                        upstream.key(),
                        request.upstreamActivity(),
                        downstream.key(),
                        request.downstreamActivity(),
                        lag);
        List<Dependency> edges = new ArrayList<>(edges());
        edges.add(edge);
        Snapshot graph =
                new Snapshot(
                        now,
                        engine.procedures(),
                        engine.releases(),
                        edges,
                        List.of(),
                        DurationHistory.NONE);
        for (Conflict conflict : Projector.project(graph).conflicts()) {
            if ("cycle".equals(conflict.kind())) {
                throw new DependencyRejected(
                        "upstreamRelease",
                        "This dependency would close a cycle. " + conflict.message());
            }
        }
        NewDependency normalised =
                new NewDependency(
                        upstream.key(),
                        request.upstreamActivity(),
                        downstream.key(),
                        request.downstreamActivity(),
                        request.kind(),
                        lag,
                        request.note() == null || request.note().isBlank()
                                ? null
                                : request.note().trim());
        DependencyInfo saved = dependencies.save(new ReleaseDependency(normalised, by, now)).info();
        if (decisions != null) {
            decisions.constraintChanged(
                    saved.downstreamRelease(),
                    "Dependency of " + saved.downstreamRelease() + " on " + saved.upstreamRelease(),
                    "added",
                    by,
                    now,
                    saved.note(),
                    null,
                    describe(saved));
        }
        events.publishEvent(new DependenciesChanged(saved.downstreamRelease()));
        return saved;
    }

    /**
     * Removes a dependency; a release waiting for it checks its remaining dependencies once this
     * commits.
     */
    @Transactional
    public boolean remove(long id) {
        return remove(id, null, null);
    }

    /** Removes a dependency, on the decision log with who and why. */
    @Transactional
    public boolean remove(long id, String by, String reason) {
        return dependencies
                .findById(id)
                .map(
                        dependency -> {
                            DependencyInfo was = dependency.info();
                            dependencies.delete(dependency);
                            if (decisions != null && by != null) {
                                decisions.constraintChanged(
                                        was.downstreamRelease(),
                                        "Dependency of "
                                                + was.downstreamRelease()
                                                + " on "
                                                + was.upstreamRelease(),
                                        "removed",
                                        by,
                                        clock.instant(),
                                        reason,
                                        describe(was),
                                        null);
                            }
                            events.publishEvent(
                                    new DependenciesChanged(dependency.downstreamRelease()));
                            return true;
                        })
                .orElse(false);
    }

    private static Map<String, String> describe(DependencyInfo d) {
        return Map.of(
                "upstream",
                d.upstreamRelease() + " · " + d.upstreamActivity(),
                "downstream",
                d.downstreamRelease() + " · " + d.downstreamActivity(),
                "kind",
                String.valueOf(d.kind()),
                "lag",
                String.valueOf(d.lag()));
    }

    private static ReleaseState release(Map<String, ReleaseState> byKey, String key, String field) {
        ReleaseState release = key == null ? null : byKey.get(key);
        if (release == null) {
            throw new DependencyRejected(
                    field, "There is no release '" + (key == null ? "" : key) + "'.");
        }
        return release;
    }

    private static void step(Procedure procedure, String activity, String field, String release) {
        if (procedure == null
                || activity == null
                || procedure.steps().stream()
                        .noneMatch(s -> s.activityId().equals(activity) && s.milestone() != null)) {
            String known =
                    procedure == null
                            ? ""
                            : procedure.steps().stream()
                                    .filter(s -> s.expected() && s.milestone() != null)
                                    .map(s -> s.activityId())
                                    .collect(Collectors.joining(", "));
            throw new DependencyRejected(
                    field,
                    "Release "
                            + release
                            + " has no step '"
                            + (activity == null ? "" : activity)
                            + "'; its steps are: "
                            + known
                            + ".");
        }
    }
}
