package dev.almanac.projection.bench;

import dev.almanac.projection.Dependency;
import dev.almanac.projection.DurationHistory;
import dev.almanac.projection.Procedure;
import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.ReleaseStatus;
import dev.almanac.projection.Snapshot;
import dev.almanac.projection.Step;
import dev.almanac.projection.StepKind;
import dev.almanac.projection.StepState;
import dev.almanac.projection.WindowKind;
import dev.almanac.projection.WindowRule;
import dev.almanac.projection.WindowScope;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic portfolio: {@code size} active releases of a 12-milestone procedure (the tenth a
 * deploy that waits for a window), about two dependency edges per release from a lower- to a
 * higher-indexed release (so acyclic), 50 windows (global and scoped weekly release windows,
 * one-off and monthly freezes, experimentation) and learned durations for half the activities.
 */
final class Portfolio {

    static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    static final int STEPS = 12;
    static final int DEPLOY = 9;
    static final int PRODUCT_LINES = 10;
    static final int MODELS = 200;

    private Portfolio() {}

    static Snapshot of(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Procedure procedure = procedure();
        List<ReleaseState> releases = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            releases.add(release(i, procedure, random));
        }
        List<Dependency> dependencies = new ArrayList<>(2 * size);
        for (int j = 1; j < size; j++) {
            int edges = random.nextInt(5); // 0..4, two on average
            for (int k = 0; k < edges; k++) {
                int i = random.nextInt(j);
                dependencies.add(
                        new Dependency(
                                key(i),
                                "m" + random.nextInt(STEPS),
                                key(j),
                                "m" + random.nextInt(STEPS),
                                Duration.ofHours(random.nextInt(48))));
            }
        }
        return new Snapshot(
                NOW,
                Map.of(procedure.id(), procedure),
                releases,
                dependencies,
                windows(random),
                history(random));
    }

    private static String key(int i) {
        return "rel-" + i;
    }

    static Procedure procedure() {
        List<Step> steps = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            StepKind kind = s == DEPLOY ? StepKind.RELEASE_WINDOW : StepKind.WORK;
            Duration planned = Duration.ofHours(4 + 6L * (s % 5));
            steps.add(
                    s == 0
                            ? Step.of("m" + s, "milestone " + s, planned, kind)
                            : Step.of("m" + s, "milestone " + s, planned, kind, "m" + (s - 1)));
        }
        return new Procedure("bench-release:1", steps, "m" + DEPLOY);
    }

    private static ReleaseState release(int i, Procedure procedure, SplittableRandom random) {
        int activeStep = random.nextInt(DEPLOY + 1);
        Instant t = NOW.minus(Duration.ofHours(10L * activeStep + random.nextInt(24)));
        Instant start = t;
        Map<String, StepState> steps = new HashMap<>();
        for (int s = 0; s < activeStep; s++) {
            Instant end = t.plus(Duration.ofHours(2 + random.nextInt(16)));
            steps.put("m" + s, new StepState("m" + s, t, end, null));
            t = end;
        }
        Instant due =
                random.nextInt(4) == 0 ? NOW.plus(Duration.ofHours(random.nextInt(72))) : null;
        steps.put(
                "m" + activeStep,
                new StepState("m" + activeStep, t.isAfter(NOW) ? NOW : t, null, due));
        String line = "pl-" + random.nextInt(PRODUCT_LINES);
        Instant target = NOW.plus(Duration.ofDays(3 + random.nextInt(20)));
        return new ReleaseState(
                key(i),
                procedure.id(),
                line,
                "model-" + random.nextInt(MODELS),
                "team",
                "production",
                ReleaseStatus.ACTIVE,
                start,
                target,
                steps);
    }

    static List<WindowRule> windows(SplittableRandom random) {
        ZoneId[] zones = {
            ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York")
        };
        String[] days = {"MO", "TU", "WE", "TH", "FR"};
        List<WindowRule> rules = new ArrayList<>();
        LocalDateTime base = LocalDateTime.parse("2025-06-02T00:00");
        for (int w = 0; w < 50; w++) {
            ZoneId zone = zones[w % zones.length];
            LocalDateTime day = base.plusDays(random.nextInt(7));
            String id = "w" + w;
            if (w < 12) {
                LocalDateTime s = day.withHour(8 + random.nextInt(4));
                rules.add(
                        new WindowRule(
                                id,
                                WindowKind.RELEASE,
                                id,
                                s,
                                s.plusHours(4 + random.nextInt(5)),
                                zone,
                                "FREQ=WEEKLY;BYDAY=" + days[w % 5] + "," + days[(w + 2) % 5],
                                WindowScope.GLOBAL,
                                null));
            } else if (w < 24) {
                LocalDateTime s = day.withHour(9);
                rules.add(
                        new WindowRule(
                                id,
                                WindowKind.RELEASE,
                                id,
                                s,
                                s.plusHours(6),
                                zone,
                                "FREQ=WEEKLY;BYDAY=" + days[w % 5],
                                WindowScope.PRODUCT_LINE,
                                "pl-" + (w % PRODUCT_LINES)));
            } else if (w < 32) {
                LocalDateTime s =
                        LocalDateTime.parse("2026-03-01T00:00").plusDays(random.nextInt(300));
                rules.add(
                        new WindowRule(
                                id,
                                WindowKind.FREEZE,
                                id,
                                s,
                                s.plusDays(1 + random.nextInt(10)),
                                zone,
                                null,
                                WindowScope.GLOBAL,
                                null));
            } else if (w < 38) {
                rules.add(
                        new WindowRule(
                                id,
                                WindowKind.FREEZE,
                                id,
                                base,
                                base.plusHours(24),
                                zone,
                                "FREQ=MONTHLY;BYDAY=" + (1 + w % 4) + days[w % 5],
                                WindowScope.GLOBAL,
                                null));
            } else if (w < 46) {
                LocalDateTime s =
                        LocalDateTime.parse("2026-03-01T00:00").plusDays(random.nextInt(120));
                rules.add(
                        new WindowRule(
                                id,
                                WindowKind.FREEZE,
                                id,
                                s,
                                s.plusDays(2 + random.nextInt(5)),
                                zone,
                                null,
                                WindowScope.MODEL,
                                "model-" + random.nextInt(MODELS)));
            } else {
                LocalDateTime s = day.withHour(13);
                rules.add(
                        new WindowRule(
                                id,
                                WindowKind.EXPERIMENTATION,
                                id,
                                s,
                                s.plusHours(3),
                                zone,
                                "FREQ=DAILY",
                                WindowScope.GLOBAL,
                                null));
            }
        }
        return rules;
    }

    static DurationHistory history(SplittableRandom random) {
        Map<String, Map<String, long[]>> seconds = new HashMap<>();
        for (int s = 0; s < STEPS; s += 2) {
            if (s == DEPLOY) {
                continue;
            }
            Map<String, long[]> byLine = new HashMap<>();
            for (int pl = 0; pl < PRODUCT_LINES; pl += 2) {
                long[] observed = new long[20];
                for (int k = 0; k < observed.length; k++) {
                    observed[k] = 3600L * (2 + random.nextInt(30));
                }
                byLine.put("pl-" + pl, observed);
            }
            seconds.put("m" + s, byLine);
        }
        return new DurationHistory(seconds, 5);
    }
}
