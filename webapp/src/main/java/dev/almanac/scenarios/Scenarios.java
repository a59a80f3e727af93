package dev.almanac.scenarios;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.almanac.identity.AccessPolicy;
import dev.almanac.projection.Capacity;
import dev.almanac.projection.WhatIf;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What-if scenarios, the module's API. A planner drafts changes (delay a release, move an active
 * step's end, add a freeze, plan a step's duration, remove a dependency, change a resource's
 * capacity, take capacity away for a while); the diff projects the current snapshot and the
 * snapshot with the changes, side by side. Nothing in the engine changes while drafting. Applying
 * one, with a justification and the release-manager role, makes the same changes for real in one
 * transaction (engine due dates and timers, our tables), logs the decision with the before/after
 * dates, and records the slips it causes.
 *
 * <p>The work is done by {@link ScenarioDrafts}, {@link ScenarioDiffs} and {@link
 * ScenarioDecisions}; the transactions are drawn here.
 */
@Service
public class Scenarios {

    /**
     * The group whose members may apply a scenario; see {@link
     * AccessPolicy#isReleaseManager(String)}.
     */
    public static final String RELEASE_MANAGERS = AccessPolicy.RELEASE_MANAGERS;

    /**
     * The kinds of change a planner drafts, in the order the page offers them; each is a record of
     * {@link Change}.
     */
    public enum ChangeKind {
        DELAY_RELEASE("Delay a release"),
        MOVE_STEP("Move an active step's end"),
        ADD_FREEZE("Add a freeze window"),
        PLAN_DURATION("Change a step's planned duration"),
        REMOVE_DEPENDENCY("Remove a dependency"),
        CHANGE_CAPACITY("Change a resource's capacity"),
        ADD_LEAVE("Take capacity away for a while (leave, maintenance)");

        private final String label;

        ChangeKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One draft change, a record per kind, each with its own fields. A kind checks itself against
     * the plan, says what it does, edits the projected plan and makes itself for real; those take
     * this package's contexts, so only this module runs them.
     *
     * <p>Changes are stored as JSON in {@code scenario.changes}. When this was one record, every
     * row held {@code kind} (the {@link ChangeKind} constant's name) and all the fields, most of
     * them null; the subtypes are named by those constants and keep the field names, and the other
     * kinds' fields are ignored, so those rows still read.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = DelayRelease.class, name = "DELAY_RELEASE"),
        @JsonSubTypes.Type(value = MoveStepEnd.class, name = "MOVE_STEP"),
        @JsonSubTypes.Type(value = AddFreeze.class, name = "ADD_FREEZE"),
        @JsonSubTypes.Type(value = PlanDuration.class, name = "PLAN_DURATION"),
        @JsonSubTypes.Type(value = RemoveDependency.class, name = "REMOVE_DEPENDENCY"),
        @JsonSubTypes.Type(value = ChangeCapacity.class, name = "CHANGE_CAPACITY"),
        @JsonSubTypes.Type(value = AddLeave.class, name = "ADD_LEAVE")
    })
    @JsonIgnoreProperties(ignoreUnknown = true)
    public sealed interface Change
            permits DelayRelease,
                    MoveStepEnd,
                    AddFreeze,
                    PlanDuration,
                    RemoveDependency,
                    ChangeCapacity,
                    AddLeave {

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

        /**
         * @throws ScenarioRejected naming the field that does not fit the plan
         */
        void check(PlanChecks.Against plan);

        /** The change as it is stored: see {@link PlanChecks#blankToNull}. */
        Change normalised();

        /** Makes the change in the projected plan; nothing is written. */
        void edit(EditedPlan plan);

        /** Makes the change for real, inside the transaction that applies the scenario. */
        void apply(Applying applying);
    }

    public record ScenarioInfo(
            String token,
            String name,
            String status,
            String createdBy,
            Instant createdAt,
            String closedBy,
            Instant closedAt,
            List<Change> changes) {

        public boolean draft() {
            return "DRAFT".equals(status);
        }

        /** Which version of the changes this is: applying checks it is still the one shown. */
        public String revision() {
            return revisionOf(changes);
        }
    }

    /** A fingerprint of a list of changes (records print the same on every node). */
    static String revisionOf(List<Change> changes) {
        return dev.almanac.identity.Secrets.fingerprint(String.valueOf(changes)).substring(0, 16);
    }

    /** The calendar diff of a scenario at one instant: what moves, by how much. */
    public record Diff(
            Instant at,
            List<WhatIf.Moved> moved,
            int releases,
            long computeMillis,
            List<Capacity.Conflict> appeared,
            List<Capacity.Conflict> disappeared,
            int conflictsBefore,
            int conflictsAfter) {

        public long missed() {
            return moved.stream().filter(WhatIf.Moved::nowMissesTarget).count();
        }
    }

    /** A decision as logged. */
    public record Decision(
            Long id,
            String decidedBy,
            Instant decidedAt,
            String scenarioToken,
            String justification,
            String summary,
            List<WhatIf.Shift> moves) {}

    private final ScenarioDrafts drafts;
    private final ScenarioDiffs diffs;
    private final ScenarioDecisions decisions;

    Scenarios(ScenarioDrafts drafts, ScenarioDiffs diffs, ScenarioDecisions decisions) {
        this.drafts = drafts;
        this.diffs = diffs;
        this.decisions = decisions;
    }

    @Transactional
    public ScenarioInfo open(String name, String by) {
        return drafts.open(name, by);
    }

    @Transactional(readOnly = true)
    public Optional<ScenarioInfo> find(String token) {
        return drafts.find(token);
    }

    @Transactional(readOnly = true)
    public List<ScenarioInfo> recent() {
        return drafts.recent();
    }

    /** Adds a draft change after checking it against the current plan; nothing else changes. */
    @Transactional
    public ScenarioInfo addChange(String token, Change change, String by) {
        return drafts.addChange(token, change, by);
    }

    @Transactional
    public ScenarioInfo removeChange(String token, int index) {
        return drafts.removeChange(token, index);
    }

    @Transactional
    public void discard(String token, String by) {
        drafts.discard(token, by);
    }

    /**
     * The scenario's diff against the current plan, both projected at {@code now}
     * (deterministically).
     */
    @Transactional(readOnly = true)
    public Diff diff(String token, Instant now) {
        return diffs.diff(drafts.changesOf(drafts.scenario(token)), now);
    }

    /**
     * Applies the scenario for real, in one transaction: moves engine due dates and timers, saves
     * windows, durations, capacity and dependency removals, logs the decision with the before/after
     * dates and records the slips it causes.
     *
     * @param by who applies it, by user id
     * @throws ScenarioRejected when {@code by} is not a release manager, without a justification,
     *     or when a change no longer fits the plan; nothing changes then
     */
    @Transactional
    public Decision apply(String token, String justification, String by, Instant now) {
        return decisions.apply(token, justification, by, now);
    }

    /** Applies the draft only if its changes are still those of {@code revision}. */
    @Transactional
    public Decision apply(
            String token, String justification, String revision, String by, Instant now) {
        return decisions.apply(token, justification, revision == null ? "" : revision, by, now);
    }

    @Transactional(readOnly = true)
    public List<Decision> decisions() {
        return decisions.decisions();
    }
}
