package dev.almanac.projection.bench;

import dev.almanac.projection.Projector;
import dev.almanac.projection.Schedule;
import dev.almanac.projection.Snapshot;
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

/** Monte Carlo with 1,000 samples over 1k and 10k active releases. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
// Pre-touched heap: a long-running app has its heap paged in; without it the first iterations
// measure page faults.
@Fork(
        value = 1,
        jvmArgs = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class SimulateBenchmark {

    @Param({"1000", "10000"})
    public int releases;

    private Snapshot snapshot;

    @Setup
    public void setUp() {
        snapshot = Portfolio.of(releases, 42);
    }

    @Benchmark
    public Schedule simulate() {
        return Projector.simulate(snapshot, 1000, 7);
    }
}
