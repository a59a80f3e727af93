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
import java.util.Map;
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
    private final org.springframework.beans.factory.ObjectProvider<WaitingDeploys> waitingDeploys;
    private final dev.almanac.governance.DecisionLog decisions;

    Windows(
            CalendarWindowRepository windows,
            ProductLineRepository productLines,
            MlModelRepository models,
            ApplicationEventPublisher events,
            Clock clock,
            org.springframework.beans.factory.ObjectProvider<WaitingDeploys> waitingDeploys,
            dev.almanac.governance.DecisionLog decisions) {
        this.waitingDeploys = waitingDeploys;
        this.decisions = decisions;
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
     * change. For the demo and the set-up of a fresh database; people go through {@link
     * #saveWindow(Long, WindowChange, String, String)} with a reason.
     */
    @Transactional
    public WindowInfo saveWindow(Long id, WindowChange change, String by) {
        return saveWindow(id, change, by, "set up by " + by);
    }

    /**
     * Creates a window or, given an id, changes it, on the decision log with why; deploy timers
     * already waiting follow the change. A freeze needs a reason, and a freeze that holds a waiting
     * deploy cannot be shortened here: that deploy goes out early only by a freeze override.
     *
     * @throws PlanningRejected naming the field
     */
    @Transactional
    public WindowInfo saveWindow(Long id, WindowChange change, String by, String reason) {
        validate(change);
        CalendarWindow window;
        Map<String, String> before = null;
        if (id == null) {
            requireReason(change.kind(), reason, by);
            window = new CalendarWindow(change, by, clock.instant());
        } else {
            window =
                    windows.findById(id)
                            .orElseThrow(() -> new PlanningRejected("id", "No window " + id + "."));
            WindowRule old = window.rule();
            requireReason(
                    old.kind() == WindowKind.FREEZE ? WindowKind.FREEZE : change.kind(),
                    reason,
                    by);
            before = describe(old);
            if (old.kind() == WindowKind.FREEZE) {
                List<WindowRule> after = new java.util.ArrayList<>();
                for (CalendarWindow w : windows.findAll()) {
                    after.add(w.getId().equals(id) ? rule(id, change) : w.rule());
                }
                refuseEarlyRelease(old, after, "changed");
            }
            window.update(change, by, clock.instant());
        }
        window = windows.save(window);
        decisions.constraintChanged(
                null,
                "Window '" + window.rule().name() + "'",
                id == null ? "created" : "changed",
                by,
                clock.instant(),
                reason,
                before,
                describe(window.rule()));
        events.publishEvent(new WindowsChanged(window.getId()));
        return window.info();
    }

    /** Removes a window without a decision entry: for tests and set-up only. */
    @Transactional
    public void deleteWindow(long id) {
        windows.findById(id)
                .ifPresent(
                        window -> {
                            windows.delete(window);
                            events.publishEvent(new WindowsChanged(id));
                        });
    }

    /**
     * Removes a window, on the decision log with why. A freeze needs a reason, and one that holds a
     * waiting deploy stays: that deploy goes out early only by a freeze override.
     *
     * @throws PlanningRejected naming the field
     */
    @Transactional
    public void deleteWindow(long id, String by, String reason) {
        CalendarWindow window =
                windows.findById(id)
                        .orElseThrow(() -> new PlanningRejected("id", "No window " + id + "."));
        WindowRule old = window.rule();
        requireReason(old.kind(), reason, by);
        if (old.kind() == WindowKind.FREEZE) {
            List<WindowRule> after =
                    windows.findAll().stream()
                            .filter(w -> !w.getId().equals(id))
                            .map(CalendarWindow::rule)
                            .toList();
            refuseEarlyRelease(old, after, "removed");
        }
        windows.delete(window);
        decisions.constraintChanged(
                null,
                "Window '" + old.name() + "'",
                "removed",
                by,
                clock.instant(),
                reason,
                describe(old),
                null);
        events.publishEvent(new WindowsChanged(id));
    }

    private static void requireReason(WindowKind kind, String reason, String by) {
        if (kind == WindowKind.FREEZE && (reason == null || reason.isBlank())) {
            throw new PlanningRejected(
                    "reason",
                    "Say why the freeze is set or changed; the reason goes on the decision log.");
        }
        if (reason != null && reason.length() > 1000) {
            throw new PlanningRejected("reason", "Keep the reason under 1000 characters.");
        }
    }

    /**
     * Refuses a freeze change that would let a waiting deploy go out earlier than it may now: the
     * freeze-override procedure (a reason, an expiry, a second person) is the way for that.
     */
    private void refuseEarlyRelease(WindowRule freeze, List<WindowRule> after, String what) {
        List<String> held = releasedEarlier(after, java.util.function.UnaryOperator.identity());
        if (!held.isEmpty()) {
            throw new PlanningRejected(
                    "reason",
                    "Freeze '"
                            + freeze.name()
                            + "' holds the deploy of "
                            + listed(held)
                            + "; it cannot be "
                            + what
                            + " while they wait. "
                            + OVERRIDE_PATH);
        }
    }

    private static final String OVERRIDE_PATH =
            "Ask for a freeze override on the release (a reason, an expiry and a second person's"
                    + " approval) instead.";

    /**
     * Refuses moving a model to another product line while that would let its waiting deploys out
     * earlier (a freeze of its old line holds them).
     */
    @Transactional(readOnly = true)
    public void refuseEarlierDeploysOnMove(String model, String productLine) {
        List<String> held =
                releasedEarlier(
                        windowRules(),
                        deploy ->
                                model.equals(deploy.model())
                                        ? new WaitingDeploys.WaitingDeploy(
                                                deploy.releaseKey(),
                                                deploy.model(),
                                                productLine,
                                                deploy.due())
                                        : deploy);
        if (!held.isEmpty()) {
            throw new PlanningRejected(
                    "productLine",
                    "A freeze holds the deploy of "
                            + listed(held)
                            + "; moving "
                            + model
                            + " to another product line would let it out early. "
                            + OVERRIDE_PATH);
        }
    }

    /** The waiting deploys that could go sooner with these rules (and this change to them). */
    private List<String> releasedEarlier(
            List<WindowRule> rules,
            java.util.function.UnaryOperator<WaitingDeploys.WaitingDeploy> changed) {
        WaitingDeploys source = waitingDeploys.getIfAvailable();
        List<WaitingDeploys.WaitingDeploy> waiting = source == null ? List.of() : source.waiting();
        if (waiting.isEmpty()) {
            return List.of();
        }
        java.time.Instant now = clock.instant();
        ReleaseWindows windows =
                ReleaseWindows.expand(
                        rules,
                        now.minus(java.time.Duration.ofDays(1)),
                        now.plus(java.time.Duration.ofDays(HORIZON_DAYS + 1)));
        List<String> earlier = new java.util.ArrayList<>();
        for (WaitingDeploys.WaitingDeploy was : waiting) {
            WaitingDeploys.WaitingDeploy deploy = changed.apply(was);
            if (!deploy.due().isAfter(now)) {
                continue;
            }
            java.time.Instant opens = windows.nextOpen(now, deploy.productLine(), deploy.model());
            // null: nothing opens within the horizon, which is never earlier
            if (opens != null && opens.isBefore(deploy.due())) {
                earlier.add(deploy.releaseKey());
            }
        }
        return earlier;
    }

    private static String listed(List<String> keys) {
        return String.join(", ", keys.stream().sorted().limit(5).toList())
                + (keys.size() > 5 ? " and " + (keys.size() - 5) + " more" : "");
    }

    private static WindowRule rule(long id, WindowChange change) {
        return new WindowRule(
                String.valueOf(id),
                change.kind(),
                change.name(),
                change.start(),
                change.end(),
                change.zone(),
                change.rrule(),
                change.scope(),
                change.scopeKey());
    }

    private static Map<String, String> describe(WindowRule rule) {
        Map<String, String> d = new java.util.LinkedHashMap<>();
        d.put("name", rule.name());
        d.put("kind", rule.kind().name());
        d.put("start", String.valueOf(rule.start()));
        d.put("end", String.valueOf(rule.end()));
        d.put("zone", rule.zone().getId());
        d.put("rrule", rule.rrule() == null ? "" : rule.rrule());
        d.put(
                "scope",
                rule.scope().name() + (rule.scopeKey() == null ? "" : " " + rule.scopeKey()));
        return d;
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
