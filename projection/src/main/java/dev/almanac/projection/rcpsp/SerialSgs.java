package dev.almanac.projection.rcpsp;

import java.util.Arrays;

/**
 * The serial schedule generation scheme: takes the activities in the order of a precedence-feasible
 * list and starts each at the earliest time after its predecessors' finishes and its release at
 * which every resource has room for it throughout its duration. Reuses its resource profile between
 * schedules; one instance per thread.
 */
final class SerialSgs {

    private final Problem p;
    private final int resources;

    /** Room left per resource and time unit; grown on demand. */
    private int[][] room;

    private int horizon;
    private int used;
    private final int limit;

    SerialSgs(Problem problem) {
        this.p = problem;
        this.resources = problem.resources();
        int total = 0;
        int latestRelease = 0;
        for (int j = 0; j < problem.n; j++) {
            total += problem.duration[j];
            latestRelease = Math.max(latestRelease, problem.release[j]);
        }
        this.horizon = Math.max(16, latestRelease + total + 1);
        // far beyond any schedule a finite capacity allows: a demand no period can hold stops here
        this.limit = 64 * this.horizon + 100_000;
        this.room = new int[resources][horizon];
        for (int r = 0; r < resources; r++) {
            for (int t = 0; t < horizon; t++) {
                room[r][t] = problem.capacity.at(r, t);
            }
        }
    }

    /** Gives back the room the last schedule booked: only the time units it reached. */
    private void reset() {
        for (int r = 0; r < resources; r++) {
            int[] row = room[r];
            for (int t = 0; t < used; t++) {
                row[t] = p.capacity.at(r, t);
            }
        }
        used = 0;
    }

    private void grow(int to) {
        if (to > limit) {
            throw new IllegalStateException(
                    p.name
                            + ": an activity finds no time with room for it within "
                            + limit
                            + " time units; a resource's capacity never holds its demand");
        }
        int next = Math.max(to, horizon * 2);
        for (int r = 0; r < resources; r++) {
            int[] row = Arrays.copyOf(room[r], next);
            for (int t = horizon; t < next; t++) {
                row[t] = p.capacity.at(r, t);
            }
            room[r] = row;
        }
        horizon = next;
    }

    /**
     * Schedules the activities in {@code list} order into {@code start}; returns the makespan (the
     * latest finish).
     */
    int schedule(int[] list, int[] start) {
        reset();
        int makespan = 0;
        int[] duration = p.duration;
        for (int j : list) {
            int t = p.release[j];
            for (int q : p.predecessors[j]) {
                t = Math.max(t, start[q] + duration[q]);
            }
            int d = duration[j];
            int[] need = p.demand[j];
            t = earliestRoom(j, t, d, need);
            if (d > 0) {
                book(t, d, need);
            }
            start[j] = t;
            makespan = Math.max(makespan, t + d);
        }
        return makespan;
    }

    /**
     * The earliest time from {@code t} at which activity {@code j} may start and every resource has
     * room for {@code need} during {@code d} units.
     */
    private int earliestRoom(int j, int t, int d, int[] need) {
        while (true) {
            int allowed = p.starts.earliest(j, t, d);
            if (allowed == Problem.Starts.NEVER) {
                throw new IllegalStateException(
                        p.name
                                + ": activity "
                                + j
                                + " may not start at or after "
                                + t
                                + ": no window opens for it");
            }
            t = allowed;
            if (d == 0) {
                return t;
            }
            if (t + d > horizon) {
                grow(t + d);
            }
            int conflict = -1;
            for (int r = 0; r < resources && conflict < 0; r++) {
                int want = need[r];
                if (want == 0) {
                    continue;
                }
                int[] row = room[r];
                for (int u = t + d - 1; u >= t; u--) {
                    if (row[u] < want) {
                        conflict = u;
                        break;
                    }
                }
            }
            if (conflict < 0) {
                return t;
            }
            t = conflict + 1; // the latest clash: nothing earlier than just after it can fit
        }
    }

    private void book(int t, int d, int[] need) {
        for (int r = 0; r < resources; r++) {
            int want = need[r];
            if (want == 0) {
                continue;
            }
            int[] row = room[r];
            for (int u = t; u < t + d; u++) {
                row[u] -= want;
            }
        }
        used = Math.max(used, t + d);
    }
}
