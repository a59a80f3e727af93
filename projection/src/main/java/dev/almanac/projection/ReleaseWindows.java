package dev.almanac.projection;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * Window rules expanded over a horizon, answering "when may this release deploy next". The engine's
 * deploy timer and the projector ask the same question of the same rules.
 *
 * <p>Recurring rules are expanded with ical4j in local time of the rule's zone: every occurrence
 * starts at the rule's local wall-clock time and lasts the same local duration, so a weekly 09:00
 * Europe/Berlin window stays at 09:00 across daylight-saving changes.
 *
 * <p>For speed, each distinct applicability (the set of rules that apply to a product line and
 * model) gets a sorted array of open intervals in epoch seconds, answered by binary search.
 * Expansions are memoised per rule and horizon because ical4j spends milliseconds per rule; the
 * projector also shares whole instances between projections over the same rules and horizon.
 *
 * <p>An unreadable RRULE does not stop the rest: the rule is left out and listed by {@link
 * #unreadable()}.
 */
public final class ReleaseWindows {

    /**
     * {@link DeployCalendar#nextOpen(long)}'s answer when nothing opens before the horizon ends.
     */
    static final long NEVER = Long.MIN_VALUE;

    private static final int EXPANSION_CACHE_LIMIT = 4096;
    private static final Map<ExpansionKey, long[]> EXPANSIONS = new ConcurrentHashMap<>();

    private final long from;
    private final long to;
    private final List<WindowRule> rules;
    private final List<WindowOccurrence> occurrences;
    private final long[][] startsEndsByRule;
    private final Map<String, String> unreadable;

    /** By product line, then model (null as ""): no key strings built per lookup. */
    private final Map<String, Map<String, DeployCalendar>> calendarsByScope =
            new ConcurrentHashMap<>();

    private final Map<BitSet, DeployCalendar> calendarsByRules = new ConcurrentHashMap<>();

    private ReleaseWindows(
            long from,
            long to,
            List<WindowRule> rules,
            long[][] startsEndsByRule,
            Map<String, String> unreadable) {
        this.from = from;
        this.to = to;
        this.rules = rules;
        this.startsEndsByRule = startsEndsByRule;
        this.unreadable = Collections.unmodifiableMap(unreadable);
        List<WindowOccurrence> all = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            long[] se = startsEndsByRule[r];
            for (int i = 0; i < se.length; i += 2) {
                all.add(
                        new WindowOccurrence(
                                rules.get(r),
                                Instant.ofEpochSecond(se[i]),
                                Instant.ofEpochSecond(se[i + 1])));
            }
        }
        all.sort(
                Comparator.comparing(WindowOccurrence::start).thenComparing(WindowOccurrence::end));
        this.occurrences = List.copyOf(all);
    }

    private record WindowsKey(List<WindowRule> rules, Instant from, Instant to) {}

    private static final int SHARED_LIMIT = 32;
    private static final Map<WindowsKey, ReleaseWindows> SHARED = new ConcurrentHashMap<>();

    /**
     * Like {@link #expand}, but shares one instance (and so its per-applicability calendars)
     * between calls with equal rules and horizon: the projector re-projects often over the same
     * windows.
     */
    static ReleaseWindows shared(List<WindowRule> rules, Instant from, Instant to) {
        WindowsKey key = new WindowsKey(List.copyOf(rules), from, to);
        ReleaseWindows windows = SHARED.get(key);
        if (windows == null) {
            windows = expand(key.rules(), from, to);
            if (SHARED.size() >= SHARED_LIMIT) {
                SHARED.clear();
            }
            SHARED.put(key, windows);
        }
        return windows;
    }

    /** Expands every rule's occurrences that overlap {@code [from, to)}. */
    public static ReleaseWindows expand(List<WindowRule> rules, Instant from, Instant to) {
        Objects.requireNonNull(rules, "rules");
        long f = from.getEpochSecond();
        long t = to.getEpochSecond();
        if (t < f) {
            throw new IllegalArgumentException(
                    "The horizon ends (" + to + ") before it starts (" + from + ").");
        }
        List<WindowRule> copy = List.copyOf(rules);
        long[][] startsEnds = new long[copy.size()][];
        Map<String, String> unreadable = new LinkedHashMap<>();
        for (int r = 0; r < copy.size(); r++) {
            WindowRule rule = copy.get(r);
            try {
                startsEnds[r] = expansion(rule, f, t);
            } catch (RuntimeException e) {
                startsEnds[r] = new long[0];
                unreadable.put(rule.id(), sentence(rule.rrule(), e));
            }
        }
        return new ReleaseWindows(f, t, copy, startsEnds, unreadable);
    }

    /**
     * The earliest instant at or after {@code at} when a release of this product line and model may
     * deploy: outside every applicable freeze and, if any release window applies to it, inside one.
     * Null if there is none before the horizon ends. Where no release window applies, time after
     * the horizon counts as open: freezes known within the horizon still hold.
     */
    public Instant nextOpen(Instant at, String productLine, String model) {
        long t = calendar(productLine, model).nextOpen(at.getEpochSecond());
        return t == NEVER ? null : Instant.ofEpochSecond(t);
    }

    /**
     * Like {@link #nextOpen} and names what held the deploy: the id of the freeze whose end or of
     * the release window whose start opened the slot; null when {@code at} was already open. Null
     * if nothing opens before the horizon ends.
     */
    public Opening nextOpening(Instant at, String productLine, String model) {
        DeployCalendar calendar = calendar(productLine, model);
        long t = calendar.nextOpen(at.getEpochSecond());
        if (t == NEVER) {
            return null;
        }
        return new Opening(Instant.ofEpochSecond(t), calendar.heldBy(at.getEpochSecond()));
    }

    /** When a deploy may happen and which window rule, if any, made it wait. */
    public record Opening(Instant at, String heldBy) {}

    /** Occurrences overlapping {@code [from, to)}, by start. */
    public List<WindowOccurrence> occurrences(Instant from, Instant to) {
        List<WindowOccurrence> result = new ArrayList<>();
        for (WindowOccurrence o : occurrences) {
            if (!o.start().isBefore(to)) {
                break;
            }
            if (o.end().isAfter(from)) {
                result.add(o);
            }
        }
        return result;
    }

    /** Rules left out because their RRULE cannot be read: rule id to a sentence for people. */
    public Map<String, String> unreadable() {
        return unreadable;
    }

    /** Throws IllegalArgumentException with a sentence for people if the RRULE cannot be read. */
    public static void checkRecurrence(String rrule) {
        if (rrule == null || rrule.isBlank()) {
            throw new IllegalArgumentException(
                    "An empty value is not a recurrence rule: give one such as 'FREQ=WEEKLY;BYDAY=TU'.");
        }
        try {
            new Recur<LocalDateTime>(rrule);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(sentence(rrule, e), e);
        }
    }

    /**
     * Checks a recurrence by what it expands to, not by its length: over {@code horizonDays} from
     * {@code from}, no day may hold more than {@code maxPerDay} occurrences, and the expansion must
     * finish within {@code budget}. Expansion stops one past the most that could pass, so a rule
     * meant to explode costs no more than a legal one.
     *
     * @param what "window" or "cadence", for the sentence
     * @throws IllegalArgumentException saying why, in a sentence
     */
    public static void checkExpansion(
            String rrule,
            LocalDateTime from,
            int horizonDays,
            int maxPerDay,
            java.time.Duration budget,
            String what) {
        checkRecurrence(rrule);
        Recur<LocalDateTime> recur = new Recur<>(rrule);
        long started = System.nanoTime();
        int cap = Math.max(1, maxPerDay) * horizonDays + 1;
        List<LocalDateTime> dates;
        try {
            dates = recur.getDates(from, from, from.plusDays(horizonDays), cap);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(sentence(rrule, e), e);
        }
        java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);
        Map<java.time.LocalDate, Integer> perDay = new java.util.TreeMap<>();
        for (LocalDateTime date : dates) {
            int count = perDay.merge(date.toLocalDate(), 1, Integer::sum);
            if (count > maxPerDay) {
                throw new IllegalArgumentException(
                        "'"
                                + rrule
                                + "' recurs more than "
                                + maxPerDay
                                + (maxPerDay == 1 ? " time" : " times")
                                + " on "
                                + date.toLocalDate()
                                + "; a "
                                + what
                                + " may recur at most "
                                + (maxPerDay == 1 ? "once" : maxPerDay + " times")
                                + " a day.");
            }
        }
        if (took.compareTo(budget) > 0) {
            throw new IllegalArgumentException(
                    "'"
                            + rrule
                            + "' takes too long to expand ("
                            + took.toMillis()
                            + " ms for "
                            + horizonDays
                            + " days); write a simpler rule.");
        }
    }

    private static String sentence(String rrule, RuntimeException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof NumberFormatException) {
            reason = "a number was expected (" + reason + ")";
        }
        return "'" + rrule + "' is not a recurrence rule: " + reason + ".";
    }

    /**
     * The deploy calendar of one product line and model; shared by all with the same applicable
     * rules.
     */
    DeployCalendar calendar(String productLine, String model) {
        Map<String, DeployCalendar> byModel =
                calendarsByScope.computeIfAbsent(
                        productLine == null ? "" : productLine, k -> new ConcurrentHashMap<>());
        String modelKey = model == null ? "" : model;
        DeployCalendar calendar = byModel.get(modelKey);
        if (calendar == null) {
            BitSet applicable = new BitSet(rules.size());
            for (int r = 0; r < rules.size(); r++) {
                if (rules.get(r).kind() != WindowKind.EXPERIMENTATION
                        && rules.get(r).appliesTo(productLine, model)
                        && !unreadable.containsKey(rules.get(r).id())) {
                    applicable.set(r);
                }
            }
            calendar = calendarsByRules.computeIfAbsent(applicable, this::build);
            byModel.put(modelKey, calendar);
        }
        return calendar;
    }

    private DeployCalendar build(BitSet applicable) {
        Intervals release = new Intervals();
        Intervals freeze = new Intervals();
        boolean anyReleaseRule = false;
        for (int r = applicable.nextSetBit(0); r >= 0; r = applicable.nextSetBit(r + 1)) {
            WindowRule rule = rules.get(r);
            Intervals target = rule.kind() == WindowKind.RELEASE ? release : freeze;
            anyReleaseRule |= rule.kind() == WindowKind.RELEASE;
            long[] se = startsEndsByRule[r];
            for (int i = 0; i < se.length; i += 2) {
                target.add(se[i], se[i + 1], rule.id());
            }
        }
        Intervals allowed;
        if (anyReleaseRule) {
            allowed = release.merged(false);
        } else {
            allowed = new Intervals();
            allowed.add(Long.MIN_VALUE, Long.MAX_VALUE, null);
        }
        return DeployCalendar.of(allowed, freeze.merged(true));
    }

    // --- expansion --------------------------------------------------------------------------

    private record ExpansionKey(WindowRule rule, long from, long to) {}

    /**
     * Start and end epoch seconds, interleaved, of the rule's occurrences overlapping [from, to).
     */
    private static long[] expansion(WindowRule rule, long from, long to) {
        ExpansionKey key = new ExpansionKey(rule, from, to);
        long[] cached = EXPANSIONS.get(key);
        if (cached != null) {
            return cached;
        }
        long[] computed = expandRule(rule, from, to);
        if (EXPANSIONS.size() >= EXPANSION_CACHE_LIMIT) {
            EXPANSIONS.clear();
        }
        EXPANSIONS.put(key, computed);
        return computed;
    }

    private static long[] expandRule(WindowRule rule, long from, long to) {
        ZoneId zone = rule.zone();
        Duration local = Duration.between(rule.start(), rule.end());
        if (local.isNegative() || local.isZero()) {
            return new long[0];
        }
        if (rule.rrule() == null || rule.rrule().isBlank()) {
            long s = rule.start().atZone(zone).toEpochSecond();
            long e = rule.end().atZone(zone).toEpochSecond();
            return s < to && e > from ? new long[] {s, e} : new long[0];
        }
        Recur<LocalDateTime> recur = new Recur<>(rule.rrule());
        // A day of margin on both sides covers zone offsets; the overlap test below is exact.
        LocalDateTime periodStart =
                LocalDateTime.ofInstant(Instant.ofEpochSecond(from), zone)
                        .minus(local)
                        .minusDays(1);
        LocalDateTime periodEnd =
                LocalDateTime.ofInstant(Instant.ofEpochSecond(to), zone).plusDays(1);
        LocalDateTime seed = fastForward(recur, rule.start(), periodStart);
        // a rule saved before rules were checked by their expansion still cannot flood the
        // calendar: no more than hourly over the period
        int cap =
                (int)
                        Math.min(
                                Integer.MAX_VALUE,
                                Duration.between(periodStart, periodEnd).toHours() + 2);
        List<LocalDateTime> starts = recur.getDates(seed, periodStart, periodEnd, cap);
        long[] out = new long[starts.size() * 2];
        int n = 0;
        for (LocalDateTime ls : starts) {
            long s = ls.atZone(zone).toEpochSecond();
            long e = ls.plus(local).atZone(zone).toEpochSecond();
            if (s < to && e > from) {
                out[n++] = s;
                out[n++] = e;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * ical4j walks from the seed; a rule started years ago costs years of steps. For daily and
     * weekly rules without COUNT, moving the seed by whole multiples of the period yields the same
     * occurrences.
     */
    private static LocalDateTime fastForward(
            Recur<LocalDateTime> recur, LocalDateTime seed, LocalDateTime periodStart) {
        if (recur.getCount() > 0 || !seed.isBefore(periodStart.minusDays(14))) {
            return seed;
        }
        int interval = Math.max(1, recur.getInterval());
        long periodDays;
        if (recur.getFrequency() == Frequency.DAILY) {
            periodDays = interval;
        } else if (recur.getFrequency() == Frequency.WEEKLY) {
            periodDays = 7L * interval;
        } else {
            return seed;
        }
        long gap = ChronoUnit.DAYS.between(seed, periodStart.minusDays(14));
        long steps = gap / periodDays;
        return seed.plusDays(steps * periodDays);
    }

    /** Intervals with the rule id that opens (release) or closes (freeze) them. */
    static final class Intervals {
        long[] starts = new long[8];
        long[] ends = new long[8];
        String[] ids = new String[8];
        int size;

        void add(long s, long e, String id) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
                ids = Arrays.copyOf(ids, size * 2);
            }
            starts[size] = s;
            ends[size] = e;
            ids[size] = id;
            size++;
        }

        /**
         * Sorted, disjoint, adjacent ones joined. A merged interval keeps the id of its first part,
         * or with {@code keepLastEnding} the id of the part that ends last (what a freeze chain
         * ends with).
         */
        Intervals merged(boolean keepLastEnding) {
            // Sort by start without boxing: (start - min) in the high bits, the index in the low
            // 21.
            long min = Long.MAX_VALUE;
            for (int i = 0; i < size; i++) {
                min = Math.min(min, starts[i]);
            }
            long[] keys = new long[size];
            for (int i = 0; i < size; i++) {
                keys[i] = ((starts[i] - min) << 21) | i;
            }
            Arrays.sort(keys);
            Intervals out = new Intervals();
            for (long key : keys) {
                int i = (int) (key & ((1 << 21) - 1));
                int last = out.size - 1;
                if (last >= 0 && starts[i] <= out.ends[last]) {
                    if (ends[i] > out.ends[last]) {
                        out.ends[last] = ends[i];
                        if (keepLastEnding) {
                            out.ids[last] = ids[i];
                        }
                    }
                } else {
                    out.add(starts[i], ends[i], ids[i]);
                }
            }
            return out;
        }
    }
}
