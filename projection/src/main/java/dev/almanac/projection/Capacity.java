package dev.almanac.projection;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.fortuna.ical4j.model.Recur;

/**
 * Capacity as part of the plan: what each release's projected steps book on shared resources (GPU
 * pools, evaluation clusters, specialists), bucket by bucket, against what each resource has, and
 * the over-allocations that follow. Demand follows the projected dates: project a moved release and
 * its bookings move with it.
 */
public final class Capacity {

    private Capacity() {}

    /** How a step uses a resource. */
    public enum ResourceKind {
        /** Units held while the step runs (8 GPUs): every bucket it touches books the amount. */
        CONCURRENT,
        /**
         * Effort spread over the step (1 reviewer-day): the amount is shared among its buckets by
         * time.
         */
        EFFORT
    }

    /**
     * The size of a bucket: a day, or an hour where the unit needs it (GPUs shared within a day).
     */
    public enum Granularity {
        DAY,
        HOUR
    }

    /**
     * A day or range of days off, once or repeating (RRULE, from {@code start}); for one member, or
     * the whole resource if {@code member} is null.
     */
    public record Holiday(LocalDate start, LocalDate end, String rrule, String member) {}

    /**
     * From {@code from} on, the resource has {@code capacity} per bucket (per member for people).
     */
    public record CapacityChange(LocalDate from, double capacity) {}

    /**
     * A shared resource.
     *
     * @param capacity base units per bucket; for a resource with members, per member
     * @param members the people behind a specialist role; empty for machines
     */
    public record Resource(
            String key,
            String name,
            String unit,
            ResourceKind kind,
            Granularity granularity,
            double capacity,
            List<CapacityChange> changes,
            List<String> members,
            List<Holiday> holidays) {

        public Resource {
            changes = changes == null ? List.of() : List.copyOf(changes);
            members = members == null ? List.of() : List.copyOf(members);
            holidays = holidays == null ? List.of() : List.copyOf(holidays);
        }

        public Resource withChange(CapacityChange change) {
            List<CapacityChange> more = new ArrayList<>(changes);
            more.add(change);
            return new Resource(
                    key, name, unit, kind, granularity, capacity, more, members, holidays);
        }

        public Resource withHoliday(Holiday holiday) {
            List<Holiday> more = new ArrayList<>(holidays);
            more.add(holiday);
            return new Resource(
                    key, name, unit, kind, granularity, capacity, changes, members, more);
        }
    }

    /** What one step needs of one resource. */
    public record Need(String resource, double amount) {}

    /**
     * What steps need: the procedure's defaults by activity, overridden per model and per release
     * (a release's override wins over its model's, which wins over the default).
     */
    public record Demand(
            Map<String, List<Need>> defaults,
            Map<String, Map<String, List<Need>>> byModel,
            Map<String, Map<String, List<Need>>> byRelease) {

        public static final Demand NONE = new Demand(Map.of(), Map.of(), Map.of());

        public List<Need> of(ReleaseState release, String activityId) {
            Map<String, List<Need>> own = byRelease.get(release.key());
            if (own != null && own.containsKey(activityId)) {
                return own.get(activityId);
            }
            Map<String, List<Need>> model =
                    release.model() == null ? null : byModel.get(release.model());
            if (model != null && model.containsKey(activityId)) {
                return model.get(activityId);
            }
            return defaults.getOrDefault(activityId, List.of());
        }
    }

    /**
     * An experimentation window holding back a share of a resource for exploratory runs and A/B
     * tests.
     */
    public record Reservation(
            String window, String resource, double share, Instant start, Instant end) {}

    /**
     * What one release's step books in one bucket.
     *
     * @param reserveBound production demand without an override: it must stay out of reserves
     */
    public record Booking(
            String releaseKey,
            String activityId,
            String lane,
            double amount,
            boolean reserveBound) {}

