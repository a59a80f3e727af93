package dev.almanac.scenarios;

import dev.almanac.schedule.ScheduleTexts;
import dev.almanac.calendar.internal.CalendarViews;
import dev.almanac.capacity.Contention;
import dev.almanac.capacity.CapacityInputs;
import dev.almanac.scenarios.internal.Scenario;
import dev.almanac.scenarios.internal.ScenarioRepository;
import dev.almanac.schedule.MilestoneSlipped;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.schedule.Slips;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.almanac.dependencies.Dependencies;
import dev.almanac.planning.PlanningCatalog;
import dev.almanac.projection.Dependency;
import dev.almanac.projection.Projector;
import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.Schedule;
import dev.almanac.projection.Snapshot;
import dev.almanac.projection.StepState;
import dev.almanac.projection.WindowKind;
import dev.almanac.projection.WindowRule;
import dev.almanac.projection.WindowScope;
import dev.almanac.projection.WhatIf;
import dev.almanac.releases.Releases;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What-if scenarios. A planner drafts changes (delay a release, move an active step's end, add a
 * freeze, plan a step's duration, remove a dependency); the diff projects the current snapshot and
 * the snapshot with the changes, side by side. Nothing in the engine changes while drafting.
 * Applying one, with a justification and the release-manager role, makes the same changes for real
 * in one transaction (engine due dates and timers, our tables), logs the decision with the
 * before/after dates, and records the slips it causes.
 */
@Service
public class Scenarios {

    public static final String RELEASE_MANAGERS = "release-managers";
    private static final Duration LONGEST_DELAY = Duration.ofDays(365);

    public enum ChangeKind {
        DELAY_RELEASE("Delay a release"), MOVE_STEP("Move an active step's end"), ADD_FREEZE("Add a freeze window"),
        PLAN_DURATION("Change a step's planned duration"), REMOVE_DEPENDENCY("Remove a dependency"),
        CHANGE_CAPACITY("Change a resource's capacity"), ADD_LEAVE("Take capacity away for a while (leave, maintenance)");

        private final String label;

        ChangeKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One draft change; which fields matter depends on its kind. */
    public record Change(ChangeKind kind, String releaseKey, String activityId, Integer days, Instant date, Duration duration, String windowName,
            LocalDateTime windowStart, LocalDateTime windowEnd, String productLine, Long dependencyId, String resource, String member,
            java.time.LocalDate from, java.time.LocalDate until, Double capacity) {

        public Change(ChangeKind kind, String releaseKey, String activityId, Integer days, Instant date, Duration duration, String windowName,
                LocalDateTime windowStart, LocalDateTime windowEnd, String productLine, Long dependencyId) {
            this(kind, releaseKey, activityId, days, date, duration, windowName, windowStart, windowEnd, productLine, dependencyId, null, null, null,
                    null, null);
        }

        public static Change delay(String releaseKey, int days) {
            return new Change(ChangeKind.DELAY_RELEASE, releaseKey, null, days, null, null, null, null, null, null, null);
        }

        public static Change capacity(String resource, java.time.LocalDate from, double capacity) {
            return new Change(ChangeKind.CHANGE_CAPACITY, null, null, null, null, null, null, null, null, null, null, resource, null, from, null, capacity);
        }

        public static Change leave(String resource, String member, java.time.LocalDate from, java.time.LocalDate until) {
            return new Change(ChangeKind.ADD_LEAVE, null, null, null, null, null, null, null, null, null, null, resource, member, from, until, null);
        }

        public String describe() {
            return switch (kind) {
                case DELAY_RELEASE -> "Delay " + releaseKey + " by " + days + (days == 1 ? " day" : " days");
                case MOVE_STEP -> "Move the end of " + activityId + " of " + releaseKey + " to " + date;
                case ADD_FREEZE -> "Freeze '" + windowName + "' from " + windowStart + " to " + windowEnd
                        + (productLine == null ? " for everyone" : " for " + productLine);
                case PLAN_DURATION -> "Plan " + activityId + " of " + releaseKey + " at " + ScheduleTexts.humanDuration(duration);
                case REMOVE_DEPENDENCY -> "Remove dependency #" + dependencyId;
                case CHANGE_CAPACITY -> "Set " + resource + " to " + capacity + " from " + from;
                case ADD_LEAVE -> "Take " + (member == null ? "all of " + resource : member + " (" + resource + ")") + " away from " + from + " to " + until;
            };
        }
    }

    public record ScenarioInfo(String token, String name, String status, String createdBy, Instant createdAt, String closedBy, Instant closedAt,
            List<Change> changes) {

        public boolean draft() {
            return "DRAFT".equals(status);
        }
    }

    /** The calendar diff of a scenario at one instant: what moves, by how much. */
    public record Diff(Instant at, List<WhatIf.Moved> moved, int releases, long computeMillis, List<dev.almanac.projection.Capacity.Conflict> appeared,
            List<dev.almanac.projection.Capacity.Conflict> disappeared, int conflictsBefore, int conflictsAfter) {

        public long missed() {
            return moved.stream().filter(WhatIf.Moved::nowMissesTarget).count();
        }
    }

    /** A decision as logged. */
    public record Decision(Long id, String decidedBy, Instant decidedAt, String scenarioToken, String justification, String summary,
            List<WhatIf.Shift> moves) {
    }

    private final ScenarioRepository scenarios;
    private final dev.almanac.governance.DecisionLog decisions;
    private final ReleaseCalendar calendar;
    private final Releases releases;
    private final Dependencies dependencies;
    private final PlanningCatalog catalog;
    private final Slips slips;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ObjectMapper json;
    private final CapacityInputs capacity;
    private final dev.almanac.planning.Resources planningResources;
    private final SecureRandom random = new SecureRandom();

    Scenarios(ScenarioRepository scenarios, dev.almanac.governance.DecisionLog decisions, ReleaseCalendar calendar, Releases releases, Dependencies dependencies,
            PlanningCatalog catalog, Slips slips, ApplicationEventPublisher events, Clock clock, ObjectMapper json, CapacityInputs capacity,
            dev.almanac.planning.Resources planningResources) {
        this.capacity = capacity;
        this.planningResources = planningResources;
        this.scenarios = scenarios;
        this.decisions = decisions;
        this.calendar = calendar;
        this.releases = releases;
        this.dependencies = dependencies;
        this.catalog = catalog;
        this.slips = slips;
        this.events = events;
        this.clock = clock;
        this.json = json;
    }

    @Transactional
    public ScenarioInfo open(String name, String by) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 120) {
            throw new ScenarioRejected("name", "Give the scenario a name of 1 to 120 characters.");
        }
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return info(scenarios.save(new Scenario(HexFormat.of().formatHex(bytes), trimmed, by, clock.instant())));
    }

    @Transactional(readOnly = true)
    public Optional<ScenarioInfo> find(String token) {
        return scenarios.findByToken(token).map(this::info);
    }

    @Transactional(readOnly = true)
    public List<ScenarioInfo> recent() {
        return scenarios.findTop100ByOrderByCreatedAtDesc().stream().map(this::info).toList();
    }

    /** Adds a draft change after checking it against the current plan; nothing else changes. */
    @Transactional
    public ScenarioInfo addChange(String token, Change change, String by) {
        Scenario scenario = draft(token);
        validate(change, calendar.read(clock.instant()).snapshot());
        List<Change> changes = new ArrayList<>(changesOf(scenario));
        changes.add(normalised(change));
        scenario.changes(write(changes));
        return info(scenario);
    }

    @Transactional
    public ScenarioInfo removeChange(String token, int index) {
        Scenario scenario = draft(token);
        List<Change> changes = new ArrayList<>(changesOf(scenario));
        if (index < 0 || index >= changes.size()) {
            throw new ScenarioRejected("index", "This scenario has no change " + (index + 1) + ".");
        }
        changes.remove(index);
        scenario.changes(write(changes));
        return info(scenario);
    }

    @Transactional
    public void discard(String token, String by) {
        draft(token).close(Scenario.Status.DISCARDED, by, clock.instant());
    }

    /** The scenario's diff against the current plan, both projected at {@code now} (deterministically). */
    @Transactional(readOnly = true)
    public Diff diff(String token, Instant now) {
        Scenario scenario = scenarios.findByToken(token).orElseThrow(() -> new ScenarioRejected("token", "There is no scenario " + token + "."));
        return diff(changesOf(scenario), now);
    }

    Diff diff(List<Change> changes, Instant now) {
        long started = System.nanoTime();
        Snapshot current = calendar.read(now).snapshot();
        Schedule before = Projector.project(current);
        Snapshot edited = edit(current, before, changes);
        Schedule after = Projector.project(edited);
        CapacityInputs.Inputs in = capacity.read(now);
        var loadBefore = in.load(current, before, calendar.zone());
        var loadAfter = in.with(resources(in.resources(), changes)).load(edited, after, calendar.zone());
        java.util.Set<String> was = loadBefore.conflicts().stream().map(Contention::signature).collect(Collectors.toSet());
        java.util.Set<String> is = loadAfter.conflicts().stream().map(Contention::signature).collect(Collectors.toSet());
        return new Diff(now, WhatIf.diff(current, before, after), before.releases().size(), (System.nanoTime() - started) / 1_000_000,
                loadAfter.conflicts().stream().filter(c -> !was.contains(Contention.signature(c))).toList(),
                loadBefore.conflicts().stream().filter(c -> !is.contains(Contention.signature(c))).toList(), loadBefore.conflicts().size(),
                loadAfter.conflicts().size());
    }

    /** The resources with the scenario's capacity changes and leaves. */
    static List<dev.almanac.projection.Capacity.Resource> resources(List<dev.almanac.projection.Capacity.Resource> resources, List<Change> changes) {
        List<dev.almanac.projection.Capacity.Resource> result = new ArrayList<>(resources);
        for (Change change : changes) {
            for (int i = 0; i < result.size(); i++) {
                var r = result.get(i);
                if (!r.key().equals(change.resource())) {
                    continue;
                }
                if (change.kind() == ChangeKind.CHANGE_CAPACITY) {
                    result.set(i, r.withChange(new dev.almanac.projection.Capacity.CapacityChange(change.from(), change.capacity())));
                } else if (change.kind() == ChangeKind.ADD_LEAVE) {
                    result.set(i, r.withHoliday(new dev.almanac.projection.Capacity.Holiday(change.from(), change.until(), null, change.member())));
                }
            }
        }
        return result;
    }

    /** The snapshot with the scenario's changes: what the engine and our tables will hold once it is applied. */
    Snapshot edit(Snapshot snapshot, Schedule projected, List<Change> changes) {
        Map<String, ReleaseState> byKey = new LinkedHashMap<>();
        snapshot.releases().forEach(r -> byKey.put(r.key(), r));
        List<WindowRule> windows = new ArrayList<>(snapshot.windows());
        List<Dependency> edges = new ArrayList<>(snapshot.dependencies());
        Map<String, Duration> planned = new HashMap<>(snapshot.planned());
        int n = 0;
        for (Change change : changes) {
            n++;
            switch (change.kind()) {
                case DELAY_RELEASE -> {
                    ReleaseState r = byKey.get(change.releaseKey());
                    if (r != null) {
                        byKey.put(r.key(), withSteps(r, WhatIf.delayedSteps(r, projected, Duration.ofDays(change.days()))));
                    }
                }
                case MOVE_STEP -> {
                    ReleaseState r = byKey.get(change.releaseKey());
                    if (r != null && r.steps().containsKey(change.activityId())) {
                        Map<String, StepState> steps = new HashMap<>(r.steps());
                        StepState s = steps.get(change.activityId());
                        steps.put(s.activityId(), new StepState(s.activityId(), s.actualStart(), s.actualEnd(), change.date()));
                        byKey.put(r.key(), withSteps(r, steps));
                    }
                }
                case ADD_FREEZE -> windows.add(new WindowRule("scenario-" + n, WindowKind.FREEZE, change.windowName(), change.windowStart(),
                        change.windowEnd(), calendar.zone(), null, change.productLine() == null ? WindowScope.GLOBAL : WindowScope.PRODUCT_LINE,
                        change.productLine()));
                case PLAN_DURATION -> planned.put(Snapshot.stepKey(change.releaseKey(), change.activityId()), change.duration());
                case CHANGE_CAPACITY, ADD_LEAVE -> {
                    // resources, not the snapshot: see resources(...)
                }
                case REMOVE_DEPENDENCY -> dependencies.find(change.dependencyId()).ifPresent(d -> edges.removeIf(e -> e.fromRelease()
                        .equals(d.upstreamRelease()) && e.fromActivity().equals(d.upstreamActivity()) && e.toRelease().equals(d.downstreamRelease())
                        && e.toActivity().equals(d.downstreamActivity())));
            }
        }
        return new Snapshot(snapshot.now(), snapshot.procedures(), new ArrayList<>(byKey.values()), edges, windows, snapshot.history(), planned);
    }

    private static ReleaseState withSteps(ReleaseState r, Map<String, StepState> steps) {
        return new ReleaseState(r.key(), r.procedureId(), r.productLine(), r.model(), r.team(), r.lane(), r.status(), r.start(), r.target(), steps);
    }

    /**
     * Applies the scenario for real, in one transaction: moves engine due dates and timers, saves
     * windows, durations and dependency removals, logs the decision with the before/after dates and
     * records the slips it causes.
     *
     * @throws ScenarioRejected without the release-manager role, without a justification, or when a
     *                          change no longer fits the plan; nothing changes then
     */
    @Transactional
    public Decision apply(String token, String justification, String by, boolean releaseManager, Instant now) {
        if (!releaseManager) {
            throw new ScenarioRejected("role", "Only release managers (group " + RELEASE_MANAGERS + ") may apply a scenario.");
        }
        String why = justification == null ? "" : justification.trim();
        if (why.length() < 10 || why.length() > 2000) {
            throw new ScenarioRejected("justification", "Write why this change is right, in 10 to 2,000 characters: the decision log keeps it.");
        }
        Scenario scenario = draft(token);
        List<Change> changes = changesOf(scenario);
        if (changes.isEmpty()) {
            throw new ScenarioRejected("changes", "This scenario has no changes to apply.");
        }
        Snapshot current = calendar.read(now).snapshot();
        changes.forEach(c -> validate(c, current));
        Schedule before = Projector.project(current);
        List<WhatIf.Moved> moved = WhatIf.diff(current, before, Projector.project(edit(current, before, changes)));
        Map<String, ReleaseState> byKey = current.releases().stream().collect(Collectors.toMap(ReleaseState::key, r -> r));
        try {
            makeChanges(changes, byKey, before, scenario, why, by);
        } catch (dev.almanac.releases.ReleaseRejected e) {
            throw new ScenarioRejected("changes", "The plan moved since this was drafted: " + e.getMessage()); // rolls back every change
        } catch (dev.almanac.planning.PlanningRejected e) {
            throw new ScenarioRejected("changes", "The plan moved since this was drafted: " + e.getMessage());
        } catch (dev.almanac.dependencies.DependencyRejected e) {
            throw new ScenarioRejected("changes", "The plan moved since this was drafted: " + e.getMessage());
        }
        List<WhatIf.Shift> moves = moved.stream().flatMap(m -> m.milestones().stream()).toList();
        String summary = scenario.name() + ": " + changes.stream().map(Change::describe).collect(Collectors.joining("; "));
        var entry = decisions.record(new dev.almanac.governance.Decision(dev.almanac.governance.DecisionKind.SCENARIO, moved.size() == 1
                ? moved.get(0).releaseKey() : null, "Scenario applied: " + summary, "applied", by, clock.instant(), why,
                java.util.Map.of("moves", moves), token));
        scenario.close(Scenario.Status.APPLIED, by, clock.instant());
        List<MilestoneSlipped> slipped = new ArrayList<>();
        for (WhatIf.Moved m : moved) {
            for (WhatIf.Shift move : m.milestones()) {
                boolean pastTarget = m.target() != null && move.after().isAfter(m.target()) && !move.before().isAfter(m.target());
                if (move.after().isAfter(move.before())) {
                    slipped.add(new MilestoneSlipped(m.releaseKey(), move.milestone(), move.before(), move.after(), m.target(), pastTarget, null));
                }
            }
        }
        slips.record(slipped, "decision by " + by + " (scenario " + scenario.name() + "): " + why);
        events.publishEvent(new dev.almanac.releases.ReleasePlanChanged(null));
        return decision(entry);
    }

    /** Makes a scenario's changes for real; runs inside {@link #apply}'s transaction. */
    private void makeChanges(List<Change> changes, Map<String, ReleaseState> byKey, Schedule before, Scenario scenario, String why, String by) {
        for (Change change : changes) {
            switch (change.kind()) {
                case DELAY_RELEASE -> {
                    Duration by2 = Duration.ofDays(change.days());
                    ReleaseState r = byKey.get(change.releaseKey());
                    WhatIf.delayedSteps(r, before, by2).forEach((activity, step) -> {
                        if (step.active()) {
                            releases.moveActiveStep(r.key(), activity, step.due(), by);
                        }
                    });
                    releases.shiftBoundaryTimers(r.key(), by2);
                }
                case MOVE_STEP -> releases.moveActiveStep(change.releaseKey(), change.activityId(), change.date(), by);
                case ADD_FREEZE -> {
                    catalog.saveWindow(null, new PlanningCatalog.WindowChange(change.windowName(), WindowKind.FREEZE, change.windowStart(),
                            change.windowEnd(), calendar.zone(), null, change.productLine() == null ? WindowScope.GLOBAL : WindowScope.PRODUCT_LINE,
                            change.productLine(), "From scenario " + scenario.name() + ": " + why), by);
                    releases.retimeWindowWaits();
                }
                case PLAN_DURATION -> releases.planStepDuration(change.releaseKey(), change.activityId(), change.duration(), by);
                case REMOVE_DEPENDENCY -> dependencies.remove(change.dependencyId());
                case CHANGE_CAPACITY -> planningResources.changeCapacity(change.resource(), change.from(), change.capacity(), by);
                case ADD_LEAVE -> planningResources.addHoliday(change.resource(), new dev.almanac.projection.Capacity.Holiday(change.from(), change.until(),
                        null, change.member()), by);
            }
        }
    }

    @Transactional(readOnly = true)
    public List<Decision> decisions() {
        return decisions.search(new dev.almanac.governance.DecisionLog.Search(dev.almanac.governance.DecisionKind.SCENARIO, null, null, null, null), 100)
                .stream().map(this::decision).toList();
    }

    private void validate(Change change, Snapshot snapshot) {
        if (change == null || change.kind() == null) {
            throw new ScenarioRejected("kind", "Choose what to change.");
        }
        Map<String, ReleaseState> byKey = snapshot.releases().stream().collect(Collectors.toMap(ReleaseState::key, r -> r, (a, b) -> a));
        switch (change.kind()) {
            case DELAY_RELEASE -> {
                ReleaseState r = running(byKey, change.releaseKey());
                if (change.days() == null || change.days() < 1 || change.days() > LONGEST_DELAY.toDays()) {
                    throw new ScenarioRejected("days", "Delay by 1 to 365 days.");
                }
                if (r.steps().values().stream().noneMatch(StepState::active)) {
                    throw new ScenarioRejected("releaseKey", "Release " + r.key() + " has no active step to delay.");
                }
            }
            case MOVE_STEP -> {
                ReleaseState r = running(byKey, change.releaseKey());
                StepState step = change.activityId() == null ? null : r.steps().get(change.activityId());
                if (step == null || !step.active()) {
                    throw new ScenarioRejected("activityId", "Only an active step's end can be moved; " + r.key() + " is now in "
                            + r.steps().values().stream().filter(StepState::active).map(StepState::activityId).sorted().collect(Collectors.joining(", "))
                            + ".");
                }
                if (change.date() == null || !change.date().isAfter(snapshot.now())) {
                    throw new ScenarioRejected("date", "Give a new end in the future.");
                }
            }
            case ADD_FREEZE -> {
                if (change.windowName() == null || change.windowName().isBlank() || change.windowName().length() > 120) {
                    throw new ScenarioRejected("windowName", "Name the freeze (1 to 120 characters).");
                }
                if (change.windowStart() == null || change.windowEnd() == null || !change.windowEnd().isAfter(change.windowStart())) {
                    throw new ScenarioRejected("windowEnd", "A freeze ends after it starts.");
                }
                if (change.productLine() != null && catalog.productLines().stream().noneMatch(p -> p.key().equals(change.productLine()))) {
                    throw new ScenarioRejected("productLine", "There is no product line '" + change.productLine() + "'.");
                }
            }
            case PLAN_DURATION -> {
                ReleaseState r = byKey.get(change.releaseKey());
                if (r == null) {
                    throw new ScenarioRejected("releaseKey", "There is no release '" + nullToEmpty(change.releaseKey()) + "'.");
                }
                var procedure = snapshot.procedures().get(r.procedureId());
                boolean known = procedure != null && procedure.steps().stream().anyMatch(s -> s.expected() && s.milestone() != null
                        && s.activityId().equals(change.activityId()));
                StepState state = change.activityId() == null ? null : r.steps().get(change.activityId());
                if (!known || (state != null && state.actualStart() != null)) {
                    throw new ScenarioRejected("activityId", "Choose a step of " + r.key() + " that has not started.");
                }
                if (change.duration() == null || change.duration().isNegative() || change.duration().compareTo(LONGEST_DELAY) > 0) {
                    throw new ScenarioRejected("duration", "A planned duration is between zero and 365 days.");
                }
            }
            case REMOVE_DEPENDENCY -> {
                if (change.dependencyId() == null || dependencies.find(change.dependencyId()).isEmpty()) {
                    throw new ScenarioRejected("dependencyId", "There is no dependency #" + change.dependencyId() + ".");
                }
            }
            case CHANGE_CAPACITY, ADD_LEAVE -> {
                var resource = change.resource() == null ? Optional.<dev.almanac.projection.Capacity.Resource>empty()
                        : planningResources.find(change.resource());
                if (resource.isEmpty()) {
                    throw new ScenarioRejected("resource", "There is no resource '" + nullToEmpty(change.resource()) + "'.");
                }
                if (change.from() == null) {
                    throw new ScenarioRejected("from", "Say from which day.");
                }
                if (change.kind() == ChangeKind.CHANGE_CAPACITY && (change.capacity() == null || change.capacity() < 0 || change.capacity() > 1_000_000)) {
                    throw new ScenarioRejected("capacity", "Capacity is a number from 0 to 1,000,000.");
                }
                if (change.kind() == ChangeKind.ADD_LEAVE) {
                    if (change.until() == null || change.until().isBefore(change.from())) {
                        throw new ScenarioRejected("until", "The last day is on or after the first.");
                    }
                    if (change.member() != null && !change.member().isBlank() && !resource.get().members().contains(change.member().trim())) {
                        throw new ScenarioRejected("member", change.resource() + " has no member '" + change.member() + "'.");
                    }
                }
            }
        }
    }

    private static ReleaseState running(Map<String, ReleaseState> byKey, String key) {
        ReleaseState r = key == null ? null : byKey.get(key);
        if (r == null) {
            throw new ScenarioRejected("releaseKey", "There is no release '" + nullToEmpty(key) + "'.");
        }
        if (r.status() != dev.almanac.projection.ReleaseStatus.ACTIVE) {
            throw new ScenarioRejected("releaseKey", "Release " + key + " is not running; only a running release can be delayed or moved.");
        }
        return r;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Change normalised(Change c) {
        return new Change(c.kind(), blankToNull(c.releaseKey()), blankToNull(c.activityId()), c.days(), c.date(), c.duration(),
                c.windowName() == null ? null : c.windowName().trim(), c.windowStart(), c.windowEnd(), blankToNull(c.productLine()), c.dependencyId(),
                blankToNull(c.resource()), blankToNull(c.member()), c.from(), c.until(), c.capacity());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private Scenario draft(String token) {
        Scenario scenario = scenarios.findByToken(token).orElseThrow(() -> new ScenarioRejected("token", "There is no scenario " + token + "."));
        if (scenario.status() != Scenario.Status.DRAFT) {
            throw new ScenarioRejected("token", "Scenario '" + scenario.name() + "' was " + scenario.status().name().toLowerCase() + " by "
                    + scenario.closedBy() + "; open a new one.");
        }
        return scenario;
    }

    private ScenarioInfo info(Scenario s) {
        return new ScenarioInfo(s.token(), s.name(), s.status().name(), s.createdBy(), s.createdAt(), s.closedBy(), s.closedAt(), changesOf(s));
    }

    private Decision decision(dev.almanac.governance.DecisionLog.Entry e) {
        try {
            var moves = json.readTree(e.basis()).path("moves");
            return new Decision(e.id(), e.decidedBy(), e.decidedAt(), e.scenarioToken(), e.rationale(),
                    e.subject().replaceFirst("^Scenario applied: ", ""), json.convertValue(moves, new TypeReference<List<WhatIf.Shift>>() {
                    }));
        } catch (java.io.IOException ex) {
            throw new IllegalStateException("Unreadable decision " + e.id(), ex);
        }
    }

    private List<Change> changesOf(Scenario scenario) {
        try {
            return json.readValue(scenario.changes(), new TypeReference<List<Change>>() {
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable scenario " + scenario.token(), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
