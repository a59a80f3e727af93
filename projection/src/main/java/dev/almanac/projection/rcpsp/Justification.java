package dev.almanac.projection.rcpsp;

import java.util.Arrays;

/**
 * Forward–backward improvement (double justification, Valls, Ballestín and Quintanilla 2005): shift
 * every activity as late as it can go without moving the end, in order of latest finish first, then
 * as early as it can go, in order of earliest start first. Neither pass makes the schedule longer;
 * each counts as one generated schedule.
 */
final class Justification {

    private final Problem p;
    private final SerialSgs forward;
    private final Integer[] byKey;
    private final long[] key;
    private final int[] list;
    private final int[] reversedStart;

    Justification(Problem problem, SerialSgs forward) {
        this.p = problem;
        this.forward = forward;
        int n = problem.n;
        byKey = new Integer[n];
        key = new long[n];
        list = new int[n];
        reversedStart = new int[n];
        // ties broken by precedence: a zero-length activity and its successor may start together
        topological = problem.topologicalOrder();
        rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[topological[i]] = i;
        }
    }

    private final int[] topological;
    private final int[] rank;

    private SerialSgs backward;
    private Problem backwardProblem;

    /** Improves {@code start} (of makespan {@code makespan}) in place; returns the new makespan. */
    int improve(int[] start, int makespan) {
        int n = p.n;
        Problem reversed = p.reversed(makespan);
        if (reversed != backwardProblem) {
            backwardProblem = reversed;
            backward = new SerialSgs(reversed);
        }
        // backward: latest finish first, each as late as it can go
        for (int j = 0; j < n; j++) {
            key[j] = ((long) (makespan - start[j] - p.duration[j]) << 20) | (n - 1 - rank[j]);
        }
        order(list, true);
        backward.schedule(list, reversedStart);
        int earliest = Integer.MAX_VALUE;
        for (int j = 0; j < n; j++) {
            start[j] = makespan - reversedStart[j] - p.duration[j];
            earliest = Math.min(earliest, start[j]);
        }
        // forward: earliest start first, each as early as it can go
        for (int j = 0; j < n; j++) {
            key[j] = ((long) start[j] << 20) | rank[j];
        }
        order(list, false);
        return forward.schedule(list, start);
    }

    /** The activities sorted by {@link #key}, whose low bits are a (reversed) topological rank. */
    private void order(int[] into, boolean reversedRank) {
        long[] sorted = key.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        for (int i = 0; i < n; i++) {
            int r = (int) (sorted[i] & 0xFFFFF);
            into[i] = topological[reversedRank ? n - 1 - r : r];
        }
    }

    /** The activities in order of their start in {@code start}: a list that decodes to it. */
    void listOf(int[] start, int[] into) {
        for (int j = 0; j < p.n; j++) {
            key[j] = ((long) start[j] << 20) | rank[j];
        }
        order(into, false);
    }
}
