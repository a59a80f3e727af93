package dev.almanac.projection.rcpsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GeneticSearchTest {

    private static final int[] NONE = {};

    /** Source, four activities, sink; one resource of capacity 2. */
    private static Problem fourOnTwo() {
        return new Problem(
                "four-on-two",
                new int[] {0, 3, 2, 2, 1, 0},
                new int[][] {{1, 2, 3, 4}, {5}, {5}, {5}, {5}, NONE},
                new int[][] {{0}, {2}, {1}, {1}, {2}, {0}},
                null,
                Problem.Capacity.constant(2));
    }

    @Test
    void findsTheOptimumOfASmallInstanceWhereTheWorkBoundIsTight() {
        // 12 units of work on a capacity of 2: nothing shorter than 6 exists; b and c side by side,
        // then a, then d
        GeneticSearch.Result result = GeneticSearch.search(fourOnTwo(), 200, 7);
        assertThat(result.makespan()).isEqualTo(6);
        assertThat(Feasibility.violation(fourOnTwo(), result.start())).isEmpty();
    }

    @Test
    void aChainAndAnotherActivityOnOneUnitRunOneAfterTheOther() {
        Problem p =
                new Problem(
                        "chain",
                        new int[] {0, 2, 3, 4, 0},
                        new int[][] {{1, 3}, {2}, {4}, {4}, NONE},
                        new int[][] {{0}, {1}, {1}, {1}, {0}},
                        null,
                        Problem.Capacity.constant(1));
        GeneticSearch.Result result = GeneticSearch.search(p, 100, 1);
        assertThat(result.makespan()).isEqualTo(9);
        assertThat(result.start()[2]).isGreaterThanOrEqualTo(result.start()[1] + 2);
        assertThat(Feasibility.violation(p, result.start())).isEmpty();
    }

    @Test
    void capacityThatChangesOverTimeAndReleaseDatesHold() {
        // a holiday: no capacity in time units 2 and 3; a 3-unit activity cannot span it
        Problem.Capacity holiday =
                new Problem.Capacity() {
                    @Override
                    public int resources() {
                        return 1;
                    }

                    @Override
                    public int at(int resource, int time) {
                        return time == 2 || time == 3 ? 0 : 1;
                    }
                };
        Problem p =
                new Problem(
                        "holiday",
                        new int[] {0, 3, 1, 0},
                        new int[][] {{1, 2}, {3}, {3}, NONE},
                        new int[][] {{0}, {1}, {0}, {0}},
                        new int[] {0, 0, 5, 0},
                        holiday);
        GeneticSearch.Result result = GeneticSearch.search(p, 100, 3);
        assertThat(result.start()[1]).isEqualTo(4);
        assertThat(result.start()[2]).isGreaterThanOrEqualTo(5);
        assertThat(result.makespan()).isEqualTo(7);
        assertThat(Feasibility.violation(p, result.start())).isEmpty();
    }

    @Test
    void zeroLengthActivitiesKeepTheirSuccessorsAfterThemThroughImprovement() {
        // activity 3 takes no time and must come before 1; the improvement's tie-break keeps that
        Problem p =
                new Problem(
                        "zero",
                        new int[] {0, 2, 2, 0, 0},
                        new int[][] {{2, 3}, {4}, {4}, {1}, NONE},
                        new int[][] {{0}, {1}, {1}, {0}, {0}},
                        null,
                        Problem.Capacity.constant(1));
        GeneticSearch.Result result = GeneticSearch.search(p, 50, 5);
        assertThat(Feasibility.violation(p, result.start())).isEmpty();
        assertThat(result.makespan()).isEqualTo(4);
    }

    @Test
    void anActivityThatMustLieInAWindowWaitsForTheNextOneItFits() {
        // windows open at 0, 10, 20 … for 3 units; the 2-unit deploy must lie inside one
        Problem.Starts windows =
                (activity, t, duration) -> {
                    if (activity != 2) {
                        return t;
                    }
                    int open = t - t % 10;
                    return t + duration <= open + 3 ? t : open + 10;
                };
        Problem p =
                new Problem(
                        "window",
                        new int[] {0, 4, 2, 0},
                        new int[][] {{1}, {2}, {3}, NONE},
                        new int[][] {{0}, {1}, {1}, {0}},
                        null,
                        Problem.Capacity.constant(1),
                        windows,
                        Problem.Targets.NONE);
        GeneticSearch.Result result = GeneticSearch.search(p, 50, 1);
        assertThat(result.start()[2]).isEqualTo(10);
        assertThat(result.makespan()).isEqualTo(12);
        Problem never =
                new Problem(
                        "never",
                        new int[] {1},
                        new int[][] {NONE},
                        new int[][] {{0}},
                        null,
                        Problem.Capacity.constant(1),
                        (activity, t, duration) -> Problem.Starts.NEVER,
                        Problem.Targets.NONE);
        assertThatThrownBy(() -> GeneticSearch.search(never, 10, 1))
                .hasMessageContaining("no window opens");
    }

    @Test
    void withTargetsTheWeightierReleaseGoesFirstAndTheLatenessIsTheLeastPossible() {
        // two 5-unit steps on one reviewer, both due at 5; the second weighs ten times the first
        Problem p =
                new Problem(
                        "targets",
                        new int[] {0, 5, 5, 0},
                        new int[][] {{1, 2}, {3}, {3}, NONE},
                        new int[][] {{0}, {1}, {1}, {0}},
                        null,
                        Problem.Capacity.constant(1),
                        Problem.Starts.ANY,
                        new Problem.Targets(new int[] {-1, 5, 5, -1}, new int[] {0, 1, 10, 0}));
        GeneticSearch.Result result = GeneticSearch.search(p, 100, 1);
        assertThat(result.start()[2]).isZero();
        assertThat(result.start()[1]).isEqualTo(5);
        assertThat(result.lateness()).isEqualTo(5);
    }

    @Test
    void theSameSeedGivesTheSameSchedule() {
        Problem p = randomProblem(40, 11);
        GeneticSearch.Result a = GeneticSearch.search(p, 800, 42);
        GeneticSearch.Result b = GeneticSearch.search(p, 800, 42);
        assertThat(a.start()).isEqualTo(b.start());
        assertThat(a.schedules()).isEqualTo(b.schedules()).isLessThanOrEqualTo(800);
        assertThat(Feasibility.violation(p, a.start())).isEmpty();
        // and the search does not do worse than one pass of the latest-finish-time rule
        assertThat(a.makespan())
                .isLessThanOrEqualTo(GeneticSearch.latestFinishTime(p).makespan())
                .isGreaterThanOrEqualTo(p.criticalPathBound());
    }

    @Test
    void theCheckerFindsOverloadsAndBrokenPrecedence() {
        Problem p = fourOnTwo();
        // a and d at once: 4 units of a resource of 2
        assertThat(Feasibility.violation(p, new int[] {0, 0, 3, 3, 0, 5}))
                .hasValueSatisfying(v -> assertThat(v).contains("resource 1 holds 4 at time 0"));
        // the sink before its predecessors end
        assertThat(Feasibility.violation(p, new int[] {0, 2, 0, 0, 5, 3}))
                .hasValueSatisfying(v -> assertThat(v).contains("before its predecessor"));
    }

    @Test
    void refusesCyclesAndDemandsNoTimeCanHold() {
        assertThatThrownBy(
                        () ->
                                new Problem(
                                        "cycle",
                                        new int[] {1, 1},
                                        new int[][] {{1}, {0}},
                                        new int[][] {{0}, {0}},
                                        null,
                                        Problem.Capacity.constant(1)))
                .hasMessageContaining("cycle");
        Problem tooBig =
                new Problem(
                        "too-big",
                        new int[] {2},
                        new int[][] {NONE},
                        new int[][] {{3}},
                        null,
                        Problem.Capacity.constant(2));
        assertThatThrownBy(() -> GeneticSearch.search(tooBig, 10, 1))
                .hasMessageContaining("never holds its demand");
    }

    @Test
    void readsThePsplibFormat() {
        List<String> lines =
                List.of(
                        "************************************************************************",
                        "jobs (incl. supersource/sink ):  4",
                        "RESOURCES",
                        "  - renewable                 :  1   R",
                        "PRECEDENCE RELATIONS:",
                        "jobnr.    #modes  #successors   successors",
                        "   1        1          2           2   3",
                        "   2        1          1           4",
                        "   3        1          1           4",
                        "   4        1          0",
                        "************************************************************************",
                        "REQUESTS/DURATIONS:",
                        "jobnr. mode duration  R 1",
                        "------------------------------------------------------------------------",
                        "  1      1     0       0",
                        "  2      1     3       2",
                        "  3      1     2       1",
                        "  4      1     0       0",
                        "************************************************************************",
                        "RESOURCEAVAILABILITIES:",
                        "  R 1",
                        "   2",
                        "************************************************************************");
        Problem p = Psplib.parse("tiny", lines);
        assertThat(p.activities()).isEqualTo(4);
        assertThat(p.criticalPathBound()).isEqualTo(3);
        // 2 and 3 cannot overlap (3 units of a resource of 2)
        assertThat(GeneticSearch.search(p, 20, 1).makespan()).isEqualTo(5);
        assertThatThrownBy(() -> Psplib.parse("broken", lines.subList(0, 8)))
                .hasMessageContaining("broken");
    }

    /** A random layered instance: precedence from lower to higher activities, 2 resources. */
    static Problem randomProblem(int n, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int[] duration = new int[n];
        int[][] successors = new int[n][];
        int[][] demand = new int[n][];
        for (int j = 0; j < n; j++) {
            duration[j] = j == 0 || j == n - 1 ? 0 : 1 + random.nextInt(8);
            demand[j] =
                    j == 0 || j == n - 1
                            ? new int[] {0, 0}
                            : new int[] {random.nextInt(5), random.nextInt(5)};
            java.util.Set<Integer> next = new java.util.TreeSet<>();
            if (j < n - 1) {
                next.add(n - 1);
                for (int k = 0; k < 2 && j + 1 < n - 1; k++) {
                    next.add(j + 1 + random.nextInt(n - 1 - (j + 1)));
                }
            }
            successors[j] = next.stream().mapToInt(Integer::intValue).toArray();
        }
        return new Problem(
                "random-" + n, duration, successors, demand, null, Problem.Capacity.constant(6, 6));
    }
}
