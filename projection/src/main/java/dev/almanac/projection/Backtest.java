package dev.almanac.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the projector against a {@link SimulatedHistory}: learn durations from the releases that
 * finished before a cut, project the releases in flight at the cut as the engine saw them then, and
 * compare with when they really deployed. Only releases that had not reached their deploy step at
 * the cut are compared: one waiting for its deploy timer is known to the second.
 */
public final class Backtest {

    /**
     * Figures of one backtest.
     *
     * @param inFlight releases in flight at the cut, before their deploy, that were compared
     * @param learnedFrom finished releases the durations were learned from
     * @param medianAbsErrorHours median |projected deploy - actual deploy|, deterministic
     *     projection
     * @param medianAbsErrorHoursP50 the same for the simulated P50
     * @param p90Coverage share of actual deploys at or before their P90
     * @param p50Coverage share of actual deploys at or before their P50 (near 0.5 when calibrated)
     * @param absErrorsHours each release's |deterministic projection - actual deploy| in hours
     * @param atP90 how many actual deploys fell exactly on their P90 (window snapping makes ties)
     */
    public record Result(
            int inFlight,
            int learnedFrom,
            double medianAbsErrorHours,
            double medianAbsErrorHoursP50,
            double p90Coverage,
            double p50Coverage,
            double[] absErrorsHours,
            int atP90) {

        @Override
        public String toString() {
            return String.format(
                    "in flight %d, learned from %d: median |error| %.1f h (%.2f d) deterministic, "
                            + "%.1f h (%.2f d) P50; actual <= P90 %.1f %%, actual <= P50 %.1f %%",
                    inFlight,
                    learnedFrom,
                    medianAbsErrorHours,
                    medianAbsErrorHours / 24,
                    medianAbsErrorHoursP50,
                    medianAbsErrorHoursP50 / 24,
                    100 * p90Coverage,
                    100 * p50Coverage);
        }
    }

    private Backtest() {}

    /** Projects the releases in flight at {@code cut} and compares with their actual deploys. */
    public static Result run(SimulatedHistory history, Instant cut, int samples, long seed) {
        String deploy = history.procedure().targetActivity();
        List<ReleaseState> inFlight = new ArrayList<>();
        Map<String, Instant> actualDeploy = new HashMap<>();
        int learnedFrom = 0;
        for (SimulatedHistory.SimulatedRelease r : history.releases()) {
            Instant lastEnd =
                    r.actuals().values().stream()
                            .map(StepState::actualEnd)
                            .max(Instant::compareTo)
                            .orElseThrow();
            if (!lastEnd.isAfter(cut)) {
                learnedFrom++;
            }
            // A release already waiting for its deploy timer is known to the second; it tells
            // nothing.
            boolean deployStarted = !r.actuals().get(deploy).actualStart().isAfter(cut);
            if (!r.start().isAfter(cut) && !deployStarted) {
                inFlight.add(r.asOf(cut, history.procedure().id()));
                actualDeploy.put(r.key(), r.end(deploy));
            }
        }
        Snapshot snapshot =
                new Snapshot(
                        cut,
                        Map.of(history.procedure().id(), history.procedure()),
                        inFlight,
                        List.of(),
                        history.windows(),
                        history.learnedBefore(cut, 5));
        Schedule schedule = Projector.simulate(snapshot, samples, seed);
        int n = schedule.releases().size();
        double[] errors = new double[n];
        double[] errorsP50 = new double[n];
        int withinP90 = 0;
        int withinP50 = 0;
        int atP90 = 0;
        for (int i = 0; i < n; i++) {
            ProjectedRelease p = schedule.releases().get(i);
            Instant actual = actualDeploy.get(p.key());
            errors[i] = hours(Duration.between(p.targetEnd(), actual).abs());
            errorsP50[i] = hours(Duration.between(p.targetP50(), actual).abs());
            withinP90 += actual.isAfter(p.targetP90()) ? 0 : 1;
            atP90 += actual.equals(p.targetP90()) ? 1 : 0;
            withinP50 += actual.isAfter(p.targetP50()) ? 0 : 1;
        }
        return new Result(
                n,
                learnedFrom,
                median(errors),
                median(errorsP50),
                n == 0 ? Double.NaN : (double) withinP90 / n,
                n == 0 ? Double.NaN : (double) withinP50 / n,
                errors,
                atP90);
    }

    private static double hours(Duration d) {
        return d.getSeconds() / 3600.0;
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /** Prints the figures of a year of simulated releases, cut at several points. */
    public static void main(String[] args) {
        Instant from = Instant.parse("2025-01-06T00:00:00Z");
        SimulatedHistory history =
                SimulatedHistory.generate(from, Duration.ofDays(365), Duration.ofHours(6), 2026);
        System.out.println(
                "Simulated releases: "
                        + history.releases().size()
                        + " (true durations: "
                        + SimulatedHistory.DEFAULT_MODELS
                        + ", product-line factors "
                        + SimulatedHistory.DEFAULT_PRODUCT_LINES
                        + ")");
        List<Result> results = new ArrayList<>();
        for (int day = 60; day <= 350; day += 10) {
            Instant cut = from.plus(Duration.ofDays(day)).plus(Duration.ofHours(day % 24));
            Result result = run(history, cut, 1000, day);
            results.add(result);
            System.out.println("cut " + cut + ": " + result);
        }
        double[] det = results.stream().mapToDouble(Result::medianAbsErrorHours).toArray();
        double[] p50 = results.stream().mapToDouble(Result::medianAbsErrorHoursP50).toArray();
        int total = results.stream().mapToInt(Result::inFlight).sum();
        double coverage =
                results.stream().mapToDouble(r -> r.p90Coverage() * r.inFlight()).sum() / total;
        double coverage50 =
                results.stream().mapToDouble(r -> r.p50Coverage() * r.inFlight()).sum() / total;
        System.out.printf(
                "Over %d cuts: median of median |error| %.1f h deterministic, %.1f h P50; "
                        + "actual <= P90 %.1f %%, actual <= P50 %.1f %% of %d releases%n",
                results.size(), median(det), median(p50), 100 * coverage, 100 * coverage50, total);
        double[] pooled =
                results.stream()
                        .flatMapToDouble(r -> Arrays.stream(r.absErrorsHours()))
                        .sorted()
                        .toArray();
        int ties = results.stream().mapToInt(Result::atP90).sum();
        System.out.printf(
                "All %d releases pooled: median |error| %.1f h (%.2f d), 80th percentile %.1f h, 95th %.1f h; "
                        + "%.1f %% of actual deploys fell exactly on their P90 (window snapping)%n",
                pooled.length,
                median(pooled),
                median(pooled) / 24,
                pooled[(int) Math.ceil(pooled.length * 0.8) - 1],
                pooled[(int) Math.ceil(pooled.length * 0.95) - 1],
                100.0 * ties / pooled.length);
    }
}
