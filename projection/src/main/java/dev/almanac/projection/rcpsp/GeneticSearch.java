package dev.almanac.projection.rcpsp;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A genetic search over activity lists (Hartmann 1998) with every child improved by {@link
 * Justification} and written back as the list of its improved schedule (Valls, Ballestín and
 * Quintanilla 2008): two-point crossover that keeps lists precedence-feasible, swaps of neighbours
 * not bound by precedence as mutation, and the best of parents and children surviving. The first
 * individual follows the latest-finish-time rule; the others are drawn with regret-based biased
 * sampling on it. Stops after {@code budget} generated schedules (each forward or backward pass
 * counts one) or at the critical-path bound. The same seed gives the same schedule.
 */
public final class GeneticSearch {

    /**
     * The best schedule found: start per activity, its makespan, the schedules generated and its
     * weighted lateness against the targets (the makespan when there are none).
     */
    public record Result(int[] start, int makespan, int schedules, long lateness) {}

    private static final double MUTATION = 0.05;

    private final Problem p;
    private final SerialSgs sgs;
    private final Justification justification;
    private final SplittableRandom random;
    private final int[] latestFinish;
    private final int bound;
    private final int[] scratch;
    private int schedules;
    private final int[] previous;
    private int[] bestStart;
    private long bestCost = Long.MAX_VALUE;

    /** The makespan of the best schedule so far. */
    private int best = Integer.MAX_VALUE;

    private GeneticSearch(Problem problem, long seed) {
        this.p = problem;
        this.sgs = new SerialSgs(problem);
        this.justification = new Justification(problem, sgs);
        this.random = new SplittableRandom(seed);
        this.latestFinish = problem.latestFinishes();
        this.bound = problem.criticalPathBound();
        this.scratch = new int[problem.n];
        this.previous = new int[problem.n];
    }

    /** Whether the search may stop: the makespan objective has reached the critical-path bound. */
    private boolean optimal() {
        return !p.hasTargets() && best <= bound;
    }

    /** The best schedule within {@code budget} generated schedules (at least 1). */
    public static Result search(Problem problem, int budget, long seed) {
        if (budget < 1) {
            throw new IllegalArgumentException("A search needs a budget of at least one schedule.");
        }
        return new GeneticSearch(problem, seed).run(budget);
    }

    /**
     * The comparison: lists drawn independently with the same biased sampling, each improved the
     * same way, the best kept, within the same budget. No recombination.
     */
    public static Result sampling(Problem problem, int budget, long seed) {
        if (budget < 1) {
            throw new IllegalArgumentException("A search needs a budget of at least one schedule.");
        }
        GeneticSearch g = new GeneticSearch(problem, seed);
        for (int i = 0; g.schedules < budget && !g.optimal(); i++) {
            g.evaluate(g.sample(i > 0), budget);
        }
        return new Result(g.bestStart.clone(), g.best, g.schedules, g.bestCost >>> 32);
    }

    /** One pass of the serial scheme with the latest-finish-time rule: the classic baseline. */
    public static Result latestFinishTime(Problem problem) {
        GeneticSearch g = new GeneticSearch(problem, 0);
        int[] list = g.sample(false);
        int[] start = new int[problem.n];
        int makespan = g.sgs.schedule(list, start);
        return new Result(start, makespan, 1, problem.cost(start) >>> 32);
    }

    private Result run(int budget) {
        int size = Math.max(2, Math.min(40, budget / 30)) & ~1;
        int[][] lists = new int[size][];
        long[] fitness = new long[size];
        int filled = 0;
        for (int i = 0; i < size && schedules < budget && !optimal(); i++) {
            lists[i] = sample(i > 0);
            fitness[i] = evaluate(lists[i], budget);
            filled++;
        }
        int[][] children = new int[size][];
        long[] childFitness = new long[size];
        while (schedules < budget && !optimal() && filled == size) {
            int made = 0;
            int[] order = shuffled(size);
            for (int k = 0; k + 1 < size && schedules < budget && !optimal(); k += 2) {
                int[] mother = lists[order[k]];
                int[] father = lists[order[k + 1]];
                int q1 = random.nextInt(p.n);
                int q2 = q1 + random.nextInt(p.n - q1 + 1);
                for (int[] pair : new int[][] {{0, 1}, {1, 0}}) {
                    if (schedules >= budget || optimal()) {
                        break;
                    }
                    int[] child =
                            crossover(
                                    pair[0] == 0 ? mother : father,
                                    pair[0] == 0 ? father : mother,
                                    q1,
                                    q2);
                    mutate(child);
                    childFitness[made] = evaluate(child, budget);
                    children[made++] = child;
                }
            }
            survive(lists, fitness, children, childFitness, made);
        }
        return new Result(bestStart.clone(), best, schedules, bestCost >>> 32);
    }

