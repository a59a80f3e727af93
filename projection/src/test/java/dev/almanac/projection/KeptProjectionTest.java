package dev.almanac.projection;

import static dev.almanac.projection.Fixtures.NOW;
import static dev.almanac.projection.Fixtures.PROCEDURE;
import static dev.almanac.projection.Fixtures.UTC;
import static dev.almanac.projection.Fixtures.scoped;
import static dev.almanac.projection.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kept projection after random engine events equals the full projection of the same snapshot,
 * release for release and conflict for conflict.
 */
class KeptProjectionTest {

    private static final String[] PATH = {"data", "train", "validate", "review", "deploy", "retro"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void equalsTheFullProjectionAfterRandomChanges(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ReleaseState> releases = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            releases.add(randomRelease("r" + i, random));
        }
        List<Dependency> dependencies = new ArrayList<>();
        for (int j = 1; j < releases.size(); j++) {
            for (int k = random.nextInt(4); k > 0; k--) {
                dependencies.add(
                        new Dependency(
                                "r" + random.nextInt(j),
                                PATH[random.nextInt(PATH.length)],
                                "r" + j,
                                PATH[random.nextInt(PATH.length)],
                                Duration.ofHours(random.nextInt(30))));
            }
        }
        dependencies.add(new Dependency("nobody", "deploy", "r7", "data", Duration.ZERO));
        KeptProjection kept = KeptProjection.of(snapshot(releases, dependencies));
        assertThat(kept.schedule()).isEqualTo(Projector.project(snapshot(releases, dependencies)));

        int changes = 400;
        for (int c = 0; c < changes; c++) {
            int index = random.nextInt(releases.size() + 3);
            ReleaseState changed =
                    index >= releases.size()
                            ? randomRelease("new" + c, random)
                            : change(releases.get(index), random);
            if (index >= releases.size()) {
                releases.add(changed);
            } else {
                releases.set(index, changed);
            }
            Schedule incremental = kept.update(changed);
            Schedule full = Projector.project(snapshot(releases, dependencies));
            assertThat(incremental).as("after change %d to %s", c, changed).isEqualTo(full);
        }
        // most changes are steps ending: the kept graph takes them in place
        assertThat(kept.incrementalUpdates()).isGreaterThan(changes / 2);
        assertThat(kept.fullProjections()).isGreaterThan(1);
    }

