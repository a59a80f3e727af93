package dev.almanac.projection.rcpsp;

import java.util.Optional;

/**
 * Checks a schedule against its problem without the scheduler's code: releases, every precedence,
 * and every resource at every time unit.
 */
public final class Feasibility {

    private Feasibility() {}

    /** What is wrong with the schedule, or empty when it is feasible. */
    public static Optional<String> violation(Problem p, int[] start) {
        if (start.length != p.n) {
            return Optional.of(
                    "the schedule has " + start.length + " starts for " + p.n + " activities");
        }
        int end = 0;
        for (int j = 0; j < p.n; j++) {
            if (start[j] < p.release[j]) {
                return Optional.of(
                        "activity "
                                + j
                                + " starts at "
                                + start[j]
                                + ", before its release "
                                + p.release[j]);
            }
            for (int s : p.successors[j]) {
                if (start[s] < start[j] + p.duration[j]) {
                    return Optional.of(
                            "activity "
                                    + s
                                    + " starts at "
                                    + start[s]
                                    + " before its predecessor "
                                    + j
                                    + " ends at "
                                    + (start[j] + p.duration[j]));
                }
            }
            end = Math.max(end, start[j] + p.duration[j]);
        }
        for (int r = 0; r < p.resources(); r++) {
            int[] use = new int[end + 1];
            for (int j = 0; j < p.n; j++) {
                for (int t = start[j]; t < start[j] + p.duration[j]; t++) {
                    use[t] += p.demand[j][r];
                }
            }
            for (int t = 0; t < end; t++) {
                if (use[t] > p.capacity.at(r, t)) {
                    return Optional.of(
                            "resource "
                                    + (r + 1)
                                    + " holds "
                                    + use[t]
                                    + " at time "
                                    + t
                                    + ", its capacity is "
                                    + p.capacity.at(r, t));
                }
            }
        }
        return Optional.empty();
    }

    /** The latest finish of the schedule. */
    public static int makespan(Problem p, int[] start) {
        int end = 0;
        for (int j = 0; j < p.n; j++) {
            end = Math.max(end, start[j] + p.duration[j]);
        }
        return end;
    }
}