    /**
     * Decodes a list, improves it while its cost falls, writes the improved schedule's order back;
     * its cost.
     */
    private long evaluate(int[] list, int budget) {
        int makespan = sgs.schedule(list, scratch);
        schedules++;
        long cost = p.cost(scratch);
        while (schedules + 2 <= budget) {
            System.arraycopy(scratch, 0, previous, 0, scratch.length);
            int improved = justification.improve(scratch, makespan);
            schedules += 2;
            long improvedCost = p.cost(scratch);
            if (improvedCost >= cost) {
                System.arraycopy(previous, 0, scratch, 0, scratch.length);
                break;
            }
            cost = improvedCost;
            makespan = improved;
        }
        justification.listOf(scratch, list);
        if (cost < bestCost) {
            bestCost = cost;
            best = makespan;
            bestStart = scratch.clone();
        }
        return cost;
    }

    /** Parents and children together; the best {@code lists.length} of them stay. */
    private static void survive(
            int[][] lists, long[] fitness, int[][] children, long[] childFitness, int made) {
        int size = lists.length;
        Integer[] ranked = new Integer[size + made];
        for (int i = 0; i < ranked.length; i++) {
            ranked[i] = i;
        }
        Arrays.sort(
                ranked,
                java.util.Comparator.comparingLong(
                        (Integer i) -> i < size ? fitness[i] : childFitness[i - size]));
        int[][] nextLists = new int[size][];
        long[] nextFitness = new long[size];
        for (int i = 0; i < size; i++) {
            int from = ranked[i];
            nextLists[i] = from < size ? lists[from] : children[from - size];
            nextFitness[i] = from < size ? fitness[from] : childFitness[from - size];
        }
        System.arraycopy(nextLists, 0, lists, 0, size);
        System.arraycopy(nextFitness, 0, fitness, 0, size);
    }

    /**
     * The first q1 of the first parent, up to q2 from the second in its order, the rest from the
     * first.
     */
    private int[] crossover(int[] first, int[] second, int q1, int q2) {
        int n = p.n;
        int[] child = new int[n];
        boolean[] taken = new boolean[n];
        int at = 0;
        for (int i = 0; i < q1; i++) {
            child[at++] = first[i];
            taken[first[i]] = true;
        }
        for (int i = 0; i < n && at < q2; i++) {
            if (!taken[second[i]]) {
                child[at++] = second[i];
                taken[second[i]] = true;
            }
        }
        for (int i = 0; i < n && at < n; i++) {
            if (!taken[first[i]]) {
                child[at++] = first[i];
                taken[first[i]] = true;
            }
        }
        return child;
    }

    /** Swaps neighbours now and then where the first is not a predecessor of the second. */
    private void mutate(int[] list) {
        for (int i = 0; i + 1 < list.length; i++) {
            if (random.nextDouble() < MUTATION && !precedes(list[i], list[i + 1])) {
                int t = list[i];
                list[i] = list[i + 1];
                list[i + 1] = t;
            }
        }
    }

    private boolean precedes(int a, int b) {
        for (int s : p.successors[a]) {
            if (s == b) {
                return true;
            }
        }
        return false;
    }

    /**
     * A precedence-feasible list: among the activities whose predecessors are all listed, the one
     * with the smallest latest finish, or (biased) one drawn with weight (max LFT - LFT + 1).
     */
    private int[] sample(boolean biased) {
        int n = p.n;
        int[] missing = new int[n];
        int[] eligible = new int[n];
        int count = 0;
        for (int j = 0; j < n; j++) {
            missing[j] = p.predecessors[j].length;
            if (missing[j] == 0) {
                eligible[count++] = j;
            }
        }
        int[] list = new int[n];
        for (int at = 0; at < n; at++) {
            int pick;
            if (biased) {
                int worst = Integer.MIN_VALUE;
                for (int i = 0; i < count; i++) {
                    worst = Math.max(worst, latestFinish[eligible[i]]);
                }
                long total = 0;
                for (int i = 0; i < count; i++) {
                    total += worst - latestFinish[eligible[i]] + 1;
                }
                long draw = random.nextLong(total);
                pick = 0;
                while (draw >= worst - latestFinish[eligible[pick]] + 1) {
                    draw -= worst - latestFinish[eligible[pick]] + 1;
                    pick++;
                }
            } else {
                pick = 0;
                for (int i = 1; i < count; i++) {
                    int a = eligible[i];
                    int b = eligible[pick];
                    if (latestFinish[a] < latestFinish[b]
                            || (latestFinish[a] == latestFinish[b] && a < b)) {
                        pick = i;
                    }
                }
            }
            int j = eligible[pick];
            eligible[pick] = eligible[--count];
            list[at] = j;
            for (int s : p.successors[j]) {
                if (--missing[s] == 0) {
                    eligible[count++] = s;
                }
            }
        }
        return list;
    }

    private int[] shuffled(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[k];
            order[k] = t;
        }
        return order;
    }
}
