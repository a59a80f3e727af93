package dev.almanac.projection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Duration specs: the deterministic duration (median), where it came from and a sorted table to
 * sample from (the learned observations, or lognormal quantiles around the planned value).
 */
final class Durations {

    /** Spread of a planned duration: lognormal with median = planned and this sigma. */
    static final double PLANNED_SIGMA = 0.35;

    /** Quantiles per planned distribution; sampling picks one at random. */
    static final int PLANNED_TABLE_SIZE = 256;

    private final DurationHistory history;
    private final int minSamples;
    private final List<Long> medians = new ArrayList<>();
    private final List<DurationSource> sources = new ArrayList<>();
    private final List<long[]> tables = new ArrayList<>();
    private final Map<String, Integer> specByKey = new HashMap<>();

    long[] median;
    DurationSource[] source;
    long[][] table;

    Durations(DurationHistory history) {
        this.history = history == null ? DurationHistory.NONE : history;
        this.minSamples = Math.max(1, this.history.minSamples());
    }

    /** Spec ids per step of the procedure for releases of this product line. */
    int[] specs(ProcedureIndex procedure, String productLine) {
        String pl = productLine == null ? "" : productLine;
        int[] specs = procedure.specsByProductLine.get(pl);
        if (specs == null) {
            specs = new int[procedure.steps.length];
            for (int i = 0; i < specs.length; i++) {
                specs[i] = spec(procedure.steps[i], pl);
            }
            procedure.specsByProductLine.put(pl, specs);
        }
        return specs;
    }

    private int spec(Step step, String productLine) {
        long planned = step.planned() == null ? 0 : Math.max(0, step.planned().getSeconds());
        Map<String, long[]> groups =
                history.secondsByActivityAndProductLine() == null
                        ? null
                        : history.secondsByActivityAndProductLine().get(step.activityId());
        if (groups != null) {
            long[] own = groups.get(productLine);
            if (own != null && own.length >= minSamples) {
                return learned(
                        step.activityId() + '\u0000' + productLine,
                        own,
                        DurationSource.LEARNED_PRODUCT_LINE);
            }
            int total = groups.values().stream().mapToInt(a -> a == null ? 0 : a.length).sum();
            if (total >= minSamples) {
                long[] all = new long[total];
                int n = 0;
                for (long[] g : groups.values()) {
                    if (g != null) {
                        System.arraycopy(g, 0, all, n, g.length);
                        n += g.length;
                    }
                }
                return learned(
                        step.activityId() + '\u0000' + "\u0001all", all, DurationSource.LEARNED);
            }
        }
        return fixed(planned);
    }

    /** A duration a planner set for one step: used as it is, spread like a planned one. */
    int fixed(long seconds) {
        long planned = Math.max(0, seconds);
        return specByKey.computeIfAbsent(
                "\u0002planned" + planned,
                k ->
                        add(
                                planned,
                                DurationSource.PLANNED,
                                lognormalTable(planned, PLANNED_SIGMA, PLANNED_TABLE_SIZE)));
    }

    private int learned(String key, long[] samples, DurationSource source) {
        return specByKey.computeIfAbsent(
                key + '\u0000' + source,
                k -> {
                    long[] sorted = samples.clone();
                    Arrays.sort(sorted);
                    return add(median(sorted), source, sorted);
                });
    }

    private int add(long medianSeconds, DurationSource source, long[] sortedTable) {
        medians.add(medianSeconds);
        sources.add(source);
        tables.add(sortedTable);
        return medians.size() - 1;
    }

    /** Freezes the specs into arrays for the hot loops. */
    void seal() {
        int n = medians.size();
        median = new long[n];
        source = new DurationSource[n];
        table = new long[n][];
        for (int i = 0; i < n; i++) {
            median[i] = medians.get(i);
            source[i] = sources.get(i);
            table[i] = tables.get(i);
        }
    }

    static long median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Equally likely quantiles of a lognormal with the given median and sigma, ascending. */
    static long[] lognormalTable(long medianSeconds, double sigma, int size) {
        long[] table = new long[size];
        for (int i = 0; i < size; i++) {
            double z = inverseNormal((i + 0.5) / size);
            table[i] = Math.round(medianSeconds * Math.exp(sigma * z));
        }
        return table;
    }

    /**
     * The standard normal quantile function (Acklam's rational approximation, relative error <
     * 1.2e-9).
     */
    static double inverseNormal(double p) {
        final double[] a = {
            -3.969683028665376e+01,
            2.209460984245205e+02,
            -2.759285104469687e+02,
            1.383577518672690e+02,
            -3.066479806614716e+01,
            2.506628277459239e+00
        };
        final double[] b = {
            -5.447609879822406e+01,
            1.615858368580409e+02,
            -1.556989798598866e+02,
            6.680131188771972e+01,
            -1.328068155288572e+01
        };
        final double[] c = {
            -7.784894002430293e-03,
            -3.223964580411365e-01,
            -2.400758277161838e+00,
            -2.549732539343734e+00,
            4.374664141464968e+00,
            2.938163982698783e+00
        };
        final double[] d = {
            7.784695709041462e-03,
            3.224671290700398e-01,
            2.445134137142996e+00,
            3.754408661907416e+00
        };
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
                * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