    @Test
    void releasesThatDidNotMoveKeepTheirObjects() {
        List<ReleaseState> releases = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 50; i++) {
            releases.add(activeAt("r" + i, 1, NOW.minus(Duration.ofHours(5)), null));
        }
        KeptProjection kept = KeptProjection.of(snapshot(releases, List.of()));
        Schedule before = kept.schedule();
        ReleaseState changed = stepEnds(releases.get(3), NOW.minus(Duration.ofHours(1)), random);
        Schedule after = kept.update(changed);
        assertThat(kept.incrementalUpdates()).isEqualTo(1);
        assertThat(after.releases().get(3)).isNotEqualTo(before.releases().get(3));
        for (int i = 0; i < 50; i++) {
            if (i != 3) {
                assertThat(after.releases().get(i)).isSameAs(before.releases().get(i));
            }
        }
    }

    private static Snapshot snapshot(List<ReleaseState> releases, List<Dependency> dependencies) {
        List<WindowRule> windows =
                List.of(
                        window(
                                "tue-thu",
                                WindowKind.RELEASE,
                                LocalDateTime.parse("2026-01-06T09:00"),
                                LocalDateTime.parse("2026-01-06T17:00"),
                                UTC,
                                "FREQ=WEEKLY;BYDAY=TU,TH"),
                        window(
                                "march-freeze",
                                WindowKind.FREEZE,
                                LocalDateTime.parse("2026-03-09T00:00"),
                                LocalDateTime.parse("2026-03-13T00:00"),
                                UTC,
                                null),
                        // a model frozen beyond the horizon: its deploys find no window
                        scoped(
                                "frozen",
                                WindowKind.FREEZE,
                                LocalDateTime.parse("2026-01-01T00:00"),
                                LocalDateTime.parse("2031-01-01T00:00"),
                                null,
                                WindowScope.MODEL,
                                "frozen-model"));
        Map<String, Map<String, long[]>> observed = new HashMap<>();
        observed.put(
                "train", Map.of("vision", new long[] {86_400, 90_000, 100_000, 80_000, 70_000}));
        return new Snapshot(
                NOW,
                Map.of(PROCEDURE.id(), PROCEDURE),
                releases,
                dependencies,
                windows,
                new DurationHistory(observed, 5),
                Map.of(Snapshot.stepKey("r5", "validate"), Duration.ofHours(30)));
    }

    private static ReleaseState randomRelease(String key, SplittableRandom random) {
        int kind = random.nextInt(10);
        if (kind < 2) {
            return Fixtures.release(
                    key,
                    "vision",
                    model(random),
                    ReleaseStatus.PLANNED,
                    NOW.plus(Duration.ofHours(random.nextInt(400))),
                    target(random));
        }
        if (kind == 2) {
            Instant t = NOW.minus(Duration.ofDays(20));
            return Fixtures.release(
                    key,
                    "vision",
                    model(random),
                    ReleaseStatus.COMPLETED,
                    t,
                    null,
                    Fixtures.done("data", t, t.plus(Duration.ofDays(1))),
                    Fixtures.done("train", t.plus(Duration.ofDays(1)), t.plus(Duration.ofDays(3))));
        }
        int at = random.nextInt(PATH.length);
        Instant due =
                random.nextInt(4) == 0 ? NOW.plus(Duration.ofHours(random.nextInt(60))) : null;
        return activeAt(key, at, NOW.minus(Duration.ofHours(random.nextInt(50))), due);
    }

    private static String model(SplittableRandom random) {
        return random.nextInt(15) == 0 ? "frozen-model" : "m" + random.nextInt(5);
    }

    private static Instant target(SplittableRandom random) {
        return random.nextBoolean() ? NOW.plus(Duration.ofDays(3 + random.nextInt(20))) : null;
    }

    /** Active at the step {@code at} of the expected path, the steps before it done. */
    private static ReleaseState activeAt(String key, int at, Instant since, Instant due) {
        List<StepState> steps = new ArrayList<>();
        Instant t = since.minus(Duration.ofHours(10L * at));
        for (int i = 0; i < at; i++) {
            steps.add(Fixtures.done(PATH[i], t, t.plus(Duration.ofHours(10))));
            t = t.plus(Duration.ofHours(10));
        }
        steps.add(new StepState(PATH[at], since, null, due));
        return Fixtures.release(
                key,
                "vision",
                "m1",
                ReleaseStatus.ACTIVE,
                since.minus(Duration.ofHours(10L * at)),
                NOW.plus(Duration.ofDays(10)),
                steps.toArray(new StepState[0]));
    }

    /** One engine event for this release, most often its active step ending. */
    private static ReleaseState change(ReleaseState r, SplittableRandom random) {
        Instant at = NOW.minus(Duration.ofMinutes(random.nextInt(3000)));
        int kind = random.nextInt(20);
        if (r.status() == ReleaseStatus.PLANNED) {
            if (kind < 10) {
                return with(
                        r,
                        ReleaseStatus.ACTIVE,
                        r.start(),
                        Map.of("data", Fixtures.active("data", at)));
            }
            // the planned start moves, now and then beyond the latest: the window horizon moves
            long hours = kind < 18 ? random.nextInt(400) : 800 + random.nextInt(9000);
            return with(r, ReleaseStatus.PLANNED, NOW.plus(Duration.ofHours(hours)), r.steps());
        }
        if (r.status() != ReleaseStatus.ACTIVE) {
            return with(r, r.status(), r.start(), r.steps()); // the same again
        }
        if (kind < 13) {
            return stepEnds(r, at, random);
        }
        String active = activeStep(r);
        Map<String, StepState> steps = new HashMap<>(r.steps());
        if (kind < 16 && active != null) {
            StepState s = steps.get(active);
            Instant due =
                    random.nextBoolean()
                            ? null
                            : NOW.plus(Duration.ofHours(random.nextInt(100) - 20));
            steps.put(active, new StepState(active, s.actualStart(), null, due));
            return with(r, ReleaseStatus.ACTIVE, r.start(), steps);
        }
        if (kind == 16 && "review".equals(active)) {
            // a detour: review escalates
            steps.put("review", Fixtures.done("review", steps.get("review").actualStart(), at));
            steps.put("escalate", Fixtures.active("escalate", at));
            return with(r, ReleaseStatus.ACTIVE, r.start(), steps);
        }
        if (kind == 17 && active != null && steps.containsKey("train") && !"train".equals(active)) {
            // validation failed: back to training, which had ended
            steps.put(active, Fixtures.done(active, steps.get(active).actualStart(), at));
            steps.put("train", Fixtures.active("train", at));
            return with(r, ReleaseStatus.ACTIVE, r.start(), steps);
        }
        if (kind == 18) {
            return with(r, ReleaseStatus.STOPPED, r.start(), r.steps());
        }
        return with(
                new ReleaseState(
                        r.key(),
                        r.procedureId(),
                        r.productLine(),
                        model(random),
                        r.team(),
                        r.lane(),
                        r.status(),
                        r.start(),
                        target(random),
                        r.steps()),
                r.status(),
                r.start(),
                r.steps());
    }

    /**
     * The active step ends at {@code at}; the next on the path starts then, or the release ends.
     */
    private static ReleaseState stepEnds(ReleaseState r, Instant at, SplittableRandom random) {
        String active = activeStep(r);
        Map<String, StepState> steps = new HashMap<>(r.steps());
        if (active == null) {
            return r;
        }
        StepState s = steps.get(active);
        Instant end = at.isBefore(s.actualStart()) ? s.actualStart() : at;
        steps.put(active, Fixtures.done(active, s.actualStart(), end));
        int i = java.util.Arrays.asList(PATH).indexOf(active);
        if (active.equals("escalate")) {
            i = 3; // the detour rejoins at deploy
        }
        if (i + 1 >= PATH.length) {
            return with(r, ReleaseStatus.COMPLETED, r.start(), steps);
        }
        Instant due =
                random.nextInt(3) == 0 ? end.plus(Duration.ofHours(random.nextInt(80))) : null;
        steps.put(PATH[i + 1], new StepState(PATH[i + 1], end, null, due));
        return with(r, ReleaseStatus.ACTIVE, r.start(), steps);
    }

    private static String activeStep(ReleaseState r) {
        return r.steps().values().stream()
                .filter(StepState::active)
                .map(StepState::activityId)
                .findFirst()
                .orElse(null);
    }

    private static ReleaseState with(
            ReleaseState r, ReleaseStatus status, Instant start, Map<String, StepState> steps) {
        return new ReleaseState(
                r.key(),
                r.procedureId(),
                r.productLine(),
                r.model(),
                r.team(),
                r.lane(),
                status,
                start,
                r.target(),
                steps);
    }
}