    /** One bucket of one resource. {@code reserved} is held back from production demand. */
    public record Bucket(
            Instant start,
            double capacity,
            double reserved,
            double booked,
            double productionBooked,
            List<Booking> bookings) {

        public boolean overAllocated() {
            return booked > capacity + 1e-9;
        }

        public boolean intoReserve() {
            return reserved > 0 && productionBooked > capacity - reserved + 1e-9;
        }
    }

    public record ResourceLoad(Resource resource, List<Bucket> buckets) {}

    /**
     * Over-allocation of one resource over a period (consecutive buckets).
     *
     * @param kind "over-allocated" (more booked than the resource has) or "reserve" (production
     *     demand eats into an experimentation window's reserve)
     * @param releases the releases booking the resource in those buckets (for "reserve", the
     *     production ones without an override)
     */
    public record Conflict(
            String resource,
            String kind,
            Instant start,
            Instant end,
            double peakBooked,
            double capacity,
            List<String> releases) {}

    public record Load(
            Instant from, Instant to, List<ResourceLoad> resources, List<Conflict> conflicts) {

        public ResourceLoad of(String resource) {
            return resources.stream()
                    .filter(r -> r.resource().key().equals(resource))
                    .findFirst()
                    .orElse(null);
        }
    }

    /**
     * Books every projected step's needs against the resources over [{@code from}, {@code to}), in
     * buckets of the calendar's zone, and finds the conflicts. A release's production demand that
     * an override ({@code "resource/releaseKey"}) lets into a reserve is not a reserve conflict.
     */
    public static Load of(
            Snapshot snapshot,
            Schedule schedule,
            List<Resource> resources,
            Demand demand,
            List<Reservation> reservations,
            Set<String> overrides,
            Instant from,
            Instant to,
            ZoneId zone) {
        Map<String, ReleaseState> releases = new HashMap<>();
        snapshot.releases().forEach(r -> releases.put(r.key(), r));
        List<ResourceLoad> loads = new ArrayList<>();
        Map<String, Grid> grids = new HashMap<>();
        for (Resource resource : resources) {
            Grid grid = new Grid(resource, from, to, zone, reservations);
            grids.put(resource.key(), grid);
        }
        for (ProjectedRelease projected : schedule.releases()) {
            ReleaseState release = releases.get(projected.key());
            if (release == null) {
                continue;
            }
            boolean production = "production".equals(release.lane());
            for (ProjectedStep step : projected.steps()) {
                if (step.status() == StepStatus.DONE
                        || step.start() == null
                        || step.end() == null) {
                    continue;
                }
                for (Need need : demand.of(release, step.activityId())) {
                    Grid grid = grids.get(need.resource());
                    if (grid != null && need.amount() > 0) {
                        boolean intoReserve =
                                production
                                        && !overrides.contains(
                                                need.resource() + "/" + release.key());
                        grid.book(release, step, need.amount(), intoReserve);
                    }
                }
            }
        }
        List<Conflict> conflicts = new ArrayList<>();
        for (Resource resource : resources) {
            Grid grid = grids.get(resource.key());
            ResourceLoad load = grid.load();
            loads.add(load);
            conflicts.addAll(conflicts(load, grid.step));
        }
        return new Load(from, to, loads, conflicts);
    }

    private static List<Conflict> conflicts(ResourceLoad load, Duration step) {
        List<Conflict> found = new ArrayList<>();
        for (String kind : List.of("over-allocated", "reserve")) {
            List<Bucket> buckets = load.buckets();
            int i = 0;
            while (i < buckets.size()) {
                if (!hits(buckets.get(i), kind)) {
                    i++;
                    continue;
                }
                int j = i;
                double peak = 0;
                double capacity = Double.MAX_VALUE;
                Set<String> involved = new LinkedHashSet<>();
                while (j < buckets.size() && hits(buckets.get(j), kind)) {
                    Bucket b = buckets.get(j);
                    peak =
                            Math.max(
                                    peak,
                                    "reserve".equals(kind) ? b.productionBooked() : b.booked());
                    capacity =
                            Math.min(
                                    capacity,
                                    "reserve".equals(kind)
                                            ? b.capacity() - b.reserved()
                                            : b.capacity());
                    for (Booking booking : b.bookings()) {
                        if (!"reserve".equals(kind) || booking.reserveBound()) {
                            involved.add(booking.releaseKey());
                        }
                    }
                    j++;
                }
                found.add(
                        new Conflict(
                                load.resource().key(),
                                kind,
                                buckets.get(i).start(),
                                buckets.get(j - 1).start().plus(step),
                                peak,
                                capacity,
                                List.copyOf(involved)));
                i = j;
            }
        }
        return found;
    }

