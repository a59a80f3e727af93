package dev.almanac.projection.bench;

import dev.almanac.projection.Capacity;
import dev.almanac.projection.Levelling;
import dev.almanac.projection.Projector;
import dev.almanac.projection.Schedule;
import dev.almanac.projection.Snapshot;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Contention detection and levelling on the synthetic portfolio: 20 resources (10 GPU pools, 5
 * evaluation clusters, 5 reviewer groups with members and weekends off) over 12 months. Each model
 * trains on one pool, evaluates on one cluster and is reviewed by one group.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgs = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class CapacityBenchmark {

    @Param({"10000"})
    public int releases;

    private Snapshot snapshot;
    private Schedule schedule;
    private List<Capacity.Resource> resources;
    private Capacity.Demand demand;
    private Instant from;
    private Instant to;
    private Capacity.Load load;
    private Capacity.Conflict worst;

    @Setup
    public void setUp() {
        snapshot = Portfolio.of(releases, 42);
        schedule = Projector.project(snapshot);
        LocalDate monday =
                Portfolio.NOW
                        .atZone(ZoneOffset.UTC)
                        .toLocalDate()
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        from = monday.atStartOfDay(ZoneOffset.UTC).toInstant();
        to = monday.plusMonths(12).atStartOfDay(ZoneOffset.UTC).toInstant();
        resources = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            resources.add(
                    new Capacity.Resource(
                            "gpu-" + i,
                            "GPU pool " + i,
                            "GPUs",
                            Capacity.ResourceKind.CONCURRENT,
                            Capacity.Granularity.DAY,
                            256,
                            List.of(new Capacity.CapacityChange(monday.plusMonths(3), 320)),
                            List.of(),
                            List.of()));
        }
        for (int i = 0; i < 5; i++) {
            resources.add(
                    new Capacity.Resource(
                            "eval-" + i,
                            "Evaluation cluster " + i,
                            "clusters",
                            Capacity.ResourceKind.CONCURRENT,
                            Capacity.Granularity.HOUR,
                            40,
                            List.of(),
                            List.of(),
                            List.of()));
        }
        for (int i = 0; i < 5; i++) {
            resources.add(
                    new Capacity.Resource(
                            "review-" + i,
                            "Reviewers " + i,
                            "reviewer-days",
                            Capacity.ResourceKind.EFFORT,
                            Capacity.Granularity.DAY,
                            1,
                            List.of(),
                            List.of("a" + i, "b" + i, "c" + i, "d" + i),
                            List.of(
                                    new Capacity.Holiday(
                                            monday.plusDays(5),
                                            monday.plusDays(6),
                                            "FREQ=WEEKLY",
                                            null),
                                    new Capacity.Holiday(
                                            monday.plusDays(14),
                                            monday.plusDays(20),
                                            null,
                                            "a" + i))));
        }
        Map<String, Map<String, List<Capacity.Need>>> byModel = new HashMap<>();
        for (int m = 0; m < Portfolio.MODELS; m++) {
            byModel.put(
                    "model-" + m,
                    Map.of(
                            "m3",
                            List.of(new Capacity.Need("gpu-" + (m % 10), 8)),
                            "m5",
                            List.of(new Capacity.Need("eval-" + (m % 5), 1)),
                            "m7",
                            List.of(new Capacity.Need("review-" + (m % 5), 1))));
        }
        demand = new Capacity.Demand(Map.of(), byModel, Map.of());
        load = detect();
        worst =
                load.conflicts().stream()
                        .max(Comparator.comparingDouble(c -> c.peakBooked() - c.capacity()))
                        .orElse(null);
        System.out.printf(
                "%nCapacity on %d releases, %d resources, 12 months: %d conflicts; worst %s %s..%s, %.0f booked of %.0f by %d releases%n",
                releases,
                resources.size(),
                load.conflicts().size(),
                worst == null ? "-" : worst.resource(),
                worst == null ? "" : worst.start(),
                worst == null ? "" : worst.end(),
                worst == null ? 0 : worst.peakBooked(),
                worst == null ? 0 : worst.capacity(),
                worst == null ? 0 : worst.releases().size());
        if (worst != null) {
            Levelling.Suggestion s = level();
            System.out.printf(
                    "Levelling the worst: %d moves, resolved %s%n", s.moves().size(), s.resolved());
        }
    }

    private Capacity.Load load(Snapshot s, Schedule p) {
        return Capacity.of(s, p, resources, demand, List.of(), Set.of(), from, to, ZoneOffset.UTC);
    }

    /**
     * Booking every projected step on 20 resources over 12 months and finding the conflicts (the
     * projection is kept).
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 2)
    public Capacity.Load detect() {
        return load(snapshot, schedule);
    }

    /**
     * Suggesting moves for the worst conflict: each candidate move re-projects the portfolio and
     * books it again.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public Levelling.Suggestion level() {
        return Levelling.suggest(snapshot, schedule, load, worst, this::load);
    }
}
