package dev.almanac.projection.rcpsp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One scheduling problem: activities {@code 0 .. n-1} with integer durations, finish-to-start
 * successors and per-resource demand, and renewable resources with a capacity per time unit. Time
 * starts at 0; an activity may start at no time before its {@link #release}. Immutable after
 * construction; the arrays it hands out must not be changed.
 */
public final class Problem {

    final String name;
    final int n;
    final int[] duration;
    final int[][] successors;
    final int[][] predecessors;
    final int[][] demand;
    final int[] release;
    final Capacity capacity;
    final Starts starts;
    final Targets targets;

    /** With a constant capacity, the one reversed problem every horizon shares. */
    private volatile Problem reversedConstant;

    /**
     * When an activity may start: a release window it must start (or lie) in, outside freezes.
     * {@link #ANY} lets every activity start at any time.
     */
    public interface Starts {
        /**
         * The earliest time at or after {@code t} at which {@code activity} of {@code duration} may
         * start, or {@link #NEVER}.
         */
        int earliest(int activity, int t, int duration);

        int NEVER = Integer.MAX_VALUE;

        Starts ANY = (activity, t, duration) -> t;
    }

    /**
     * What a schedule is judged by: the weighted lateness of the activities with a target (finish
     * after the target, times the weight), then the sum of all finishes; with no targets the
     * makespan, then the sum of finishes.
     *
     * @param target per activity, the finish it should meet, or -1 for none
     * @param weight per activity, how much a unit of lateness costs
     */
    public record Targets(int[] target, int[] weight) {
        public static final Targets NONE = new Targets(null, null);
    }

    /**
     * Capacity of resource {@code r} during time unit {@code t} (from {@code t} to {@code t+1}).
     */
    public interface Capacity {
        int resources();

        int at(int resource, int time);

        /** The same capacity at every time. */
        static Capacity constant(int... perResource) {
            return new Constant(perResource.clone());
        }
    }

    /** A capacity that does not change over time (a mirror of it is itself). */
    record Constant(int[] perResource) implements Capacity {
        @Override
        public int resources() {
            return perResource.length;
        }

        @Override
        public int at(int resource, int time) {
            return perResource[resource];
        }
    }

    /**
     * @param name for reports
     * @param duration per activity, at least 0
     * @param successors per activity, the activities that may start only after it finished
     * @param demand per activity and resource, at least 0
     * @param release per activity, the earliest start; null for 0 everywhere
     * @param capacity per resource and time unit
     * @throws IllegalArgumentException naming what is wrong: sizes, negative values, an unknown or
     *     cyclic successor, a demand no time unit could ever hold
     */
    public Problem(
            String name,
            int[] duration,
            int[][] successors,
            int[][] demand,
            int[] release,
            Capacity capacity) {
        this(name, duration, successors, demand, release, capacity, Starts.ANY, Targets.NONE);
    }

    /**
     * A problem whose activities may start only where {@code starts} allows and whose schedules are
     * judged against {@code targets}.
     */
    public Problem(
            String name,
            int[] duration,
            int[][] successors,
            int[][] demand,
            int[] release,
            Capacity capacity,
            Starts starts,
            Targets targets) {
        this.name = name;
        this.starts = starts == null ? Starts.ANY : starts;
        this.targets = targets == null ? Targets.NONE : targets;
        if (this.targets.target() != null
                && (this.targets.target().length != duration.length
                        || this.targets.weight() == null
                        || this.targets.weight().length != duration.length)) {
            throw new IllegalArgumentException(
                    name + ": targets and weights must be given for every activity (-1: none)");
        }
        this.n = duration.length;
        this.duration = duration.clone();
        this.capacity = capacity;
        if (successors.length != n
                || demand.length != n
                || (release != null && release.length != n)) {
            throw new IllegalArgumentException(
                    name + ": durations, successors, demands and releases differ in length");
        }
        this.release = release == null ? new int[n] : release.clone();
        this.successors = new int[n][];
        this.demand = new int[n][];
        List<List<Integer>> preds = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            preds.add(new ArrayList<>());
        }
        for (int j = 0; j < n; j++) {
            if (this.duration[j] < 0 || this.release[j] < 0) {
                throw new IllegalArgumentException(
                        name + ": activity " + j + " has a negative duration or release");
            }
            if (demand[j].length != capacity.resources()) {
                throw new IllegalArgumentException(
                        name
                                + ": activity "
                                + j
                                + " demands "
                                + demand[j].length
                                + " resources, the problem has "
                                + capacity.resources());
            }
            for (int d : demand[j]) {
                if (d < 0) {
                    throw new IllegalArgumentException(
                            name + ": activity " + j + " has a negative demand");
                }
            }
            this.demand[j] = demand[j].clone();
            this.successors[j] = successors[j].clone();
            for (int s : successors[j]) {
                if (s < 0 || s >= n || s == j) {
                    throw new IllegalArgumentException(
                            name + ": activity " + j + " names successor " + s);
                }
                preds.get(s).add(j);
            }
        }
        this.predecessors = new int[n][];
        for (int j = 0; j < n; j++) {
            predecessors[j] = preds.get(j).stream().mapToInt(Integer::intValue).toArray();
        }
        topologicalOrder(); // refuses cycles
    }

    public String name() {
        return name;
    }

    public int activities() {
        return n;
    }

    public int resources() {
        return capacity.resources();
    }

    public int duration(int activity) {
        return duration[activity];
    }

    /** The activities in an order where each comes after all its predecessors (Kahn). */
    int[] topologicalOrder() {
        int[] indegree = new int[n];
        for (int j = 0; j < n; j++) {
            indegree[j] = predecessors[j].length;
        }
        int[] order = new int[n];
        int head = 0;
        int tail = 0;
        for (int j = 0; j < n; j++) {
            if (indegree[j] == 0) {
                order[tail++] = j;
            }
        }
        while (head < tail) {
            int u = order[head++];
            for (int s : successors[u]) {
                if (--indegree[s] == 0) {
                    order[tail++] = s;
                }
            }
        }
        if (tail != n) {
            throw new IllegalArgumentException(name + ": the precedence relations form a cycle");
        }
        return order;
    }

    /** Earliest starts by precedence and release dates alone (no resources). */
    int[] earliestStarts() {
        int[] es = release.clone();
        for (int u : topologicalOrder()) {
            for (int s : successors[u]) {
                es[s] = Math.max(es[s], es[u] + duration[u]);
            }
        }
        return es;
    }

    /**
     * How good a schedule is, lower is better: weighted lateness (or, without targets, the
     * makespan) in the high bits, the sum of finishes in the low bits.
     */
    long cost(int[] start) {
        long late = 0;
        long finishes = 0;
        int makespan = 0;
        int[] target = targets.target();
        for (int j = 0; j < n; j++) {
            int f = start[j] + duration[j];
            finishes += f;
            makespan = Math.max(makespan, f);
            if (target != null && target[j] >= 0 && f > target[j]) {
                late += (long) (f - target[j]) * targets.weight()[j];
            }
        }
        long first = target == null ? makespan : late;
        return (first << 32) | Math.min(finishes, 0xFFFFFFFFL);
    }

    /** Whether schedules are judged by targets rather than makespan. */
    boolean hasTargets() {
        return targets.target() != null;
    }

    /** The critical-path bound: the latest earliest finish, ignoring resources. */
    public int criticalPathBound() {
        int[] es = earliestStarts();
        int bound = 0;
        for (int j = 0; j < n; j++) {
            bound = Math.max(bound, es[j] + duration[j]);
        }
        return bound;
    }

    /** Latest finish times by precedence alone, against the critical-path bound. */
    int[] latestFinishes() {
        int[] order = topologicalOrder();
        int[] lf = new int[n];
        Arrays.fill(lf, criticalPathBound());
        for (int i = n - 1; i >= 0; i--) {
            int u = order[i];
            for (int s : successors[u]) {
                lf[u] = Math.min(lf[u], lf[s] - duration[s]);
            }
        }
        return lf;
    }

    /**
     * The same activities with every precedence turned round and time mirrored at {@code horizon}
     * (time unit {@code t} of the result is {@code horizon - 1 - t} here), for backward passes.
     */
    Problem reversed(int horizon) {
        if (capacity instanceof Constant) {
            Problem kept = reversedConstant;
            if (kept == null) {
                kept =
                        new Problem(
                                name + " (reversed)",
                                duration,
                                predecessors,
                                demand,
                                null,
                                capacity);
                reversedConstant = kept;
            }
            return kept;
        }
        Capacity forward = capacity;
        Capacity mirrored =
                new Capacity() {
                    @Override
                    public int resources() {
                        return forward.resources();
                    }

                    @Override
                    public int at(int resource, int time) {
                        int t = horizon - 1 - time;
                        return t < 0 ? 0 : forward.at(resource, t);
                    }
                };
        return new Problem(name + " (reversed)", duration, predecessors, demand, null, mirrored);
    }
}