    private static boolean hits(Bucket bucket, String kind) {
        return "reserve".equals(kind)
                ? bucket.intoReserve() && !bucket.overAllocated()
                : bucket.overAllocated();
    }

    /** The buckets of one resource while bookings are added. */
    private static final class Grid {
        final Resource resource;
        final Instant from;
        final Duration step;
        final int n;
        final double[] capacity;
        final double[] reserved;
        final double[] booked;
        final double[] production;
        final List<List<Booking>> bookings;
        final Instant[] starts;

        Grid(
                Resource resource,
                Instant from,
                Instant to,
                ZoneId zone,
                List<Reservation> reservations) {
            this.resource = resource;
            this.step =
                    resource.granularity() == Granularity.HOUR
                            ? Duration.ofHours(1)
                            : Duration.ofDays(1);
            // buckets start at the zone's midnight (or on the hour)
            LocalDate firstDay = from.atZone(zone).toLocalDate();
            Instant first =
                    resource.granularity() == Granularity.HOUR
                            ? from.truncatedTo(ChronoUnit.HOURS)
                            : firstDay.atStartOfDay(zone).toInstant();
            List<Instant> bucketStarts = new ArrayList<>();
            for (Instant t = first; t.isBefore(to); ) {
                bucketStarts.add(t);
                t =
                        resource.granularity() == Granularity.HOUR
                                ? t.plus(step)
                                : t.atZone(zone)
                                        .toLocalDate()
                                        .plusDays(1)
                                        .atStartOfDay(zone)
                                        .toInstant();
            }
            this.starts = bucketStarts.toArray(new Instant[0]);
            this.from = first;
            this.n = starts.length;
            this.capacity = new double[n];
            this.reserved = new double[n];
            this.booked = new double[n];
            this.production = new double[n];
            this.bookings = new ArrayList<>(n);
            Holidays off =
                    new Holidays(resource, firstDay, to.atZone(zone).toLocalDate().plusDays(1));
            for (int i = 0; i < n; i++) {
                bookings.add(null);
                LocalDate day = starts[i].atZone(zone).toLocalDate();
                double base = baseOn(resource, day);
                if (off.wholeResource(day)) {
                    base = 0;
                } else if (!resource.members().isEmpty()) {
                    base = base * off.available(day); // per member, for those not on holiday
                }
                capacity[i] = base;
                Instant end = i + 1 < n ? starts[i + 1] : starts[i].plus(step);
                for (Reservation r : reservations) {
                    if (r.resource().equals(resource.key())
                            && r.start().isBefore(end)
                            && r.end().isAfter(starts[i])) {
                        reserved[i] = Math.max(reserved[i], base * r.share());
                    }
                }
            }
        }

        private static double baseOn(Resource resource, LocalDate day) {
            double base = resource.capacity();
            LocalDate latest = null;
            for (CapacityChange change : resource.changes()) {
                if (!change.from().isAfter(day)
                        && (latest == null || change.from().isAfter(latest))) {
                    latest = change.from();
                    base = change.capacity();
                }
            }
            return base;
        }

