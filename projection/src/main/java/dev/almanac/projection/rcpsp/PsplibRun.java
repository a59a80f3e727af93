package dev.almanac.projection.rcpsp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Runs the genetic search on every PSPLIB instance of a folder and reports as the literature does:
 * one line per instance, then {@code psplib instances=… schedules=… mean_dev_cpm=…% mean_dev_opt=…%
 * ms_per_instance=…}, the mean deviation from the critical-path bound and from the optimum (the
 * upper bound of {@code optimum.csv}) where the folder has one. Every schedule is checked by {@link
 * Feasibility} before it is reported; an infeasible one ends the run with status 1.
 *
 * <p>Arguments (or system properties {@code psplib.dir}, {@code psplib.schedules}, {@code
 * psplib.seed}, {@code psplib.method}): the folder (default {@code ../shared/psplib/j30}),
 * schedules per instance (default 5000), the seed (default 1), and {@code genetic} (default),
 * {@code sampling} (the same improvement on independently sampled lists) or {@code lft} (one pass
 * of the latest-finish-time rule).
 */
public final class PsplibRun {

    private PsplibRun() {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(arg(args, 0, "psplib.dir", "../shared/psplib/j30"));
        int budget = (int) number(arg(args, 1, "psplib.schedules", "5000"), "psplib.schedules", 1);
        long seed = number(arg(args, 2, "psplib.seed", "1"), "psplib.seed", Long.MIN_VALUE);
        String method = arg(args, 3, "psplib.method", "genetic");
        if (!List.of("genetic", "sampling", "lft").contains(method)) {
            System.err.println("psplib: method is genetic, sampling or lft, not " + method);
            System.exit(2);
        }
        if (!Files.isDirectory(folder)) {
            System.err.println(
                    "psplib: no folder " + folder.toAbsolutePath() + " (give -Dpsplib.dir=…)");
            System.exit(2);
        }
        List<Path> files = Psplib.files(folder);
        if (files.isEmpty()) {
            System.err.println("psplib: no .sm files in " + folder.toAbsolutePath());
            System.exit(2);
        }
        Psplib.Known known = Psplib.Known.in(folder);
        double devCpm = 0;
        double devOpt = 0;
        int withOptimum = 0;
        long totalMillis = 0;
        for (Path file : files) {
            Problem problem;
            try {
                problem = Psplib.read(file);
            } catch (IllegalArgumentException unreadable) {
                System.err.println(
                        "psplib: " + file + " cannot be read: " + unreadable.getMessage());
                System.exit(2);
                return;
            }
            long started = System.nanoTime();
            GeneticSearch.Result result =
                    switch (method) {
                        case "sampling" -> GeneticSearch.sampling(problem, budget, seed);
                        case "lft" -> GeneticSearch.latestFinishTime(problem);
                        default -> GeneticSearch.search(problem, budget, seed);
                    };
            long millis = (System.nanoTime() - started) / 1_000_000;
            var violation = Feasibility.violation(problem, result.start());
            int makespan = Feasibility.makespan(problem, result.start());
            if (violation.isPresent() || makespan != result.makespan()) {
                System.out.println(
                        problem.name()
                                + " INFEASIBLE: "
                                + violation.orElse(
                                        "makespan "
                                                + makespan
                                                + " reported as "
                                                + result.makespan()));
                System.exit(1);
            }
            int cpm = problem.criticalPathBound();
            Integer optimum = known.optimum().get(problem.name());
            Integer best = known.bestKnown().get(problem.name());
            devCpm += 100.0 * (makespan - cpm) / cpm;
            if (optimum != null) {
                devOpt += 100.0 * (makespan - optimum) / optimum;
                withOptimum++;
            }
            totalMillis += millis;
            System.out.printf(
                    Locale.ROOT,
                    "%s makespan=%d cpm=%d optimum=%s best_known=%s schedules=%d ms=%d%n",
                    problem.name(),
                    makespan,
                    cpm,
                    optimum == null ? "n/a" : optimum,
                    best == null ? "n/a" : best,
                    result.schedules(),
                    millis);
        }
        int count = files.size();
        System.out.printf(
                Locale.ROOT,
                "psplib instances=%d schedules=%d mean_dev_cpm=%.2f%% mean_dev_opt=%s ms_per_instance=%d%n",
                count,
                budget,
                devCpm / count,
                withOptimum == 0
                        ? "n/a"
                        : String.format(Locale.ROOT, "%.2f%%", devOpt / withOptimum),
                totalMillis / count);
    }

    /** A whole number of at least {@code least}, or a clear refusal and status 2. */
    private static long number(String value, String property, long least) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= least && n <= Integer.MAX_VALUE || least == Long.MIN_VALUE) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        System.err.println(
                "psplib: "
                        + property
                        + " must be a whole number"
                        + (least == 1 ? " of at least 1" : "")
                        + ", not '"
                        + value
                        + "'");
        System.exit(2);
        return least;
    }

    private static String arg(String[] args, int index, String property, String fallback) {
        if (args.length > index && !args[index].isBlank()) {
            return args[index];
        }
        return System.getProperty(property, fallback);
    }
}
