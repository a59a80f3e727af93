package dev.almanac.projection;

import static dev.almanac.projection.Fixtures.NOW;
import static dev.almanac.projection.Fixtures.UTC;
import static dev.almanac.projection.Fixtures.active;
import static dev.almanac.projection.Fixtures.done;
import static dev.almanac.projection.Fixtures.now;
import static dev.almanac.projection.Fixtures.only;
import static dev.almanac.projection.Fixtures.release;
import static dev.almanac.projection.Fixtures.snapshot;
import static dev.almanac.projection.Fixtures.step;
import static dev.almanac.projection.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MonteCarloTest {

    private static final int SAMPLES = 2000;

    private static Snapshot oneRelease(Instant target, DurationHistory history) {
        return snapshot(
                List.of(release("r1", "vision", "m", ReleaseStatus.PLANNED, NOW, target)),
                List.of(),
                List.of(),
                history);
    }

    @Test
    void p90IsAtLeastP50WhichIsNearTheDeterministicEnd() {
        ProjectedRelease r =
                only(Projector.simulate(oneRelease(null, DurationHistory.NONE), SAMPLES, 42));

        assertThat(r.targetP90()).isAfterOrEqualTo(r.targetP50());
        // Planned durations are lognormal with median = planned: the sum's median is near the
        // planned sum, a bit later.
        assertThat(Duration.between(r.targetEnd(), r.targetP50()).abs())
                .isLessThan(Duration.ofHours(12));
        assertThat(r.targetP90()).isAfter(r.targetEnd());
        r.steps().forEach(s -> assertThat(s.p90End()).isAfterOrEqualTo(s.p50End()));
    }

    @Test
    void widerObservedSpreadWidensTheBand() {
        DurationHistory narrow =
                new DurationHistory(
                        Map.of(
                                "train",
                                Map.of(
                                        "vision",
                                        LongStream.rangeClosed(46, 50)
                                                .map(h -> h * 3600)
                                                .toArray())),
                        5);
        DurationHistory wide =
                new DurationHistory(
                        Map.of(
                                "train",
                                Map.of(
                                        "vision",
                                        LongStream.of(10, 24, 48, 96, 200)
                                                .map(h -> h * 3600)
                                                .toArray())),
                        5);

        ProjectedStep narrowTrain =
                step(only(Projector.simulate(oneRelease(null, narrow), SAMPLES, 1)), "train");
        ProjectedStep wideTrain =
                step(only(Projector.simulate(oneRelease(null, wide), SAMPLES, 1)), "train");

        Duration narrowBand = Duration.between(narrowTrain.p50End(), narrowTrain.p90End());
        Duration wideBand = Duration.between(wideTrain.p50End(), wideTrain.p90End());
        assertThat(wideBand).isGreaterThan(narrowBand.multipliedBy(3));
    }

    @Test
    void onTargetProbabilityIsCertainForAFarTargetAndNilForAPastOne() {
        ProjectedRelease early =
                only(
                        Projector.simulate(
                                oneRelease(now(Duration.ofDays(60)), DurationHistory.NONE),
                                SAMPLES,
                                7));
        ProjectedRelease late =
                only(
                        Projector.simulate(
                                oneRelease(now(Duration.ofDays(1)), DurationHistory.NONE),
                                SAMPLES,
                                7));

        assertThat(early.onTargetProbability()).isEqualTo(1.0);
        assertThat(early.outlook()).isEqualTo(Outlook.ON_TRACK);
        assertThat(late.onTargetProbability()).isZero();
        assertThat(late.outlook()).isEqualTo(Outlook.LATE);
    }

    @Test
    void targetAtTheDeterministicEndIsAtRisk() {
        Instant deterministic =
                only(Projector.project(oneRelease(null, DurationHistory.NONE))).targetEnd();

        ProjectedRelease r =
                only(
                        Projector.simulate(
                                oneRelease(deterministic, DurationHistory.NONE), SAMPLES, 3));

        assertThat(r.onTargetProbability()).isBetween(0.2, 0.8);
        assertThat(r.outlook()).isEqualTo(Outlook.AT_RISK);
    }

    @Test
    void sameSeedGivesTheSameSchedule() {
        Snapshot snapshot = oneRelease(now(Duration.ofDays(5)), DurationHistory.NONE);

        Schedule first = Projector.simulate(snapshot, SAMPLES, 99);
        Schedule second = Projector.simulate(snapshot, SAMPLES, 99);
        Schedule other = Projector.simulate(snapshot, SAMPLES, 100);

        assertThat(only(second).steps()).isEqualTo(only(first).steps());
        assertThat(only(second).onTargetProbability()).isEqualTo(only(first).onTargetProbability());
        assertThat(only(second).distribution().counts())
                .isEqualTo(only(first).distribution().counts());
        assertThat(only(other).distribution().counts())
                .isNotEqualTo(only(first).distribution().counts());
    }

    @Test
    void histogramHoldsEverySampleAndSpansTheirRange() {
        ProjectedRelease r =
                only(Projector.simulate(oneRelease(null, DurationHistory.NONE), SAMPLES, 5));

        Histogram h = r.distribution();
        assertThat(h.total()).isEqualTo(SAMPLES);
        assertThat(h.counts()).hasSize(24);
        assertThat(h.from()).isBeforeOrEqualTo(r.targetP50());
        assertThat(h.binStart(24)).isAfter(r.targetP90());
    }

    @Test
    void windowsApplyToEverySample() {
        WindowRule tuesdays =
                window(
                        "tue",
                        WindowKind.RELEASE,
                        LocalDateTime.parse("2026-01-06T09:00"),
                        LocalDateTime.parse("2026-01-06T10:00"),
                        UTC,
                        "FREQ=WEEKLY;BYDAY=TU");
        Snapshot snapshot =
                snapshot(
                        List.of(release("r1", ReleaseStatus.PLANNED, NOW)),
                        List.of(),
                        List.of(tuesdays),
                        DurationHistory.NONE);

        ProjectedRelease r = only(Projector.simulate(snapshot, SAMPLES, 11));

        for (Instant t : List.of(r.targetEnd(), r.targetP50(), r.targetP90())) {
            assertThat(t.atZone(UTC).getDayOfWeek().name()).isEqualTo("TUESDAY");
            assertThat(t.atZone(UTC).getHour()).isEqualTo(9);
        }
    }

    @Test
    void activeStepIsSampledLongerThanItHasAlreadyRun() {
        DurationHistory history =
                new DurationHistory(
                        Map.of(
                                "train",
                                Map.of(
                                        "vision",
                                        LongStream.rangeClosed(1, 100)
                                                .map(h -> h * 3600)
                                                .toArray())),
                        5);
        ReleaseState r1 =
                release(
                        "r1",
                        ReleaseStatus.ACTIVE,
                        now(Duration.ofDays(-5)),
                        done("data", now(Duration.ofDays(-5)), now(Duration.ofHours(-80))),
                        active("train", now(Duration.ofHours(-80))));

        ProjectedStep train =
                step(
                        only(
                                Projector.simulate(
                                        snapshot(List.of(r1), List.of(), List.of(), history),
                                        SAMPLES,
                                        8)),
                        "train");

        // Deterministically the median (50 h) is long past: it ends now, overdue. Sampled, it ends
        // 1-20 h from now.
        assertThat(train.end()).isEqualTo(NOW);
        assertThat(train.overdue()).isTrue();
        assertThat(train.p50End()).isBetween(now(Duration.ofHours(1)), now(Duration.ofHours(20)));
        assertThat(train.p90End()).isBetween(train.p50End(), now(Duration.ofHours(20)));
    }

    @Test
    void doneStepsKeepTheirActualsInEveryPercentile() {
        ReleaseState r1 =
                release(
                        "r1",
                        ReleaseStatus.ACTIVE,
                        now(Duration.ofDays(-5)),
                        done("data", now(Duration.ofDays(-5)), now(Duration.ofDays(-4))),
                        active("train", now(Duration.ofHours(-1))));

        ProjectedStep data =
                step(only(Projector.simulate(snapshot(List.of(r1)), SAMPLES, 8)), "data");

        assertThat(data.p50End()).isEqualTo(data.end());
        assertThat(data.p90End()).isEqualTo(data.end());
    }

    @Test
    void dependencyCarriesTheUpstreamSpreadDownstream() {
        ReleaseState up = release("up", ReleaseStatus.PLANNED, NOW);
        ReleaseState down = release("down", ReleaseStatus.PLANNED, NOW);
        Dependency dependency = new Dependency("up", "deploy", "down", "retro", Duration.ofDays(3));

        Schedule schedule =
                Projector.simulate(
                        snapshot(
                                List.of(up, down),
                                List.of(dependency),
                                List.of(),
                                DurationHistory.NONE),
                        SAMPLES,
                        4);

        ProjectedStep upDeploy = step(schedule.releases().get(0), "deploy");
        ProjectedStep downRetro = step(schedule.releases().get(1), "retro");
        assertThat(downRetro.p50End()).isAfter(upDeploy.p50End().plus(Duration.ofDays(3)));
        assertThat(downRetro.p90End()).isAfter(upDeploy.p90End().plus(Duration.ofDays(3)));
    }

    @Test
    void simulationNeedsAtLeastOneSample() {
        assertThatThrownBy(() -> Projector.simulate(oneRelease(null, DurationHistory.NONE), 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
