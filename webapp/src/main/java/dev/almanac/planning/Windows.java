package dev.almanac.planning;

import dev.almanac.planning.internal.CalendarWindow;
import dev.almanac.planning.internal.CalendarWindowRepository;
import dev.almanac.planning.internal.MlModelRepository;
import dev.almanac.planning.internal.ProductLineRepository;
import dev.almanac.projection.ReleaseWindows;
import dev.almanac.projection.WindowKind;
import dev.almanac.projection.WindowRule;
import dev.almanac.projection.WindowScope;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The windows releases are planned against: release windows, freezes and experimentation windows,
 * one-off or recurring (RRULE), for everyone, a product line or a model. Every change publishes
 * {@link WindowsChanged}, so the calendar and waiting deploys follow at once.
 */
@Service
public class Windows {

    /** How far ahead the calendar expands windows, and so how far a new rule is checked. */
    static final int HORIZON_DAYS = 730;

    /** What a rule's expansion over the horizon may cost when it is saved. */
    static final java.time.Duration EXPANSION_BUDGET = java.time.Duration.ofMillis(500);

    private final CalendarWindowRepository windows;
    private final ProductLineRepository productLines;
    private final MlModelRepository models;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private volatile ExpandedWindows expanded;

    Windows(
            CalendarWindowRepository windows,
            ProductLineRepository productLines,
            MlModelRepository models,
            ApplicationEventPublisher events,
            Clock clock) {
        this.windows = windows;
        this.productLines = productLines;
        this.models = models;
        this.events = events;
        this.clock = clock;
    }

    public record WindowInfo(
            Long id,
            WindowRule rule,
            String notes,
            String updatedBy,
            java.time.Instant updatedAt) {}

    /** A window as a person asks for it. */
    public record WindowChange(
            String name,
            WindowKind kind,
            LocalDateTime start,
            LocalDateTime end,
            ZoneId zone,
            String rrule,
            WindowScope scope,
            String scopeKey,
            String notes) {}

    // ---- windows

    @Transactional(readOnly = true)
    public List<WindowInfo> windows() {
        return windows.findAllByOrderByStartAsc().stream().map(CalendarWindow::info).toList();
    }

    @Transactional(readOnly = true)
    public Optional<WindowInfo> window(long id) {
        return windows.findById(id).map(CalendarWindow::info);
    }

    /** The rules the deploy timer and the projector apply. */
    @Transactional(readOnly = true)
    public List<WindowRule> windowRules() {
        return windows.findAll(org.springframework.data.domain.Sort.by("id")).stream()
                .map(CalendarWindow::rule)
                .toList();
    }

    private record ExpandedWindows(
            List<WindowRule> rules,
            java.time.Instant from,
            java.time.Instant to,
            ReleaseWindows windows) {}

    /**
     * The window rules expanded from a day before {@code at} to two years after it: what the deploy
     * timer asks when a release may deploy. The rules are read each time (one small query), so a
     * change is seen at once, even from a transaction that has not committed yet; the expansion is
     * kept while the rules are the same and for a day.
     */
    @Transactional(readOnly = true)
    public ReleaseWindows releaseWindows(java.time.Instant at) {
        List<WindowRule> rules = windowRules();
        ExpandedWindows current = expanded;
        if (current == null
                || !current.rules().equals(rules)
                || at.isBefore(current.from().plus(java.time.Duration.ofDays(1)))
                || at.isAfter(current.from().plus(java.time.Duration.ofDays(2)))) {
            java.time.Instant from = at.minus(java.time.Duration.ofDays(1));
            java.time.Instant to = at.plus(java.time.Duration.ofDays(731));
            current = new ExpandedWindows(rules, from, to, ReleaseWindows.expand(rules, from, to));
            expanded = current;
        }
        return current.windows();
    }

