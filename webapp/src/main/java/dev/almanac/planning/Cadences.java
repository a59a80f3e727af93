package dev.almanac.planning;

import dev.almanac.planning.internal.Cadence;
import dev.almanac.planning.internal.CadenceRepository;
import dev.almanac.projection.ReleaseWindows;
import dev.almanac.projection.WindowOccurrence;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Release trains: each occurrence plans and starts a release by itself; future ones are on the
 * calendar before they start.
 */
@Service
public class Cadences {

    private static final Logger log = LoggerFactory.getLogger(Cadences.class);
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");

    public record CadenceChange(
            String name,
            String model,
            Lane lane,
            LocalDateTime firstStart,
            ZoneId zone,
            String rrule,
            String versionPattern,
            int targetDays,
            boolean active) {}

    public record CadenceInfo(
            Long id,
            String name,
            String model,
            Lane lane,
            LocalDateTime firstStart,
            ZoneId zone,
            String rrule,
            String versionPattern,
            int targetDays,
            boolean active,
            Instant lastStarted) {}

    /** A release a cadence will start: its key, when it starts and its target date. */
    public record Occurrence(
            CadenceInfo cadence,
            String releaseKey,
            String version,
            Instant start,
            LocalDate targetDate) {}

    private final CadenceRepository cadences;
    private final PlanningCatalog catalog;
    private final CadenceReleases releases;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final org.springframework.transaction.support.TransactionTemplate newTransaction;

    private dev.almanac.governance.DecisionLog decisions;

    @org.springframework.beans.factory.annotation.Autowired
    void decisionLog(dev.almanac.governance.DecisionLog decisions) {
        this.decisions = decisions;
    }

