package dev.almanac.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Levelling suggestions for a capacity conflict: the releases involved, least urgent first, are
 * delayed to the earliest slot where the conflict's resource has room, each move checked by
 * projecting the whole portfolio again. Dependencies and windows are respected because the moved
 * plan is projected like any other; a move is only kept if it adds no conflict anywhere.
 */
public final class Levelling {

    /** Delays tried, in days, in order: the first that fits is the earliest feasible slot. */
    private static final int[] DAYS = {1, 2, 3, 4, 5, 7, 10, 14, 21, 28, 42, 56, 90};

    /** A suggestion moves at most this many releases; a larger conflict is levelled in rounds. */
    private static final int MAX_RELEASES = 25;

    /**
     * Full re-projections per release: the local check finds the candidates, the projection
     * confirms them.
     */
    private static final int MAX_VERIFICATIONS = 3;

    private Levelling() {}

    /** One proposed move. */
    public record Move(
            String releaseKey,
            int days,
            Instant deployBefore,
            Instant deployAfter,
            Instant target) {

        public boolean missesTarget() {
            return target != null && deployAfter != null && deployAfter.isAfter(target);
        }
    }

    /**
     * The moves, and whether they clear the conflict.
     *
     * @param resolved the conflict's resource has no over-allocation left in the conflict's period
     */
    public record Suggestion(
            Capacity.Conflict conflict, List<Move> moves, boolean resolved, Snapshot after) {}

    /**
     * Suggests moves for one conflict. {@code loadOf} books a projected snapshot (the same
     * resources, demand and reservations as the conflict's load).
     */
    public static Suggestion suggest(
            Snapshot snapshot,
            Schedule schedule,
            Capacity.Load load,
            Capacity.Conflict conflict,
            BiFunction<Snapshot, Schedule, Capacity.Load> loadOf) {
        Map<String, ReleaseState> byKey = new HashMap<>();
        snapshot.releases().forEach(r -> byKey.put(r.key(), r));
        Map<String, ProjectedRelease> projected = new HashMap<>();
        schedule.releases().forEach(r -> projected.put(r.key(), r));
        // least urgent first: the most slack between projected deploy and target; no target counts
        // as most slack
        List<String> order = new ArrayList<>(conflict.releases());
        order.sort(
                Comparator.comparing((String k) -> slack(byKey.get(k), projected.get(k)))
                        .reversed());
        Set<String> existing = signatures(load);
        Snapshot current = snapshot;
        Schedule currentSchedule = schedule;
        Capacity.Load currentLoad = load;
        List<Move> moves = new ArrayList<>();
        boolean resolved = !stillConflicted(load, conflict);
        int tried = 0;
        for (int i = 0;
                i < order.size() - 1 && !resolved && tried < MAX_RELEASES;
                i++) { // the most urgent release stays
            String key = order.get(i);
            ReleaseState release = byKey.get(key);
            if (release == null || release.steps().values().stream().noneMatch(StepState::active)) {
                continue; // nothing running to hold back
            }
            tried++;
            int verified = 0;
            for (int days : DAYS) {
                if (!fitsLocally(currentLoad, conflict, key, days)) {
                    continue; // the resource has no room for it then: no need to project
                }
                if (++verified > MAX_VERIFICATIONS) {
                    break;
                }
                Snapshot moved = WhatIf.delay(current, currentSchedule, key, Duration.ofDays(days));
                Schedule movedSchedule = Projector.project(moved);
                Capacity.Load movedLoad = loadOf.apply(moved, movedSchedule);
                if (!signatures(movedLoad).stream().allMatch(existing::contains)) {
                    continue; // it would start a conflict elsewhere
                }
                if (stillBooks(movedLoad, conflict, key)) {
                    continue;
                }
                ProjectedRelease before = projected.get(key);
                ProjectedRelease after =
                        movedSchedule.releases().stream()
                                .filter(r -> r.key().equals(key))
                                .findFirst()
                                .orElse(null);
                moves.add(
                        new Move(
                                key,
                                days,
                                before == null ? null : before.targetEnd(),
                                after == null ? null : after.targetEnd(),
                                release.target()));
                current = moved;
                currentSchedule = movedSchedule;
                currentLoad = movedLoad;
                existing = signatures(movedLoad);
                resolved = !stillConflicted(movedLoad, conflict);
                break;
            }
        }
        return new Suggestion(conflict, List.copyOf(moves), resolved, current);
    }

