package dev.almanac.projection;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Releases whose step durations come from KNOWN distributions, with their actual dates: the ground
 * truth a backtest measures the projector against.
 *
 * <p>Every release follows {@link #procedure()}: each work step lasts a lognormal draw with the
 * activity's median and sigma, times its product line's factor; the next step starts when one ends;
 * the deploy waits for the next open window of {@link #windows()} (the same rules the projector
 * sees). The procedure's planned durations are deliberately off the true medians, so a projection
 * is only good once it has learned from history.
 *
 * @param procedure the procedure all releases follow
 * @param windows the release windows and freezes in force
 * @param releases the simulated releases, by start
 */
public record SimulatedHistory(
        Procedure procedure, List<WindowRule> windows, List<SimulatedRelease> releases) {

    /** One activity's true duration: lognormal with this median and sigma (of the log). */
    public record ActivityModel(String activityId, Duration median, double sigma) {}

    /**
     * One release as it really ran.
     *
     * @param actuals every step's actual start and end, by activity id
     */
    public record SimulatedRelease(
            String key,
            String productLine,
            String model,
            Instant start,
            Map<String, StepState> actuals) {

        /** When the activity actually ended. */
        public Instant end(String activityId) {
            return actuals.get(activityId).actualEnd();
        }

        /**
         * What the engine would have reported at {@code cut}: steps ended by then with their
         * actuals, the step running at the cut as active (a deploy timer with its due date),
         * nothing after.
         */
        public ReleaseState asOf(Instant cut, String procedureId) {
            Map<String, StepState> seen = new HashMap<>();
            for (StepState s : actuals.values()) {
                if (s.actualStart().isAfter(cut)) {
                    continue;
                }
                if (!s.actualEnd().isAfter(cut)) {
                    seen.put(s.activityId(), s);
                } else {
                    Instant due = s.activityId().equals(DEPLOY) ? s.actualEnd() : null;
                    seen.put(
                            s.activityId(),
                            new StepState(s.activityId(), s.actualStart(), null, due));
                }
            }
            ReleaseStatus status =
                    start.isAfter(cut) ? ReleaseStatus.PLANNED : ReleaseStatus.ACTIVE;
            return new ReleaseState(
                    key,
                    procedureId,
                    productLine,
                    model,
                    "team-" + productLine,
                    "production",
                    status,
                    start,
                    null,
                    seen);
        }
    }

    static final String DEPLOY = "deploy";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** The true duration models of the default procedure's work steps. */
    public static final List<ActivityModel> DEFAULT_MODELS =
            List.of(
                    new ActivityModel("data", Duration.ofHours(20), 0.5),
                    new ActivityModel("train", Duration.ofHours(40), 0.6),
                    new ActivityModel("validate", Duration.ofHours(8), 0.4),
                    new ActivityModel("review", Duration.ofHours(24), 0.7),
                    new ActivityModel("retro", Duration.ofHours(48), 0.3));

    /** Product lines and their duration factors (a product line that is slower at everything). */
    public static final Map<String, Double> DEFAULT_PRODUCT_LINES =
            Map.of("vision", 1.0, "nlp", 1.5, "search", 0.7);

    /**
     * The default history: releases starting on average every {@code meanGap} (exponential gaps)
     * from {@code from} for {@code span}, spread over the default product lines.
     */
    public static SimulatedHistory generate(
            Instant from, Duration span, Duration meanGap, long seed) {
        return generate(
                from,
                span,
                meanGap,
                DEFAULT_MODELS,
                DEFAULT_PRODUCT_LINES,
                defaultWindows(from),
                seed);
    }

    /** Releases drawn from the given models, product-line factors and windows. */
    public static SimulatedHistory generate(
            Instant from,
            Duration span,
            Duration meanGap,
            List<ActivityModel> models,
            Map<String, Double> productLines,
            List<WindowRule> windows,
            long seed) {
        Procedure procedure = procedure(models);
        SplittableRandom random = new SplittableRandom(seed);
        Instant until = from.plus(span);
        ReleaseWindows calendar =
                ReleaseWindows.expand(
                        windows, from.minus(Duration.ofDays(1)), until.plus(Duration.ofDays(400)));
        List<String> lines = new ArrayList<>(new java.util.TreeSet<>(productLines.keySet()));
        Map<String, ActivityModel> byActivity = new HashMap<>();
        models.forEach(m -> byActivity.put(m.activityId(), m));
        List<SimulatedRelease> releases = new ArrayList<>();
        Instant start = from;
        int i = 0;
        while (true) {
            start =
                    start.plusSeconds(
                            Math.round(-Math.log(1 - random.nextDouble()) * meanGap.getSeconds()));
            if (!start.isBefore(until)) {
                break;
            }
            String line = lines.get(random.nextInt(lines.size()));
            String model = line + "-model-" + random.nextInt(4);
            double factor = productLines.get(line);
            Map<String, StepState> actuals = new LinkedHashMap<>();
            Instant t = start;
            for (Step step : procedure.steps()) {
                Instant end;
                if (step.kind() == StepKind.RELEASE_WINDOW) {
                    Instant open = calendar.nextOpen(t, line, model);
                    end = open == null ? t : open;
                } else {
                    ActivityModel m = byActivity.get(step.activityId());
                    double seconds =
                            m.median().getSeconds()
                                    * factor
                                    * Math.exp(m.sigma() * random.nextGaussian());
                    end = t.plusSeconds(Math.max(60, Math.round(seconds)));
                }
                actuals.put(step.activityId(), new StepState(step.activityId(), t, end, null));
                t = end;
            }
            releases.add(
                    new SimulatedRelease("sim-" + (++i), line, model, start, Map.copyOf(actuals)));
        }
        return new SimulatedHistory(procedure, List.copyOf(windows), List.copyOf(releases));
    }

    /**
     * The procedure: the work steps in order with a deploy (release window) before the last one.
     * Planned durations are the true medians plus 30 %, as optimistic plans are rarely right.
     */
    static Procedure procedure(List<ActivityModel> models) {
        List<Step> steps = new ArrayList<>();
        String previous = null;
        for (int k = 0; k < models.size(); k++) {
            ActivityModel m = models.get(k);
            if (k == models.size() - 1) {
                steps.add(
                        previous == null
                                ? Step.of(DEPLOY, DEPLOY, Duration.ZERO, StepKind.RELEASE_WINDOW)
                                : Step.of(
                                        DEPLOY,
                                        DEPLOY,
                                        Duration.ZERO,
                                        StepKind.RELEASE_WINDOW,
                                        previous));
                previous = DEPLOY;
            }
            Duration planned = Duration.ofSeconds(Math.round(m.median().getSeconds() * 1.3));
            steps.add(
                    previous == null
                            ? Step.of(m.activityId(), m.activityId(), planned, StepKind.WORK)
                            : Step.of(
                                    m.activityId(),
                                    m.activityId(),
                                    planned,
                                    StepKind.WORK,
                                    previous));
            previous = m.activityId();
        }
        return new Procedure("simulated-release:1", steps, DEPLOY);
    }

    /**
     * A weekly release window (Monday to Thursday 08:00-18:00 Berlin), a freeze on the first Monday
     * of every month, and a two-week year-end freeze from the history's first December.
     */
    public static List<WindowRule> defaultWindows(Instant from) {
        LocalDateTime base = LocalDateTime.ofInstant(from, BERLIN).toLocalDate().atStartOfDay();
        int year = base.getYear();
        return List.of(
                new WindowRule(
                        "deploy-mon-thu",
                        WindowKind.RELEASE,
                        "Deploys Monday to Thursday",
                        base.withHour(8),
                        base.withHour(18),
                        BERLIN,
                        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH",
                        WindowScope.GLOBAL,
                        null),
                new WindowRule(
                        "first-monday-freeze",
                        WindowKind.FREEZE,
                        "Board Monday",
                        base,
                        base.plusDays(1),
                        BERLIN,
                        "FREQ=MONTHLY;BYDAY=1MO",
                        WindowScope.GLOBAL,
                        null),
                new WindowRule(
                        "year-end-freeze",
                        WindowKind.FREEZE,
                        "Year-end freeze",
                        LocalDateTime.of(year, 12, 18, 0, 0),
                        LocalDateTime.of(year + 1, 1, 4, 0, 0),
                        BERLIN,
                        null,
                        WindowScope.GLOBAL,
                        null));
    }

    /** Observed durations of the work steps of releases that had fully ended by {@code cut}. */
    public DurationHistory learnedBefore(Instant cut, int minSamples) {
        Map<String, Map<String, List<Long>>> observed = new HashMap<>();
        for (SimulatedRelease r : releases) {
            boolean finished =
                    r.actuals().values().stream().allMatch(s -> !s.actualEnd().isAfter(cut));
            if (!finished) {
                continue;
            }
            for (Step step : procedure.steps()) {
                if (step.kind() == StepKind.WORK) {
                    StepState s = r.actuals().get(step.activityId());
                    observed.computeIfAbsent(step.activityId(), a -> new HashMap<>())
                            .computeIfAbsent(r.productLine(), l -> new ArrayList<>())
                            .add(Duration.between(s.actualStart(), s.actualEnd()).getSeconds());
                }
            }
        }
        Map<String, Map<String, long[]>> seconds = new HashMap<>();
        observed.forEach(
                (activity, lines) -> {
                    Map<String, long[]> byLine = new HashMap<>();
                    lines.forEach(
                            (line, list) ->
                                    byLine.put(
                                            line,
                                            list.stream().mapToLong(Long::longValue).toArray()));
                    seconds.put(activity, byLine);
                });
        return new DurationHistory(seconds, minSamples);
    }
}