    Cadences(
            CadenceRepository cadences,
            PlanningCatalog catalog,
            CadenceReleases releases,
            Clock clock,
            org.springframework.transaction.PlatformTransactionManager transactionManager,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.transactions =
                new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        this.newTransaction =
                new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(
                org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.cadences = cadences;
        this.catalog = catalog;
        this.releases = releases;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<CadenceInfo> all() {
        return cadences.findAllByOrderByNameAsc().stream().map(Cadence::info).toList();
    }

    @Transactional(readOnly = true)
    public Optional<CadenceInfo> find(long id) {
        return cadences.findById(id).map(Cadence::info);
    }

    @Transactional
    public CadenceInfo save(Long id, CadenceChange change, String by) {
        validate(change);
        Cadence cadence =
                id == null
                        ? new Cadence(change, by, clock.instant())
                        : cadences.findById(id)
                                .orElseThrow(
                                        () ->
                                                new PlanningRejected(
                                                        "name", "No cadence " + id + "."));
        CadenceInfo before = id == null ? null : cadence.info();
        if (id != null) {
            cadence.update(change, by, clock.instant());
        }
        CadenceInfo saved = cadences.save(cadence).info();
        if (decisions != null) {
            decisions.constraintChanged(
                    null,
                    "Cadence '" + saved.name() + "'",
                    id == null ? "created" : "changed",
                    by,
                    clock.instant(),
                    null,
                    before == null ? null : describe(before),
                    describe(saved));
        }
        events.publishEvent(new CadencesChanged(saved.id()));
        return saved;
    }

    private static java.util.Map<String, String> describe(CadenceInfo c) {
        java.util.Map<String, String> d = new java.util.LinkedHashMap<>();
        d.put("model", c.model());
        d.put("lane", c.lane().value());
        d.put("firstStart", String.valueOf(c.firstStart()));
        d.put("zone", c.zone().getId());
        d.put("rrule", c.rrule());
        d.put("versionPattern", c.versionPattern());
        d.put("targetDays", String.valueOf(c.targetDays()));
        d.put("active", String.valueOf(c.active()));
        return d;
    }

    private void validate(CadenceChange change) {
        if (change.name() == null || change.name().isBlank()) {
            throw new PlanningRejected("name", "Give the cadence a name, like 'Monthly refresh'.");
        }
        if (change.model() == null || catalog.model(change.model()).isEmpty()) {
            throw new PlanningRejected(
                    "model", "Choose a catalogued model; add it under Planning > Models first.");
        }
        if (change.lane() == null) {
            throw new PlanningRejected("lane", "Choose the lane its releases run in.");
        }
        if (change.firstStart() == null) {
            throw new PlanningRejected(
                    "firstStart", "Give the date and time of the first release.");
        }
        if (change.zone() == null) {
            throw new PlanningRejected("zone", "Give a time zone, like Europe/Berlin or UTC.");
        }
        if (change.rrule() == null || change.rrule().isBlank()) {
            throw new PlanningRejected(
                    "rrule", "Give the recurrence, like FREQ=MONTHLY;BYMONTHDAY=1.");
        }
        if (change.name().length() > 120) {
            throw new PlanningRejected("name", "Keep the name under 120 characters.");
        }
        if (change.rrule().length() > 500) {
            throw new PlanningRejected("rrule", "Keep the recurrence under 500 characters.");
        }
        try {
            ReleaseWindows.checkRecurrence(change.rrule());
        } catch (IllegalArgumentException e) {
            throw new PlanningRejected("rrule", e.getMessage());
        }
        if (java.util.regex.Pattern.compile("FREQ=(SECONDLY|MINUTELY|HOURLY)")
                .matcher(change.rrule().toUpperCase())
                .find()) {
            throw new PlanningRejected(
                    "rrule",
                    "A release train runs at most daily; use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY.");
        }
        try {
            // at most one release a day, whatever BYHOUR or BYMINUTE say
            ReleaseWindows.checkExpansion(
                    change.rrule().trim(),
                    change.firstStart(),
                    Windows.HORIZON_DAYS,
                    1,
                    Windows.EXPANSION_BUDGET,
                    "cadence");
        } catch (IllegalArgumentException e) {
            throw new PlanningRejected("rrule", e.getMessage());
        }
        if (change.versionPattern() == null
                || change.versionPattern().isBlank()
                || change.versionPattern().length() > 40) {
            throw new PlanningRejected(
                    "versionPattern",
                    "Give a date pattern of at most 40 characters, like yyyy.MM.");
        }
        String version;
        try {
            version =
                    DateTimeFormatter.ofPattern(change.versionPattern(), java.util.Locale.ROOT)
                            .format(change.firstStart());
        } catch (RuntimeException e) {
            throw new PlanningRejected(
                    "versionPattern",
                    "'"
                            + change.versionPattern()
                            + "' is not a date pattern; use letters like yyyy.MM or yyyy.'q'Q.");
        }
        if (!VERSION.matcher(version).matches()) {
            throw new PlanningRejected(
                    "versionPattern",
                    "The pattern gives '"
                            + version
                            + "', which is not a version (letters, digits, dots, dashes).");
        }
        if (change.targetDays() < 1 || change.targetDays() > 366) {
            throw new PlanningRejected(
                    "targetDays", "Give the days from start to target date, between 1 and 366.");
        }
    }

    /** The releases active cadences will start from {@code from} to {@code to}. */
    @Transactional(readOnly = true)
    public List<Occurrence> upcoming(Instant from, Instant to) {
        List<Occurrence> result = new ArrayList<>();
        for (Cadence cadence : cadences.findByActiveTrue()) {
            Instant after =
                    cadence.getLastStarted() != null && cadence.getLastStarted().isAfter(from)
                            ? cadence.getLastStarted()
                            : from;
            occurrences(cadence, after, to).stream()
                    .filter(o -> o.start().isAfter(after))
                    .forEach(result::add);
        }
        return result;
    }

    private List<Occurrence> occurrences(Cadence cadence, Instant from, Instant to) {
        CadenceInfo info = cadence.info();
        List<Occurrence> result = new ArrayList<>();
        for (WindowOccurrence occurrence :
                ReleaseWindows.expand(List.of(cadence.asRule()), from, to).occurrences(from, to)) {
            LocalDateTime local = LocalDateTime.ofInstant(occurrence.start(), info.zone());
            String version =
                    DateTimeFormatter.ofPattern(info.versionPattern(), java.util.Locale.ROOT)
                            .format(local);
            result.add(
                    new Occurrence(
                            info,
                            info.model() + "-" + version,
                            version,
                            occurrence.start(),
                            local.toLocalDate().plusDays(info.targetDays())));
        }
        return result;
    }

    /**
     * Starts the release of every occurrence that has come; runs every minute on every node (the
     * release key is unique).
     */
    @Scheduled(
            fixedDelayString = "${almanac.calendar.cadence-check:60s}",
            initialDelayString = "${almanac.calendar.cadence-check:60s}")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(
            name = "cadence-starts",
            lockAtLeastFor = "PT50S",
            lockAtMostFor = "PT10M")
    void startDue() {
        Instant now = clock.instant();
        for (Long id :
                transactions.execute(
                        s -> cadences.findByActiveTrue().stream().map(Cadence::getId).toList())) {
            try {
                startDue(id, now);
            } catch (RuntimeException e) {
                log.warn("Cadence {} could not start its due releases: {}", id, e.getMessage());
            }
        }
    }

    /**
     * Starts what is due of one cadence in one transaction; returns the keys of the releases it
     * started.
     */
    List<String> startDue(long cadenceId, Instant now) {
        return transactions.execute(status -> startDueOf(cadenceId, now));
    }

    private List<String> startDueOf(long cadenceId, Instant now) {
        Cadence cadence = cadences.findById(cadenceId).orElseThrow();
        Instant after =
                cadence.getLastStarted() == null ? now.minusSeconds(1) : cadence.getLastStarted();
        List<String> started = new ArrayList<>();
        for (Occurrence occurrence : occurrences(cadence, after, now.plusSeconds(1))) {
            if (!occurrence.start().isAfter(after) || occurrence.start().isAfter(now)) {
                continue;
            }
            var model = catalog.model(cadence.info().model()).orElse(null);
            if (releases.isPlanned(occurrence.releaseKey())) {
                log.info(
                        "Cadence '{}': release {} is already planned",
                        cadence.info().name(),
                        occurrence.releaseKey());
            } else if (model == null) {
                log.warn(
                        "Cadence '{}' cannot start {}: its model is no longer catalogued",
                        cadence.info().name(),
                        occurrence.releaseKey());
            } else {
                try {
                    // its own transaction: a refused release must not roll back the cadence's
                    // progress or other releases
                    newTransaction.executeWithoutResult(
                            status ->
                                    releases.plan(
                                            new CadenceReleases.ModelInfoForCadence(
                                                    model.key(),
                                                    model.riskTier(),
                                                    model.ownerTeam()),
                                            occurrence.version(),
                                            cadence.info().lane(),
                                            occurrence.targetDate()));
                    started.add(occurrence.releaseKey());
                    log.info(
                            "Cadence '{}' started release {}",
                            cadence.info().name(),
                            occurrence.releaseKey());
                } catch (CadenceReleases.Refused
                        | org.springframework.dao.DataAccessException rejected) {
                    log.warn(
                            "Cadence '{}' did not start {}: {}",
                            cadence.info().name(),
                            occurrence.releaseKey(),
                            rejected.getMessage());
                }
            }
            cadence.started(occurrence.start());
        }
        return started;
    }
}