    /**
     * Whether the release's bookings on the conflict's resource, shifted by {@code days}, fit in
     * what the others leave free. A quick filter: the projection then checks the whole portfolio.
     */
    static boolean fitsLocally(
            Capacity.Load load, Capacity.Conflict conflict, String key, int days) {
        Capacity.ResourceLoad resource = load.of(conflict.resource());
        if (resource == null) {
            return true;
        }
        List<Capacity.Bucket> buckets = resource.buckets();
        int perDay = resource.resource().granularity() == Capacity.Granularity.HOUR ? 24 : 1;
        int shift = days * perDay;
        boolean reserve = "reserve".equals(conflict.kind());
        for (int k = 0; k < buckets.size(); k++) {
            double own = 0;
            for (Capacity.Booking b : buckets.get(k).bookings()) {
                if (b.releaseKey().equals(key)) {
                    own += b.amount();
                }
            }
            if (own == 0 || k + shift >= buckets.size()) {
                continue;
            }
            Capacity.Bucket target = buckets.get(k + shift);
            double others =
                    (reserve ? target.productionBooked() : target.booked()) - ownIn(target, key);
            double room = reserve ? target.capacity() - target.reserved() : target.capacity();
            if (others + own > room + 1e-9) {
                return false;
            }
        }
        return true;
    }

    private static double ownIn(Capacity.Bucket bucket, String key) {
        double own = 0;
        for (Capacity.Booking b : bucket.bookings()) {
            if (b.releaseKey().equals(key)) {
                own += b.amount();
            }
        }
        return own;
    }

    private static Duration slack(ReleaseState release, ProjectedRelease projected) {
        if (release == null
                || release.target() == null
                || projected == null
                || projected.targetEnd() == null) {
            return Duration.ofDays(100_000);
        }
        return Duration.between(projected.targetEnd(), release.target());
    }

    /**
     * Whether the conflict's resource is still over-allocated (of the conflict's kind) anywhere in
     * its period.
     */
    static boolean stillConflicted(Capacity.Load load, Capacity.Conflict conflict) {
        return load.conflicts().stream()
                .anyMatch(
                        c ->
                                c.resource().equals(conflict.resource())
                                        && c.kind().equals(conflict.kind())
                                        && c.start().isBefore(conflict.end())
                                        && c.end().isAfter(conflict.start()));
    }

    /**
     * Whether the release still takes part in a conflict of this resource overlapping the period.
     */
    private static boolean stillBooks(Capacity.Load load, Capacity.Conflict conflict, String key) {
        return load.conflicts().stream()
                .anyMatch(
                        c ->
                                c.resource().equals(conflict.resource())
                                        && c.releases().contains(key)
                                        && c.start()
                                                .isBefore(conflict.end().plus(Duration.ofDays(90)))
                                        && c.end().isAfter(conflict.start()));
    }

    /**
     * Every over-allocated bucket, as resource/kind/start: "no new conflict" means no new
     * signature.
     */
    static Set<String> signatures(Capacity.Load load) {
        Set<String> result = new HashSet<>();
        for (Capacity.ResourceLoad r : load.resources()) {
            for (Capacity.Bucket b : r.buckets()) {
                if (b.overAllocated()) {
                    result.add(r.resource().key() + "/over/" + b.start());
                } else if (b.intoReserve()) {
                    result.add(r.resource().key() + "/reserve/" + b.start());
                }
            }
        }
        return result;
    }
}
