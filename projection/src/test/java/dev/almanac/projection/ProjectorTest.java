package dev.almanac.projection;

import static dev.almanac.projection.Fixtures.NOW;
import static dev.almanac.projection.Fixtures.UTC;
import static dev.almanac.projection.Fixtures.active;
import static dev.almanac.projection.Fixtures.activeDue;
import static dev.almanac.projection.Fixtures.at;
import static dev.almanac.projection.Fixtures.done;
import static dev.almanac.projection.Fixtures.has;
import static dev.almanac.projection.Fixtures.hours;
import static dev.almanac.projection.Fixtures.now;
import static dev.almanac.projection.Fixtures.only;
import static dev.almanac.projection.Fixtures.release;
import static dev.almanac.projection.Fixtures.scoped;
import static dev.almanac.projection.Fixtures.snapshot;
import static dev.almanac.projection.Fixtures.step;
import static dev.almanac.projection.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectorTest {

    @Test
    void plannedReleaseRunsItsPlannedDurationsFromItsStart() {
        ReleaseState planned = release("r1", ReleaseStatus.PLANNED, now(Duration.ofDays(7)));

        ProjectedRelease r = only(Projector.project(snapshot(List.of(planned))));

        assertThat(r.steps())
                .extracting(ProjectedStep::activityId)
                .containsExactly("data", "train", "validate", "review", "deploy", "retro");
        assertThat(step(r, "data").start()).isEqualTo(now(Duration.ofDays(7)));
        assertThat(step(r, "data").end()).isEqualTo(now(Duration.ofDays(8)));
        assertThat(step(r, "train").end()).isEqualTo(now(Duration.ofDays(10)));
        assertThat(step(r, "deploy").end()).isEqualTo(now(Duration.ofDays(11).plusHours(12)));
        assertThat(r.targetEnd()).isEqualTo(step(r, "deploy").end());
        assertThat(r.steps())
                .allSatisfy(
                        s -> {
                            assertThat(s.status()).isEqualTo(StepStatus.PLANNED);
                            assertThat(s.source()).isEqualTo(DurationSource.PLANNED);
                        });
        assertThat(r.outlook()).isEqualTo(Outlook.ON_TRACK);
        assertThat(r.distribution()).isNull();
        assertThat(r.targetP90()).isEqualTo(r.targetEnd());
    }

    @Test
    void plannedReleaseWhoseStartHasPassedStartsNow() {
        ReleaseState planned = release("r1", ReleaseStatus.PLANNED, now(Duration.ofDays(-3)));

        ProjectedRelease r = only(Projector.project(snapshot(List.of(planned))));

        assertThat(step(r, "data").start()).isEqualTo(NOW);
    }

    @Test
    void learnedDurationOfTheOwnProductLineWinsOverPlanned() {
        DurationHistory history =
                new DurationHistory(
                        Map.of(
                                "train",
                                Map.of(
                                        "vision", hours(10, 11, 12, 13, 14),
                                        "nlp", hours(100, 100, 100, 100, 100))),
                        5);
        ReleaseState planned = release("r1", ReleaseStatus.PLANNED, NOW);

        ProjectedRelease r =
                only(Projector.project(snapshot(List.of(planned), List.of(), List.of(), history)));

        ProjectedStep train = step(r, "train");
        assertThat(train.source()).isEqualTo(DurationSource.LEARNED_PRODUCT_LINE);
        assertThat(Duration.between(train.start(), train.end())).isEqualTo(Duration.ofHours(12));
        assertThat(step(r, "data").source()).isEqualTo(DurationSource.PLANNED);
    }

    @Test
    void tooFewObservationsInTheProductLineFallBackToAllProductLines() {
        DurationHistory history =
                new DurationHistory(
                        Map.of(
                                "train",
                                Map.of(
                                        "vision", hours(10, 10, 10),
                                        "nlp", hours(30, 30, 30))),
                        5);
        ReleaseState planned = release("r1", ReleaseStatus.PLANNED, NOW);

        ProjectedStep train =
                step(
                        only(
                                Projector.project(
                                        snapshot(List.of(planned), List.of(), List.of(), history))),
                        "train");

        assertThat(train.source()).isEqualTo(DurationSource.LEARNED);
        assertThat(Duration.between(train.start(), train.end())).isEqualTo(Duration.ofHours(20));
    }

    @Test
    void tooFewObservationsAnywhereKeepThePlannedDuration() {
        DurationHistory history =
                new DurationHistory(
                        Map.of("train", Map.of("vision", hours(10, 10), "nlp", hours(30, 30))), 5);
        ReleaseState planned = release("r1", ReleaseStatus.PLANNED, NOW);

        ProjectedStep train =
                step(
                        only(
                                Projector.project(
                                        snapshot(List.of(planned), List.of(), List.of(), history))),
                        "train");

        assertThat(train.source()).isEqualTo(DurationSource.PLANNED);
        assertThat(Duration.between(train.start(), train.end())).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void overdueActiveTaskEndsNowAndPushesItsSuccessors() {
        ReleaseState r1 =
                release(
                        "r1",
                        ReleaseStatus.ACTIVE,
                        now(Duration.ofDays(-6)),
                        done("data", now(Duration.ofDays(-6)), now(Duration.ofDays(-5))),
                        active("train", now(Duration.ofDays(-5))));

        ProjectedRelease r = only(Projector.project(snapshot(List.of(r1))));

        ProjectedStep train = step(r, "train");
        assertThat(train.status()).isEqualTo(StepStatus.ACTIVE);
        assertThat(train.source()).isEqualTo(DurationSource.ACTUAL);
        assertThat(train.start()).isEqualTo(now(Duration.ofDays(-5)));
        assertThat(train.end()).isEqualTo(NOW);
        assertThat(train.overdue()).isTrue();
        assertThat(step(r, "validate").start()).isEqualTo(NOW);
        assertThat(step(r, "data").status()).isEqualTo(StepStatus.DONE);
        assertThat(step(r, "data").end()).isEqualTo(now(Duration.ofDays(-5)));
    }

    @Test
    void activeTaskWithinItsDurationEndsAfterItsDuration() {
        ReleaseState r1 =
                release(
                        "r1",
                        ReleaseStatus.ACTIVE,
                        now(Duration.ofDays(-1)),
                        done("data", now(Duration.ofDays(-2)), now(Duration.ofDays(-1))),
                        active("train", now(Duration.ofDays(-1))));

        ProjectedStep train = step(only(Projector.project(snapshot(List.of(r1)))), "train");

        assertThat(train.end()).isEqualTo(now(Duration.ofDays(1)));
        assertThat(train.overdue()).isFalse();
    }

    @Test
    void activeStepWithADueDateEndsAtItsDueDate() {
        ReleaseState r1 =
                release(
                        "r1",
                        ReleaseStatus.ACTIVE,
                        now(Duration.ofDays(-6)),
                        done("data", now(Duration.ofDays(-6)), now(Duration.ofDays(-5))),
                        activeDue("train", now(Duration.ofDays(-5)), now(Duration.ofDays(4))));

        ProjectedRelease r = only(Projector.project(snapshot(List.of(r1))));

        assertThat(step(r, "train").end()).isEqualTo(now(Duration.ofDays(4)));
        assertThat(step(r, "train").overdue()).isFalse();
        assertThat(step(r, "validate").start()).isEqualTo(now(Duration.ofDays(4)));
    }

    @Test
    void activeStepPastItsDueDateIsOverdueAndEndsNow() {
        ReleaseState r1 =
                release(
                        "r1",
                        ReleaseStatus.ACTIVE,
                        now(Duration.ofDays(-2)),
                        activeDue("data", now(Duration.ofHours(-2)), now(Duration.ofHours(-1))));

        ProjectedStep data = step(only(Projector.project(snapshot(List.of(r1)))), "data");

        assertThat(data.end()).isEqualTo(NOW);
        assertThat(data.overdue()).isTrue();
    }

    @Test
    void deployWaitsAcrossAFreezeForTheNextReleaseWindow() {
        // Review ends Friday 2026-03-06 20:00 UTC. Release windows: Tuesdays and Thursdays 09-17
        // UTC.
        WindowRule tueThu =
                window(
                        "tue-thu",
                        WindowKind.RELEASE,
                        LocalDateTime.parse("2026-01-06T09:00"),
                        LocalDateTime.parse("2026-01-06T17:00"),
                        UTC,
                        "FREQ=WEEKLY;BYDAY=TU,TH");
        WindowRule freeze =
                window(
                        "march-freeze",
                        WindowKind.FREEZE,
                        LocalDateTime.parse("2026-03-09T00:00"),
                        LocalDateTime.parse("2026-03-11T00:00"),
                        UTC,
                        null);
        ReleaseState planned = release("r1", ReleaseStatus.PLANNED, NOW);

        ProjectedRelease r =
                only(
                        Projector.project(
                                snapshot(
                                        List.of(planned),
                                        List.of(),
                                        List.of(tueThu, freeze),
                                        DurationHistory.NONE)));

        ProjectedStep deploy = step(r, "deploy");
        assertThat(deploy.start()).isEqualTo(at("2026-03-06T20:00:00Z"));
        assertThat(deploy.end()).isEqualTo(at("2026-03-12T09:00:00Z"));
        assertThat(deploy.heldBy()).isEqualTo("tue-thu");
        assertThat(step(r, "retro").start()).isEqualTo(at("2026-03-12T09:00:00Z"));
    }

    @Test
    void deployReadyInsideAFreezeThatEndsInsideAWindowIsHeldByTheFreeze() {
        WindowRule daily =
                window(
                        "daily",
                        WindowKind.RELEASE,
                        LocalDateTime.parse("2026-01-01T08:00"),
                        LocalDateTime.parse("2026-01-01T22:00"),
                        UTC,
                        "FREQ=DAILY");
        WindowRule freeze =
                window(
                        "freeze",
                        WindowKind.FREEZE,
                        LocalDateTime.parse("2026-03-06T12:00"),
                        LocalDateTime.parse("2026-03-07T10:00"),
                        UTC,
                        null);
        ReleaseState planned = release("r1", ReleaseStatus.PLANNED, NOW);

        ProjectedStep deploy =
                step(
                        only(
                                Projector.project(
                                        snapshot(
                                                List.of(planned),
                                                List.of(),
                                                List.of(daily, freeze),
                                                DurationHistory.NONE))),
                        "deploy");

        assertThat(deploy.end()).isEqualTo(at("2026-03-07T10:00:00Z"));
        assertThat(deploy.heldBy()).isEqualTo("freeze");
    }

    @Test
    void releaseWindowsScopedToAProductLineOrModelHoldOnlyTheirReleases() {
        WindowRule visionMondays =
                scoped(
                        "vision-mondays",
                        WindowKind.RELEASE,
                        LocalDateTime.parse("2026-01-05T09:00"),
                        LocalDateTime.parse("2026-01-05T12:00"),
                        "FREQ=WEEKLY;BYDAY=MO",
                        WindowScope.PRODUCT_LINE,
                        "vision");
        WindowRule rankerFreeze =
                scoped(
                        "ranker-freeze",
                        WindowKind.FREEZE,
                        LocalDateTime.parse("2026-03-06T00:00"),
                        LocalDateTime.parse("2026-03-20T00:00"),
                        null,
                        WindowScope.MODEL,
                        "ranker");
        List<ReleaseState> releases =
                List.of(
                        release("v", "vision", "detector", ReleaseStatus.PLANNED, NOW, null),
                        release("s", "search", "ranker", ReleaseStatus.PLANNED, NOW, null),
                        release("o", "search", "other", ReleaseStatus.PLANNED, NOW, null));

        Schedule schedule =
                Projector.project(
                        snapshot(
                                releases,
                                List.of(),
                                List.of(visionMondays, rankerFreeze),
                                DurationHistory.NONE));

        assertThat(step(schedule.releases().get(0), "deploy").end())
                .isEqualTo(at("2026-03-09T09:00:00Z"));
        assertThat(step(schedule.releases().get(1), "deploy").end())
                .isEqualTo(at("2026-03-20T00:00:00Z"));
        assertThat(step(schedule.releases().get(1), "deploy").heldBy()).isEqualTo("ranker-freeze");
        assertThat(step(schedule.releases().get(2), "deploy").end())
                .isEqualTo(at("2026-03-06T20:00:00Z"));
        assertThat(step(schedule.releases().get(2), "deploy").heldBy()).isNull();
    }

    @Test
    void deployWithoutAnyWindowInTheHorizonIsAConflict() {
        WindowRule past =
                window(
                        "past",
                        WindowKind.RELEASE,
                        LocalDateTime.parse("2026-01-05T09:00"),
                        LocalDateTime.parse("2026-01-05T12:00"),
                        UTC,
                        null);
        ReleaseState planned = release("r1", ReleaseStatus.PLANNED, NOW);

        Schedule schedule =
                Projector.project(
                        snapshot(List.of(planned), List.of(), List.of(past), DurationHistory.NONE));

        ProjectedStep deploy = step(only(schedule), "deploy");
        assertThat(deploy.end()).isEqualTo(deploy.start());
        assertThat(schedule.conflicts())
                .extracting(Conflict::kind, Conflict::release, Conflict::activityId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("no-window", "r1", "deploy"));
    }

    @Test
    void activeDeployTimerEndsAtItsDueDate() {
        ReleaseState r1 =
                release(
                        "r1",
                        ReleaseStatus.ACTIVE,
                        now(Duration.ofDays(-6)),
                        done("data", now(Duration.ofDays(-6)), now(Duration.ofDays(-5))),
                        done("train", now(Duration.ofDays(-5)), now(Duration.ofDays(-3))),
                        done("validate", now(Duration.ofDays(-3)), now(Duration.ofDays(-2))),
                        done("review", now(Duration.ofDays(-2)), now(Duration.ofDays(-1))),
                        activeDue("deploy", now(Duration.ofDays(-1)), now(Duration.ofHours(30))));

        ProjectedRelease r = only(Projector.project(snapshot(List.of(r1))));

        assertThat(step(r, "deploy").end()).isEqualTo(now(Duration.ofHours(30)));
        assertThat(step(r, "retro").start()).isEqualTo(now(Duration.ofHours(30)));
        assertThat(r.steps())
                .extracting(ProjectedStep::status)
                .containsExactly(
                        StepStatus.DONE,
                        StepStatus.DONE,
                        StepStatus.DONE,
                        StepStatus.DONE,
                        StepStatus.ACTIVE,
                        StepStatus.PLANNED);
    }

    @Test
    void dependencyWithLagMovesTheDownstreamRelease() {
        ReleaseState upstream = release("up", ReleaseStatus.PLANNED, NOW);
        ReleaseState downstream = release("down", ReleaseStatus.PLANNED, NOW);
        Dependency dependency = new Dependency("up", "deploy", "down", "train", Duration.ofDays(1));

        Schedule schedule =
                Projector.project(
                        snapshot(
                                List.of(upstream, downstream),
                                List.of(dependency),
                                List.of(),
                                DurationHistory.NONE));

        ProjectedRelease down = schedule.releases().get(1);
        // up deploys Friday 20:00; down trains a day later.
        assertThat(step(down, "train").start()).isEqualTo(at("2026-03-07T20:00:00Z"));
        assertThat(step(down, "train").heldBy()).isEqualTo("up/deploy");
        assertThat(step(down, "data").heldBy()).isNull();
        assertThat(schedule.conflicts()).isEmpty();
    }

    @Test
    void dependencyCycleIsReportedAndItsEdgesIgnored() {
        ReleaseState a = release("a", ReleaseStatus.PLANNED, NOW);
        ReleaseState b = release("b", ReleaseStatus.PLANNED, NOW);
        List<Dependency> cycle =
                List.of(
                        new Dependency("a", "deploy", "b", "data", Duration.ZERO),
                        new Dependency("b", "deploy", "a", "data", Duration.ZERO));

        Schedule schedule =
                Projector.project(snapshot(List.of(a, b), cycle, List.of(), DurationHistory.NONE));

        assertThat(schedule.conflicts()).hasSize(1);
        Conflict conflict = schedule.conflicts().get(0);
        assertThat(conflict.kind()).isEqualTo("cycle");
        assertThat(conflict.message()).contains("a/deploy", "b/data", "b/deploy", "a/data");
        assertThat(step(schedule.releases().get(0), "data").start()).isEqualTo(NOW);
        assertThat(step(schedule.releases().get(1), "data").start()).isEqualTo(NOW);
    }

    @Test
    void dependencyOnAnUnknownReleaseOrActivityIsAConflictAndIgnored() {
        ReleaseState a = release("a", ReleaseStatus.PLANNED, NOW);
        List<Dependency> dependencies =
                List.of(
                        new Dependency("ghost", "deploy", "a", "data", Duration.ZERO),
                        new Dependency("a", "nothing", "a", "data", Duration.ZERO));

        Schedule schedule =
                Projector.project(
                        snapshot(List.of(a), dependencies, List.of(), DurationHistory.NONE));

        assertThat(schedule.conflicts())
                .extracting(Conflict::kind)
                .containsExactly("unknown-dependency", "unknown-dependency");
        assertThat(step(only(schedule), "data").start()).isEqualTo(NOW);
    }

    @Test
    void releaseOfAnUnknownProcedureIsSkippedWithAConflict() {
        ReleaseState stray =
                new ReleaseState(
                        "x",
                        "gone:3",
                        null,
                        null,
                        null,
                        null,
                        ReleaseStatus.ACTIVE,
                        NOW,
                        null,
                        Map.of());

        Schedule schedule =
                Projector.project(
                        snapshot(List.of(stray, release("a", ReleaseStatus.PLANNED, NOW))));

        assertThat(schedule.releases()).extracting(ProjectedRelease::key).containsExactly("a");
        assertThat(schedule.conflicts())
                .extracting(Conflict::kind)
                .containsExactly("unknown-procedure");
    }

    @Test
    void loopBackToTrainingReprojectsTheLaterStepsDespiteTheirOldActuals() {
        ReleaseState r1 =
                release(
                        "r1",
                        ReleaseStatus.ACTIVE,
                        now(Duration.ofDays(-10)),
                        done("data", now(Duration.ofDays(-10)), now(Duration.ofDays(-9))),
                        done("validate", now(Duration.ofDays(-6)), now(Duration.ofDays(-5))),
                        active("train", now(Duration.ofHours(-12))));

        ProjectedRelease r = only(Projector.project(snapshot(List.of(r1))));

        assertThat(step(r, "data").status()).isEqualTo(StepStatus.DONE);
        assertThat(step(r, "train").end()).isEqualTo(now(Duration.ofHours(36)));
        ProjectedStep validate = step(r, "validate");
        assertThat(validate.status()).isEqualTo(StepStatus.PLANNED);
        assertThat(validate.start()).isEqualTo(now(Duration.ofHours(36)));
        assertThat(validate.actualEnd()).isNull();
        assertThat(step(r, "deploy").status()).isEqualTo(StepStatus.PLANNED);
    }

    @Test
    void activeDetourLeadsBackToTheStepItRejoins() {
        ReleaseState r1 =
                release(
                        "r1",
                        ReleaseStatus.ACTIVE,
                        now(Duration.ofDays(-5)),
                        done("data", now(Duration.ofDays(-5)), now(Duration.ofDays(-4))),
                        done("train", now(Duration.ofDays(-4)), now(Duration.ofDays(-2))),
                        done("validate", now(Duration.ofDays(-2)), now(Duration.ofDays(-1))),
                        active("escalate", now(Duration.ofHours(-6))));

        ProjectedRelease r = only(Projector.project(snapshot(List.of(r1))));

        assertThat(step(r, "escalate").status()).isEqualTo(StepStatus.ACTIVE);
        assertThat(step(r, "escalate").end()).isEqualTo(now(Duration.ofHours(18)));
        assertThat(step(r, "review").start()).isEqualTo(now(Duration.ofHours(18)));
        assertThat(step(r, "review").status()).isEqualTo(StepStatus.PLANNED);
    }

    @Test
    void branchNotTakenIsOmittedWhileAnotherStepIsActive() {
        ReleaseState r1 =
                release(
                        "r1",
                        ReleaseStatus.ACTIVE,
                        now(Duration.ofDays(-5)),
                        done("data", now(Duration.ofDays(-5)), now(Duration.ofDays(-4))),
                        active("train", now(Duration.ofHours(-1))));

        ProjectedRelease r = only(Projector.project(snapshot(List.of(r1))));

        assertThat(has(r, "escalate")).isFalse();
        assertThat(r.steps())
                .extracting(ProjectedStep::activityId)
                .containsExactly("data", "train", "validate", "review", "deploy", "retro");
    }

    @Test
    void justStartedReleaseWithoutActiveStepRunsEverythingNotDone() {
        ReleaseState r1 =
                release(
                        "r1",
                        ReleaseStatus.ACTIVE,
                        now(Duration.ofDays(-1)),
                        done("data", now(Duration.ofDays(-1)), now(Duration.ofHours(-2))));

        ProjectedRelease r = only(Projector.project(snapshot(List.of(r1))));

        assertThat(step(r, "data").status()).isEqualTo(StepStatus.DONE);
        assertThat(step(r, "train").start()).isEqualTo(NOW);
        assertThat(step(r, "train").status()).isEqualTo(StepStatus.PLANNED);
    }

    @Test
    void completedReleaseShowsItsActualsAndIsDone() {
        ReleaseState r1 =
                release(
                        "r1",
                        "vision",
                        "m",
                        ReleaseStatus.COMPLETED,
                        now(Duration.ofDays(-10)),
                        now(Duration.ofDays(-1)),
                        done("data", now(Duration.ofDays(-10)), now(Duration.ofDays(-9))),
                        done("train", now(Duration.ofDays(-9)), now(Duration.ofDays(-7))),
                        done("validate", now(Duration.ofDays(-7)), now(Duration.ofDays(-6))),
                        done("review", now(Duration.ofDays(-6)), now(Duration.ofDays(-5))),
                        done("deploy", now(Duration.ofDays(-5)), now(Duration.ofDays(-4))),
                        done("retro", now(Duration.ofDays(-4)), now(Duration.ofDays(-2))));

        ProjectedRelease r = only(Projector.project(snapshot(List.of(r1))));

        assertThat(r.outlook()).isEqualTo(Outlook.DONE);
        assertThat(r.targetEnd()).isEqualTo(now(Duration.ofDays(-4)));
        assertThat(r.onTargetProbability()).isEqualTo(1.0);
        assertThat(has(r, "escalate")).isFalse();
        assertThat(r.steps())
                .allSatisfy(
                        s -> {
                            assertThat(s.status()).isEqualTo(StepStatus.DONE);
                            assertThat(s.source()).isEqualTo(DurationSource.ACTUAL);
                            assertThat(s.end()).isEqualTo(s.actualEnd());
                        });
    }

    @Test
    void stoppedReleaseShowsOnlyTheStepsThatRan() {
        ReleaseState r1 =
                release(
                        "r1",
                        ReleaseStatus.STOPPED,
                        now(Duration.ofDays(-10)),
                        done("data", now(Duration.ofDays(-10)), now(Duration.ofDays(-9))),
                        done("train", now(Duration.ofDays(-9)), now(Duration.ofDays(-7))));

        ProjectedRelease r = only(Projector.project(snapshot(List.of(r1))));

        assertThat(r.steps())
                .extracting(ProjectedStep::activityId)
                .containsExactly("data", "train");
        assertThat(r.targetEnd()).isNull();
        assertThat(r.outlook()).isEqualTo(Outlook.DONE);
    }

    @Test
    void releaseProjectedPastItsTargetIsLate() {
        ReleaseState late =
                release("late", "vision", "m", ReleaseStatus.PLANNED, NOW, now(Duration.ofDays(2)));
        ReleaseState early =
                release(
                        "early",
                        "vision",
                        "m",
                        ReleaseStatus.PLANNED,
                        NOW,
                        now(Duration.ofDays(30)));

        Schedule schedule = Projector.project(snapshot(List.of(late, early)));

        assertThat(schedule.releases().get(0).outlook()).isEqualTo(Outlook.LATE);
        assertThat(schedule.releases().get(0).onTargetProbability()).isZero();
        assertThat(schedule.releases().get(1).outlook()).isEqualTo(Outlook.ON_TRACK);
        assertThat(schedule.releases().get(1).onTargetProbability()).isEqualTo(1.0);
    }
}
