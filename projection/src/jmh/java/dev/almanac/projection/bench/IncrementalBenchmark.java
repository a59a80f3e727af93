package dev.almanac.projection.bench;

import dev.almanac.projection.KeptProjection;
import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.ReleaseStatus;
import dev.almanac.projection.Schedule;
import dev.almanac.projection.Snapshot;
import dev.almanac.projection.StepState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Re-projecting the kept projection after one engine event: a random release's active step ends and
 * the next one starts (or the release completes). Compare with {@link ProjectBenchmark} at the same
 * size, which projects everything.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class IncrementalBenchmark {

    @Param({"10000"})
    public int releases;

    private Snapshot snapshot;
    private KeptProjection kept;
    private SplittableRandom random;

    @Setup(Level.Trial)
    public void portfolio() {
        snapshot = Portfolio.of(releases, 42);
    }

    /** Every iteration starts from the same portfolio, so releases do not run out of steps. */
    @Setup(Level.Iteration)
    public void keep() {
        kept = KeptProjection.of(snapshot);
        random = new SplittableRandom(7);
    }

    @TearDown(Level.Iteration)
    public void report() {
        System.out.printf(
                " [%d in place, %d in full]", kept.incrementalUpdates(), kept.fullProjections());
    }

    @Benchmark
    public Schedule stepEnds() {
        List<ReleaseState> all = kept.snapshot().releases();
        ReleaseState r = all.get(random.nextInt(all.size()));
        return kept.update(next(r, random));
    }

    /** The active step ends a little before now; the next milestone starts then. */
    static ReleaseState next(ReleaseState r, SplittableRandom random) {
        if (r.status() != ReleaseStatus.ACTIVE) {
            return r;
        }
        int active = -1;
        for (int s = 0; s < Portfolio.STEPS; s++) {
            StepState st = r.steps().get("m" + s);
            if (st != null && st.active()) {
                active = s;
            }
        }
        if (active < 0) {
            return r;
        }
        Map<String, StepState> steps = new HashMap<>(r.steps());
        StepState s = steps.get("m" + active);
        Instant end = Portfolio.NOW.minus(Duration.ofMinutes(random.nextInt(120)));
        if (end.isBefore(s.actualStart())) {
            end = s.actualStart();
        }
        steps.put("m" + active, new StepState("m" + active, s.actualStart(), end, null));
        ReleaseStatus status = ReleaseStatus.ACTIVE;
        if (active + 1 < Portfolio.STEPS) {
            steps.put("m" + (active + 1), new StepState("m" + (active + 1), end, null, null));
        } else {
            status = ReleaseStatus.COMPLETED;
        }
        return new ReleaseState(
                r.key(),
                r.procedureId(),
                r.productLine(),
                r.model(),
                r.team(),
                r.lane(),
                status,
                r.start(),
                r.target(),
                steps);
    }
}