    /**
     * Creates a window or, given an id, changes it; deploy timers already waiting follow the
     * change.
     */
    @Transactional
    public WindowInfo saveWindow(Long id, WindowChange change, String by) {
        validate(change);
        CalendarWindow window;
        if (id == null) {
            window = new CalendarWindow(change, by, clock.instant());
        } else {
            window =
                    windows.findById(id)
                            .orElseThrow(() -> new PlanningRejected("id", "No window " + id + "."));
            window.update(change, by, clock.instant());
        }
        window = windows.save(window);
        events.publishEvent(new WindowsChanged(window.getId()));
        return window.info();
    }

    @Transactional
    public void deleteWindow(long id) {
        windows.findById(id)
                .ifPresent(
                        window -> {
                            windows.delete(window);
                            events.publishEvent(new WindowsChanged(id));
                        });
    }

    private void validate(WindowChange change) {
        PlanningCatalog.required(
                "name", change.name(), "Give the window a name, like 'Year-end freeze'.");
        if (change.kind() == null) {
            throw new PlanningRejected(
                    "kind", "Choose what the window is: release, freeze or experimentation.");
        }
        if (change.start() == null) {
            throw new PlanningRejected("start", "Give the start date and time.");
        }
        if (change.end() == null) {
            throw new PlanningRejected("end", "Give the end date and time.");
        }
        if (!change.end().isAfter(change.start())) {
            throw new PlanningRejected(
                    "end", "The window must end after it starts (" + change.start() + ").");
        }
        if (change.zone() == null) {
            throw new PlanningRejected("zone", "Give a time zone, like Europe/Berlin or UTC.");
        }
        if (change.rrule() != null && !change.rrule().isBlank()) {
            if (change.rrule().length() > 500) {
                throw new PlanningRejected("rrule", "Keep the recurrence under 500 characters.");
            }
            try {
                ReleaseWindows.checkRecurrence(change.rrule().trim());
            } catch (IllegalArgumentException e) {
                throw new PlanningRejected("rrule", e.getMessage());
            }
            if (java.util.regex.Pattern.compile("FREQ=(SECONDLY|MINUTELY)")
                    .matcher(change.rrule().toUpperCase())
                    .find()) {
                throw new PlanningRejected(
                        "rrule",
                        "A window recurs at most hourly; use FREQ=HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY.");
            }
            // what the rule expands to over the calendar's two-year horizon, not its length
            try {
                ReleaseWindows.checkExpansion(
                        change.rrule().trim(),
                        change.start(),
                        HORIZON_DAYS,
                        24,
                        EXPANSION_BUDGET,
                        "window");
            } catch (IllegalArgumentException e) {
                throw new PlanningRejected("rrule", e.getMessage());
            }
        }
        if (change.notes() != null && change.notes().length() > 1000) {
            throw new PlanningRejected("notes", "Keep the notes under 1,000 characters.");
        }
        if (change.scope() == null) {
            throw new PlanningRejected(
                    "scope",
                    "Choose whom the window applies to: everyone, a product line or a model.");
        }
        if (change.scope() == WindowScope.PRODUCT_LINE
                && (change.scopeKey() == null
                        || productLines.findByKey(change.scopeKey()).isEmpty())) {
            throw new PlanningRejected(
                    "scopeKey", "Choose the product line the window applies to.");
        }
        if (change.scope() == WindowScope.MODEL
                && (change.scopeKey() == null || models.findByKey(change.scopeKey()).isEmpty())) {
            throw new PlanningRejected("scopeKey", "Choose the model the window applies to.");
        }
    }

    /**
     * A time zone as a person typed it; blank is none, anything unreadable is refused on the {@code
     * zone} field.
     */
    public static ZoneId zoneOf(String zone) {
        try {
            return zone == null || zone.isBlank() ? null : ZoneId.of(zone.trim());
        } catch (java.time.DateTimeException e) {
            throw new PlanningRejected(
                    "zone",
                    "'" + zone + "' is not a time zone; use a name like Europe/Berlin or UTC.");
        }
    }
}
