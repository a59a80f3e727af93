package dev.almanac.scenarios;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.almanac.dependencies.Dependencies;
import dev.almanac.dependencies.DependencyRejected;
import dev.almanac.governance.DecisionKind;
import dev.almanac.governance.DecisionLog;
import dev.almanac.identity.AccessPolicy;
import dev.almanac.planning.PlanningRejected;
import dev.almanac.planning.Resources;
import dev.almanac.planning.Windows;
import dev.almanac.projection.Projector;
import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.Schedule;
import dev.almanac.projection.Snapshot;
import dev.almanac.projection.WhatIf;
import dev.almanac.releases.ReleasePlanChanged;
import dev.almanac.releases.ReleaseRejected;
import dev.almanac.releases.Releases;
import dev.almanac.scenarios.Scenarios.Change;
import dev.almanac.scenarios.Scenarios.Decision;
import dev.almanac.scenarios.internal.Scenario;
import dev.almanac.schedule.MilestoneSlipped;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.schedule.Slips;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Applying a scenario is a decision: its changes are made for real (engine due dates and timers,
 * our tables), the decision log keeps who decided, why and the before/after dates, and the slips it
 * causes are recorded. And the log of those decisions, read back.
 */
@Component
class ScenarioDecisions {

    private final ScenarioDrafts drafts;
    private final PlanChecks checks;
    private final ScenarioDiffs diffs;
    private final ReleaseCalendar calendar;
    private final Releases releases;
    private final Windows windows;
    private final Dependencies dependencies;
    private final Resources resources;
    private final DecisionLog decisions;
    private final Slips slips;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ObjectMapper json;
    private final AccessPolicy policy;

    ScenarioDecisions(
            ScenarioDrafts drafts,
            PlanChecks checks,
            ScenarioDiffs diffs,
            ReleaseCalendar calendar,
            Releases releases,
            Windows windows,
            Dependencies dependencies,
            Resources resources,
            DecisionLog decisions,
            Slips slips,
            ApplicationEventPublisher events,
            Clock clock,
            ObjectMapper json,
            AccessPolicy policy) {
        this.drafts = drafts;
        this.checks = checks;
        this.diffs = diffs;
        this.calendar = calendar;
        this.releases = releases;
        this.windows = windows;
        this.dependencies = dependencies;
        this.resources = resources;
        this.decisions = decisions;
        this.slips = slips;
        this.events = events;
        this.clock = clock;
        this.json = json;
        this.policy = policy;
    }

    /**
     * Runs inside the caller's transaction, so that a change the plan no longer takes rolls back
     * those made before it. Whether {@code by} may apply it is the policy's to say, from the
     * engine's groups, not the caller's.
     */
    Decision apply(String token, String justification, String by, Instant now) {
        return apply(token, justification, null, by, now);
    }

    /**
     * As {@link #apply(String, String, String, Instant)}, only if the draft is still the one the
     * release manager reviewed ({@code revision}, null to skip): a change slipped in meanwhile is
     * refused.
     */
    Decision apply(String token, String justification, String revision, String by, Instant now) {
        if (!policy.isReleaseManager(by)) {
            throw new ScenarioRejected(
                    "role",
                    "Only release managers (group "
                            + Scenarios.RELEASE_MANAGERS
                            + ") may apply a scenario.");
        }
        String why = justification == null ? "" : justification.trim();
        if (why.length() < 10 || why.length() > 2000) {
            throw new ScenarioRejected(
                    "justification",
                    "Write why this change is right, in 10 to 2,000 characters: the decision log keeps it.");
        }
        Scenario scenario = drafts.draft(token);
        List<Change> changes = drafts.changesOf(scenario);
        if (revision != null && !revision.equals(Scenarios.revisionOf(changes))) {
            throw new ScenarioRejected(
                    "revision",
                    "The scenario changed since you reviewed it; look at its changes and the diff"
                            + " again, then apply.");
        }
        if (changes.isEmpty()) {
            throw new ScenarioRejected("changes", "This scenario has no changes to apply.");
        }
        Snapshot current = calendar.read(now).snapshot();
        changes.forEach(c -> checks.check(c, current));
        Schedule before = Projector.project(current);
        List<WhatIf.Moved> moved = diffs.moved(current, before, changes);
        Map<String, ReleaseState> byKey =
                current.releases().stream().collect(Collectors.toMap(ReleaseState::key, r -> r));
        Applying applying =
                new Applying(
                        releases,
                        windows,
                        dependencies,
                        resources,
                        calendar.zone(),
                        byKey,
                        before,
                        scenario.name(),
                        why,
                        by);
        try {
            changes.forEach(c -> c.apply(applying));
        } catch (ReleaseRejected e) {
            throw new ScenarioRejected(
                    "changes",
                    "The plan moved since this was drafted: "
                            + e.getMessage()); // rolls back every change
        } catch (PlanningRejected e) {
            throw new ScenarioRejected(
                    "changes", "The plan moved since this was drafted: " + e.getMessage());
        } catch (DependencyRejected e) {
            throw new ScenarioRejected(
                    "changes", "The plan moved since this was drafted: " + e.getMessage());
        }
        List<WhatIf.Shift> moves = moved.stream().flatMap(m -> m.milestones().stream()).toList();
        String summary =
                scenario.name()
                        + ": "
                        + changes.stream().map(Change::describe).collect(Collectors.joining("; "));
        var entry =
                decisions.record(
                        new dev.almanac.governance.Decision(
                                DecisionKind.SCENARIO,
                                moved.size() == 1 ? moved.get(0).releaseKey() : null,
                                "Scenario applied: " + summary,
                                "applied",
                                by,
                                clock.instant(),
                                why,
                                Map.of("moves", moves),
                                token));
        scenario.close(Scenario.Status.APPLIED, by, clock.instant());
        slips.record(
                slipped(moved),
                "decision by " + by + " (scenario " + scenario.name() + "): " + why);
        events.publishEvent(new ReleasePlanChanged(null));
        return decision(entry);
    }

    List<Decision> decisions() {
        return decisions
                .search(new DecisionLog.Search(DecisionKind.SCENARIO, null, null, null, null), 100)
                .stream()
                .map(this::decision)
                .toList();
    }

    /** The milestones that move later; one is past its target when the move takes it there. */
    private static List<MilestoneSlipped> slipped(List<WhatIf.Moved> moved) {
        List<MilestoneSlipped> slipped = new ArrayList<>();
        for (WhatIf.Moved m : moved) {
            for (WhatIf.Shift move : m.milestones()) {
                boolean pastTarget =
                        m.target() != null
                                && move.after().isAfter(m.target())
                                && !move.before().isAfter(m.target());
                if (move.after().isAfter(move.before())) {
                    slipped.add(
                            new MilestoneSlipped(
                                    m.releaseKey(),
                                    move.milestone(),
                                    move.before(),
                                    move.after(),
                                    m.target(),
                                    pastTarget,
                                    null));
                }
            }
        }
        return slipped;
    }

    private Decision decision(DecisionLog.Entry e) {
        try {
            var moves = json.readTree(e.basis()).path("moves");
            return new Decision(
                    e.id(),
                    e.decidedBy(),
                    e.decidedAt(),
                    e.scenarioToken(),
                    e.rationale(),
                    e.subject().replaceFirst("^Scenario applied: ", ""),
                    json.convertValue(moves, new TypeReference<List<WhatIf.Shift>>() {}));
        } catch (IOException ex) {
            throw new IllegalStateException("Unreadable decision " + e.id(), ex);
        }
    }
}
