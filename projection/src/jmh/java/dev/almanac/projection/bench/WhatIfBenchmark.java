package dev.almanac.projection.bench;

import dev.almanac.projection.Projector;
import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.Schedule;
import dev.almanac.projection.Snapshot;
import dev.almanac.projection.WhatIf;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The diff of a what-if on the synthetic portfolio: one release delayed by a week, cascading
 * through its dependents. {@code diff} is what a scenario page computes (both projections and the
 * comparison); {@code diffOnCurrent} reuses the current projection as the calendar keeps it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class WhatIfBenchmark {

    @Param({"10000"})
    public int releases;

    private Snapshot snapshot;
    private Schedule current;
    private String delayed;

    @Setup
    public void setUp() {
        snapshot = Portfolio.of(releases, 42);
        current = Projector.project(snapshot);
        delayed = mostDependedOn(snapshot);
        List<WhatIf.Moved> moved = diff();
        System.out.printf(
                "%nWhat-if on %d releases: delaying %s by 7 days moves %d releases (%d milestones)%n",
                releases,
                delayed,
                moved.size(),
                moved.stream().mapToInt(m -> m.milestones().size()).sum());
    }

    /** The active release with the most direct dependents: the widest cascade. */
    private static String mostDependedOn(Snapshot snapshot) {
        Map<String, Integer> dependents = new HashMap<>();
        snapshot.dependencies().forEach(d -> dependents.merge(d.fromRelease(), 1, Integer::sum));
        return snapshot.releases().stream()
                .filter(r -> r.steps().values().stream().anyMatch(s -> s.active()))
                .map(ReleaseState::key)
                .max(
                        (a, b) ->
                                Integer.compare(
                                        dependents.getOrDefault(a, 0),
                                        dependents.getOrDefault(b, 0)))
                .orElseThrow();
    }

    @Benchmark
    public List<WhatIf.Moved> diff() {
        Schedule before = Projector.project(snapshot);
        Schedule after =
                Projector.project(WhatIf.delay(snapshot, before, delayed, Duration.ofDays(7)));
        return WhatIf.diff(snapshot, before, after);
    }

    @Benchmark
    public List<WhatIf.Moved> diffOnCurrent() {
        Schedule after =
                Projector.project(WhatIf.delay(snapshot, current, delayed, Duration.ofDays(7)));
        return WhatIf.diff(snapshot, current, after);
    }
}