        void book(ReleaseState release, ProjectedStep step, double amount, boolean production) {
            Instant s = step.start();
            Instant e = step.end();
            int i = index(s);
            int last = e.isAfter(s) ? index(e.minusNanos(1)) : i;
            if (last < 0 || i >= n) {
                return;
            }
            long total = Math.max(1, Duration.between(s, e).getSeconds());
            for (int k = Math.max(0, i); k <= Math.min(last, n - 1); k++) {
                double share;
                if (resource.kind() == ResourceKind.CONCURRENT) {
                    share = amount;
                } else if (!e.isAfter(s)) {
                    share = amount;
                } else {
                    Instant bs = starts[k];
                    Instant be = k + 1 < n ? starts[k + 1] : bs.plus(this.step);
                    long overlap =
                            Duration.between(s.isAfter(bs) ? s : bs, e.isBefore(be) ? e : be)
                                    .getSeconds();
                    share = amount * overlap / total;
                }
                if (share <= 0) {
                    continue;
                }
                booked[k] += share;
                if (production) {
                    this.production[k] += share;
                }
                if (bookings.get(k) == null) {
                    bookings.set(k, new ArrayList<>(4));
                }
                bookings.get(k)
                        .add(
                                new Booking(
                                        release.key(),
                                        step.activityId(),
                                        release.lane(),
                                        share,
                                        production));
            }
        }

        /** The bucket holding an instant: -1 before the first, n after the last. */
        int index(Instant t) {
            if (t.isBefore(from)) {
                return -1;
            }
            int lo = 0;
            int hi = n - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (starts[mid].isAfter(t)) {
                    hi = mid - 1;
                } else {
                    lo = mid;
                }
            }
            Instant end = lo + 1 < n ? starts[lo + 1] : starts[lo].plus(step);
            return t.isBefore(end) ? lo : n;
        }

        ResourceLoad load() {
            List<Bucket> buckets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                List<Booking> b = bookings.get(i);
                buckets.add(
                        new Bucket(
                                starts[i],
                                capacity[i],
                                reserved[i],
                                booked[i],
                                production[i],
                                b == null ? List.of() : List.copyOf(b)));
            }
            return new ResourceLoad(resource, buckets);
        }
    }

    /** Days off of a resource and of each of its members, expanded once over the period. */
    private static final class Holidays {
        final Set<LocalDate> resourceOff = new HashSet<>();
        final Map<String, Set<LocalDate>> memberOff = new HashMap<>();
        final int members;

        Holidays(Resource resource, LocalDate from, LocalDate to) {
            this.members = resource.members().size();
            for (Holiday h : resource.holidays()) {
                Set<LocalDate> target =
                        h.member() == null
                                ? resourceOff
                                : memberOff.computeIfAbsent(h.member(), k -> new HashSet<>());
                LocalDate end = h.end() == null ? h.start() : h.end();
                long length = Math.max(0, ChronoUnit.DAYS.between(h.start(), end));
                for (LocalDate first : occurrences(h, from.minusDays(length), to)) {
                    for (LocalDate d = first;
                            !d.isAfter(first.plusDays(length));
                            d = d.plusDays(1)) {
                        target.add(d);
                    }
                }
            }
        }

        private static List<LocalDate> occurrences(Holiday h, LocalDate from, LocalDate to) {
            if (h.rrule() == null || h.rrule().isBlank()) {
                return List.of(h.start());
            }
            Recur<LocalDateTime> recur = new Recur<>(h.rrule());
            LocalDateTime seed = h.start().atStartOfDay();
            LocalDateTime periodStart = (from.isAfter(h.start()) ? from : h.start()).atStartOfDay();
            return recur.getDates(seed, periodStart, to.atStartOfDay()).stream()
                    .map(LocalDateTime::toLocalDate)
                    .toList();
        }

        boolean wholeResource(LocalDate day) {
            return resourceOff.contains(day);
        }

        /** How many members are not on holiday. */
        int available(LocalDate day) {
            int away = 0;
            for (Set<LocalDate> off : memberOff.values()) {
                if (off.contains(day)) {
                    away++;
                }
            }
            return Math.max(0, members - away);
        }
    }
}
