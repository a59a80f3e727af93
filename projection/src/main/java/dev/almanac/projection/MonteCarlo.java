package dev.almanac.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Monte Carlo over the projection's graph, vectorised per node: a node still to run holds an array
 * of {@code samples} end times while any successor still needs it; then its P50/P90 (exact, by
 * bucketed selection) and, for a target, the histogram and on-target count are taken and the array
 * goes back to a pool. Memory grows with the graph's width, not with samples x nodes.
 *
 * <p>Durations: learned ones are bootstrapped from the observations, planned ones drawn from a
 * lognormal quantile table (median = planned). An active step without a due date draws from the
 * observations longer than it has already run (the conditional distribution); past them all it ends
 * now. Windows apply per sample.
 */
final class MonteCarlo {

    static final int HISTOGRAM_BINS = 24;

    private final Projector.Projection p;
    private final ProjectionGraph g;
    private final int samples;
    private long rng;

    final long[] p50;
    final long[] p90;
    private final int[] onTargetCount;
    private final Histogram[] histograms;
    private final long[] targetCut;

    private long[][] vectors;
    private final ArrayDeque<long[]> pool = new ArrayDeque<>();
    private final Quantiles quantiles = new Quantiles();
    private final long[] ranks = new long[2];

    MonteCarlo(Projector.Projection projection, int samples, long seed) {
        this.p = projection;
        this.g = projection.g;
        this.samples = samples;
        this.rng = seed;
        p50 = projection.end.clone();
        p90 = projection.end.clone();
        onTargetCount = new int[g.releases.length];
        histograms = new Histogram[g.releases.length];
        targetCut = new long[g.n];
        Arrays.fill(targetCut, Long.MIN_VALUE);
        for (int r = 0; r < g.releases.length; r++) {
            int t = g.targetNode[r];
            if (t >= 0 && g.releases[r].target() != null) {
                targetCut[t] = g.releases[r].target().getEpochSecond();
            }
        }
    }

    void run() {
        int n = g.n;
        vectors = new long[n][];
        int[] pendingOut = new int[n];
        for (int e = 0; e < g.edgeCount; e++) {
            if (!g.ignored[e]) {
                pendingOut[g.edgeFrom[e]]++;
            }
        }
        long now = g.now;
        for (int u : g.order) {
            byte status = g.status[u];
            if (status == ProjectionGraph.PLANNED) {
                vectors[u] = planned(u);
            } else if (status == ProjectionGraph.ACTIVE
                    && !g.window[u]
                    && !g.upstreamWait[u]
                    && g.due[u] == ProjectionGraph.NONE) {
                vectors[u] = activeWork(u, now);
            }
            for (int k = g.inStart[u]; k < g.inStart[u + 1]; k++) {
                int e = g.inEdges[k];
                if (!g.ignored[e]) {
                    int f = g.edgeFrom[e];
                    if (--pendingOut[f] == 0) {
                        finish(f);
                    }
                }
            }
            if (pendingOut[u] == 0) {
                finish(u);
            }
        }
    }

    private long[] allocate() {
        long[] v = pool.poll();
        return v != null ? v : new long[samples];
    }

    private long[] planned(int u) {
        long[] v = allocate();
        long floor = p.base(u);
        int vectorInputs = 0;
        for (int k = g.inStart[u]; k < g.inStart[u + 1]; k++) {
            int e = g.inEdges[k];
            if (g.ignored[e]) {
                continue;
            }
            long[] in = vectors[g.edgeFrom[e]];
            long lag = g.edgeLag[e];
            if (in == null) {
                floor = Math.max(floor, p.end[g.edgeFrom[e]] + lag);
            } else if (vectorInputs++ == 0) {
                for (int s = 0; s < samples; s++) {
                    v[s] = in[s] + lag;
                }
            } else {
                for (int s = 0; s < samples; s++) {
                    v[s] = Math.max(v[s], in[s] + lag);
                }
            }
        }
        if (vectorInputs == 0) {
            Arrays.fill(v, floor);
        } else {
            for (int s = 0; s < samples; s++) {
                v[s] = Math.max(v[s], floor);
            }
        }
        if (g.window[u]) {
            DeployCalendar c = p.calendar(g.release[u]);
            for (int s = 0; s < samples; s++) {
                long open = c.nextOpen(v[s]);
                if (open != ReleaseWindows.NEVER) {
                    v[s] = open;
                }
            }
        } else {
            long[] table = g.durations.table[g.spec[u]];
            int len = table.length;
            for (int s = 0; s < samples; s++) {
                v[s] += table[index(len)];
            }
        }
        return v;
    }

    private long[] activeWork(int u, long now) {
        long as = g.actualStart[u];
        long[] table = g.durations.table[g.spec[u]];
        long elapsed = now - as;
        int from = firstAbove(table, elapsed);
        if (from == table.length) {
            return null; // past every observation: it ends now, as projected
        }
        long[] v = allocate();
        int len = table.length - from;
        for (int s = 0; s < samples; s++) {
            v[s] = as + table[from + index(len)];
        }
        return v;
    }

    private static int firstAbove(long[] sorted, long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** SplitMix64, mapped to [0, bound) without division. */
    private int index(int bound) {
        long z = (rng += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) (((z >>> 33) * bound) >>> 31);
    }

    private void finish(int u) {
        long[] v = vectors[u];
        if (v == null) {
            return;
        }
        vectors[u] = null;
        int r = g.release[u];
        if (g.targetNode[r] == u) {
            histograms[r] = histogram(v);
            long cut = targetCut[u];
            if (cut != Long.MIN_VALUE) {
                int count = 0;
                for (int s = 0; s < samples; s++) {
                    if (v[s] <= cut) {
                        count++;
                    }
                }
                onTargetCount[r] = count;
            }
        }
        quantiles.ranks(v, samples, rank(0.5), rank(0.9), ranks);
        p50[u] = ranks[0];
        p90[u] = ranks[1];
        pool.push(v);
    }

    private int rank(double q) {
        return Math.max(0, (int) Math.ceil(q * samples) - 1);
    }

    private Histogram histogram(long[] v) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int s = 0; s < samples; s++) {
            min = Math.min(min, v[s]);
            max = Math.max(max, v[s]);
        }
        long width = Math.max(1, (max - min) / HISTOGRAM_BINS + 1);
        int[] counts = new int[HISTOGRAM_BINS];
        for (int s = 0; s < samples; s++) {
            counts[(int) ((v[s] - min) / width)]++;
        }
        return new Histogram(Instant.ofEpochSecond(min), Duration.ofSeconds(width), counts);
    }

    /** Share of samples whose target ends by the target date. */
    double onTarget(int targetNode, long target) {
        int r = g.release[targetNode];
        if (histograms[r] == null) {
            return p.end[targetNode] <= target ? 1.0 : 0.0;
        }
        return (double) onTargetCount[r] / samples;
    }

    /** The simulated target-end distribution; a single bin when the target's end is certain. */
    Histogram histogram(int targetNode) {
        Histogram h = histograms[g.release[targetNode]];
        if (h != null) {
            return h;
        }
        int[] counts = new int[HISTOGRAM_BINS];
        counts[0] = samples;
        return new Histogram(
                Instant.ofEpochSecond(p.end[targetNode]), Duration.ofSeconds(1), counts);
    }
}
