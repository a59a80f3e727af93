package dev.almanac.projection;

import static dev.almanac.projection.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapacityTest {

    static final Capacity.Resource GPUS =
            new Capacity.Resource(
                    "gpus",
                    "GPU pool",
                    "GPU",
                    Capacity.ResourceKind.CONCURRENT,
                    Capacity.Granularity.DAY,
                    12,
                    List.of(),
                    List.of(),
                    List.of());
    static final Capacity.Demand TRAINING_NEEDS_8 =
            new Capacity.Demand(
                    Map.of("train", List.of(new Capacity.Need("gpus", 8))), Map.of(), Map.of());
    static final Instant FROM = NOW.minus(Duration.ofDays(1));
    static final Instant TO = NOW.plus(Duration.ofDays(60));

    private static ReleaseState training(String key, Duration offset) {
        return release(
                key,
                "vision",
                "m-" + key,
                ReleaseStatus.ACTIVE,
                NOW,
                null,
                active("data", NOW.plus(offset).minus(Duration.ofDays(1))));
    }

    private static Capacity.Load load(Snapshot snapshot, List<Capacity.Resource> resources) {
        return Capacity.of(
                snapshot,
                Projector.project(snapshot),
                resources,
                TRAINING_NEEDS_8,
                List.of(),
                Set.of(),
                FROM,
                TO,
                UTC);
    }

    private static double bookedOn(Capacity.Load load, String resource, LocalDate day) {
        return load.of(resource).buckets().stream()
                .filter(b -> b.start().equals(day.atStartOfDay(UTC).toInstant()))
                .findFirst()
                .orElseThrow()
                .booked();
    }

    @Test
    void demandFollowsAReleaseThatMoves() {
        Snapshot snapshot =
                snapshot(
                        List.of(
                                release(
                                        "a",
                                        ReleaseStatus.ACTIVE,
                                        NOW,
                                        activeDue("data", NOW, NOW.plus(Duration.ofDays(1))))));
        Capacity.Load before = load(snapshot, List.of(GPUS));
        LocalDate trainingDay = NOW.plus(Duration.ofDays(1)).atZone(UTC).toLocalDate();
        assertThat(bookedOn(before, "gpus", trainingDay)).isEqualTo(8);

        Snapshot moved =
                WhatIf.delay(snapshot, Projector.project(snapshot), "a", Duration.ofDays(5));
        Capacity.Load after = load(moved, List.of(GPUS));

        assertThat(bookedOn(after, "gpus", trainingDay)).isZero();
        assertThat(bookedOn(after, "gpus", trainingDay.plusDays(5))).isEqualTo(8);
    }

    @Test
    void aConflictNamesTheResourceThePeriodAndTheReleasesInvolved() {
        Snapshot snapshot =
                snapshot(
                        List.of(
                                training("a", Duration.ofDays(1)),
                                training("b", Duration.ofDays(2)),
                                training("c", Duration.ofDays(20))));

        Capacity.Load load = load(snapshot, List.of(GPUS));

        assertThat(load.conflicts())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.resource()).isEqualTo("gpus");
                            assertThat(c.kind()).isEqualTo("over-allocated");
                            assertThat(c.releases()).containsExactlyInAnyOrder("a", "b");
                            assertThat(c.peakBooked()).isEqualTo(16);
                            assertThat(c.capacity()).isEqualTo(12);
                            // a trains from day 1 to 3, b from day 2 to 4: they overlap on days 2
                            // and 3
                            assertThat(c.start())
                                    .isEqualTo(
                                            NOW.plus(Duration.ofDays(2))
                                                    .atZone(UTC)
                                                    .toLocalDate()
                                                    .atStartOfDay(UTC)
                                                    .toInstant());
                            assertThat(c.end())
                                    .isEqualTo(
                                            NOW.plus(Duration.ofDays(4))
                                                    .atZone(UTC)
                                                    .toLocalDate()
                                                    .atStartOfDay(UTC)
                                                    .toInstant());
                        });
    }

    @Test
    void holidaysRemoveCapacityForAMemberOrTheWholeResource() {
        LocalDate monday = NOW.atZone(UTC).toLocalDate();
        Capacity.Resource officers =
                new Capacity.Resource(
                        "risk-officers",
                        "Risk officers",
                        "reviewer-day",
                        Capacity.ResourceKind.EFFORT,
                        Capacity.Granularity.DAY,
                        1,
                        List.of(new Capacity.CapacityChange(monday.plusDays(14), 2)),
                        List.of("oscar", "olga"),
                        List.of(
                                new Capacity.Holiday(
                                        monday.plusDays(1), monday.plusDays(2), null, "olga"),
                                new Capacity.Holiday(
                                        monday.minusDays(2),
                                        monday.minusDays(1),
                                        "FREQ=WEEKLY",
                                        null)));

        Capacity.Load load =
                Capacity.of(
                        snapshot(List.of()),
                        Projector.project(snapshot(List.of())),
                        List.of(officers),
                        Capacity.Demand.NONE,
                        List.of(),
                        Set.of(),
                        FROM,
                        TO,
                        UTC);
        Map<LocalDate, Double> capacity = new java.util.HashMap<>();
        load.of("risk-officers")
                .buckets()
                .forEach(b -> capacity.put(b.start().atZone(UTC).toLocalDate(), b.capacity()));

        assertThat(capacity.get(monday)).isEqualTo(2);
        assertThat(capacity.get(monday.plusDays(1))).as("olga is away").isEqualTo(1);
        assertThat(capacity.get(monday.plusDays(2))).isEqualTo(1);
        assertThat(capacity.get(monday.plusDays(5))).as("every weekend off").isZero();
        assertThat(capacity.get(monday.plusDays(6))).isZero();
        assertThat(capacity.get(monday.plusDays(14)))
                .as("a second reviewer each from day 14")
                .isEqualTo(4);
    }

    @Test
    void productionDemandInAnExperimentationReserveConflictsUnlessOverridden() {
        Snapshot snapshot = snapshot(List.of(training("a", Duration.ofDays(1))));
        Schedule schedule = Projector.project(snapshot);
        var reserve =
                new Capacity.Reservation(
                        "A/B tests", "gpus", 0.5, NOW, NOW.plus(Duration.ofDays(10)));

        Capacity.Load reserved =
                Capacity.of(
                        snapshot,
                        schedule,
                        List.of(GPUS),
                        TRAINING_NEEDS_8,
                        List.of(reserve),
                        Set.of(),
                        FROM,
                        TO,
                        UTC);
        Capacity.Load overridden =
                Capacity.of(
                        snapshot,
                        schedule,
                        List.of(GPUS),
                        TRAINING_NEEDS_8,
                        List.of(reserve),
                        Set.of("gpus/a"),
                        FROM,
                        TO,
                        UTC);

        assertThat(reserved.conflicts())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.kind()).isEqualTo("reserve");
                            assertThat(c.releases()).containsExactly("a");
                            assertThat(c.capacity()).isEqualTo(6);
                        });
        assertThat(overridden.conflicts()).isEmpty();
    }

    @Test
    void theLevellingSuggestionIsFeasibleAndKeepsDependenciesAndWindows() {
        ReleaseState a =
                release(
                        "a",
                        "vision",
                        "m-a",
                        ReleaseStatus.ACTIVE,
                        NOW,
                        NOW.plus(Duration.ofDays(5)),
                        active("data", NOW));
        ReleaseState b =
                release(
                        "b",
                        "vision",
                        "m-b",
                        ReleaseStatus.ACTIVE,
                        NOW,
                        NOW.plus(Duration.ofDays(40)),
                        active("data", NOW));
        ReleaseState c = release("c", "vision", "m-c", ReleaseStatus.ACTIVE, NOW, null);
        Snapshot snapshot =
                snapshot(
                        List.of(a, b, c),
                        List.of(new Dependency("b", "deploy", "c", "data", Duration.ZERO)),
                        List.of(
                                window(
                                        "weekdays",
                                        WindowKind.RELEASE,
                                        java.time.LocalDateTime.of(2026, 3, 2, 9, 0),
                                        java.time.LocalDateTime.of(2026, 3, 2, 16, 0),
                                        UTC,
                                        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")),
                        DurationHistory.NONE);
        Schedule schedule = Projector.project(snapshot);
        Capacity.Load load =
                Capacity.of(
                        snapshot,
                        schedule,
                        List.of(GPUS),
                        TRAINING_NEEDS_8,
                        List.of(),
                        Set.of(),
                        FROM,
                        TO,
                        UTC);
        Capacity.Conflict conflict = load.conflicts().get(0);
        assertThat(conflict.releases()).containsExactlyInAnyOrder("a", "b");

        Levelling.Suggestion suggestion =
                Levelling.suggest(
                        snapshot,
                        schedule,
                        load,
                        conflict,
                        (s, p) ->
                                Capacity.of(
                                        s,
                                        p,
                                        List.of(GPUS),
                                        TRAINING_NEEDS_8,
                                        List.of(),
                                        Set.of(),
                                        FROM,
                                        TO,
                                        UTC));

        assertThat(suggestion.resolved()).isTrue();
        assertThat(suggestion.moves())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.releaseKey())
                                    .as("b has the slack; a's target is close")
                                    .isEqualTo("b");
                            assertThat(m.days()).isPositive();
                        });
        Schedule after = Projector.project(suggestion.after());
        Capacity.Load afterLoad =
                Capacity.of(
                        suggestion.after(),
                        after,
                        List.of(GPUS),
                        TRAINING_NEEDS_8,
                        List.of(),
                        Set.of(),
                        FROM,
                        TO,
                        UTC);
        assertThat(afterLoad.conflicts()).isEmpty();
        ProjectedRelease movedB =
                after.releases().stream()
                        .filter(r -> r.key().equals("b"))
                        .findFirst()
                        .orElseThrow();
        ProjectedRelease movedC =
                after.releases().stream()
                        .filter(r -> r.key().equals("c"))
                        .findFirst()
                        .orElseThrow();
        ProjectedStep deployB =
                movedB.steps().stream()
                        .filter(s -> s.activityId().equals("deploy"))
                        .findFirst()
                        .orElseThrow();
        assertThat(
                        movedC.steps().stream()
                                .filter(s -> s.activityId().equals("data"))
                                .findFirst()
                                .orElseThrow()
                                .start())
                .as("c still waits for b's deploy")
                .isAfterOrEqualTo(deployB.end());
        int hour = deployB.end().atZone(UTC).getHour();
        assertThat(hour).as("b still deploys inside the window").isBetween(9, 15);
    }
}
