package dev.almanac.scenarios;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.almanac.capacity.CapacityInputs;
import dev.almanac.capacity.Contention;
import dev.almanac.dependencies.Dependencies;
import dev.almanac.planning.PlanningCatalog;
import dev.almanac.projection.Projector;
import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.Schedule;
import dev.almanac.projection.Snapshot;
import dev.almanac.projection.WhatIf;
import dev.almanac.releases.Releases;
import dev.almanac.scenarios.internal.Scenario;
import dev.almanac.scenarios.internal.ScenarioRepository;
import dev.almanac.schedule.MilestoneSlipped;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.schedule.Slips;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
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

    /** The kinds of change a planner drafts, in the order the page offers them; each is a record of {@link Change}. */
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

    /**
     * One draft change, a record per kind, each with its own fields. A kind checks itself against the
     * plan, says what it does, edits the projected plan and makes itself for real; those take this
     * package's contexts, so only this module runs them.
     * <p>
     * Changes are stored as JSON in {@code scenario.changes}. When this was one record, every row held
     * {@code kind} (the {@link ChangeKind} constant's name) and all the fields, most of them null; the
     * subtypes are named by those constants and keep the field names, and the other kinds' fields are
     * ignored, so those rows still read.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = DelayRelease.class, name = "DELAY_RELEASE"), @JsonSubTypes.Type(value = MoveStepEnd.class,
            name = "MOVE_STEP"), @JsonSubTypes.Type(value = AddFreeze.class, name = "ADD_FREEZE"), @JsonSubTypes.Type(value = PlanDuration.class,
            name = "PLAN_DURATION"), @JsonSubTypes.Type(value = RemoveDependency.class, name = "REMOVE_DEPENDENCY"),
            @JsonSubTypes.Type(value = ChangeCapacity.class, name = "CHANGE_CAPACITY"), @JsonSubTypes.Type(value = AddLeave.class,
            name = "ADD_LEAVE")})
    @JsonIgnoreProperties(ignoreUnknown = true)
    public sealed interface Change permits DelayRelease, MoveStepEnd, AddFreeze, PlanDuration, RemoveDependency, ChangeCapacity, AddLeave {

        static DelayRelease delay(String releaseKey, int days) {
            return new DelayRelease(releaseKey, days);
        }

        static ChangeCapacity capacity(String resource, LocalDate from, double capacity) {
            return new ChangeCapacity(resource, from, capacity);
        }

        static AddLeave leave(String resource, String member, LocalDate from, LocalDate until) {
            return new AddLeave(resource, member, from, until);
        }

        /** The kind, as the JSON names it; not written again as a field. */
        @JsonIgnore
        ChangeKind kind();

        /** What the change does, in the scenario's list and the decision log. */
        String describe();

        /** @throws ScenarioRejected naming the field that does not fit the plan */
        void check(PlanChecks.Against plan);

        /** The change as it is stored: see {@link PlanChecks#blankToNull}. */
        Change normalised();

        /** Makes the change in the projected plan; nothing is written. */
        void edit(EditedPlan plan);

        /** Makes the change for real, inside the transaction that applies the scenario. */
        void apply(Applying applying);
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
    private final PlanChecks checks;
    private final ChangeJson changeJson;
    private final SecureRandom random = new SecureRandom();

    Scenarios(ScenarioRepository scenarios, dev.almanac.governance.DecisionLog decisions, ReleaseCalendar calendar, Releases releases, Dependencies dependencies,
            PlanningCatalog catalog, Slips slips, ApplicationEventPublisher events, Clock clock, ObjectMapper json, CapacityInputs capacity,
            dev.almanac.planning.Resources planningResources, PlanChecks checks, ChangeJson changeJson) {
        this.checks = checks;
        this.changeJson = changeJson;
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
        checks.check(change, calendar.read(clock.instant()).snapshot());
        List<Change> changes = new ArrayList<>(changesOf(scenario));
        changes.add(change.normalised());
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
        CapacityInputs.Inputs in = capacity.read(now);
        EditedPlan plan = EditedPlan.of(current, before, calendar.zone(), dependencies, in.resources(), changes);
        Snapshot edited = plan.snapshot();
        Schedule after = Projector.project(edited);
        var loadBefore = in.load(current, before, calendar.zone());
        var loadAfter = in.with(plan.resources()).load(edited, after, calendar.zone());
        java.util.Set<String> was = loadBefore.conflicts().stream().map(Contention::signature).collect(Collectors.toSet());
        java.util.Set<String> is = loadAfter.conflicts().stream().map(Contention::signature).collect(Collectors.toSet());
        return new Diff(now, WhatIf.diff(current, before, after), before.releases().size(), (System.nanoTime() - started) / 1_000_000,
                loadAfter.conflicts().stream().filter(c -> !was.contains(Contention.signature(c))).toList(),
                loadBefore.conflicts().stream().filter(c -> !is.contains(Contention.signature(c))).toList(), loadBefore.conflicts().size(),
                loadAfter.conflicts().size());
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
        changes.forEach(c -> checks.check(c, current));
        Schedule before = Projector.project(current);
        List<WhatIf.Moved> moved = WhatIf.diff(current, before, Projector.project(EditedPlan.of(current, before, calendar.zone(), dependencies,
                List.of(), changes).snapshot()));
        Map<String, ReleaseState> byKey = current.releases().stream().collect(Collectors.toMap(ReleaseState::key, r -> r));
        Applying applying = new Applying(releases, catalog, dependencies, planningResources, calendar.zone(), byKey, before, scenario.name(), why, by);
        try {
            changes.forEach(c -> c.apply(applying));
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

    @Transactional(readOnly = true)
    public List<Decision> decisions() {
        return decisions.search(new dev.almanac.governance.DecisionLog.Search(dev.almanac.governance.DecisionKind.SCENARIO, null, null, null, null), 100)
                .stream().map(this::decision).toList();
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
        return changeJson.read(scenario.changes(), scenario.token());
    }

    private String write(List<Change> changes) {
        return changeJson.write(changes);
    }
}
