package dev.almanac.scenarios;

import dev.almanac.scenarios.Scenarios.Change;
import dev.almanac.scenarios.Scenarios.ScenarioInfo;
import dev.almanac.scenarios.internal.Scenario;
import dev.almanac.scenarios.internal.ScenarioRepository;
import dev.almanac.schedule.ReleaseCalendar;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Scenarios as planners draft them: opened under a name, changes added (each checked against the
 * plan as it stands) and removed, discarded. Nothing outside the scenario's row changes here.
 */
@Component
class ScenarioDrafts {

    private final ScenarioRepository scenarios;
    private final ReleaseCalendar calendar;
    private final PlanChecks checks;
    private final ChangeJson changes;
    private final Clock clock;
    // a scenario is shared by its URL: the token is not guessable
    private final SecureRandom random = new SecureRandom();

    ScenarioDrafts(
            ScenarioRepository scenarios,
            ReleaseCalendar calendar,
            PlanChecks checks,
            ChangeJson changes,
            Clock clock) {
        this.scenarios = scenarios;
        this.calendar = calendar;
        this.checks = checks;
        this.changes = changes;
        this.clock = clock;
    }

    ScenarioInfo open(String name, String by) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 120) {
            throw new ScenarioRejected("name", "Give the scenario a name of 1 to 120 characters.");
        }
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return info(
                scenarios.save(
                        new Scenario(
                                HexFormat.of().formatHex(bytes), trimmed, by, clock.instant())));
    }

    Optional<ScenarioInfo> find(String token) {
        return scenarios.findByToken(token).map(this::info);
    }

    List<ScenarioInfo> recent() {
        return scenarios.findTop100ByOrderByCreatedAtDesc().stream().map(this::info).toList();
    }

    ScenarioInfo addChange(String token, Change change, String by) {
        Scenario scenario = draft(token);
        checks.check(change, calendar.read(clock.instant()).snapshot());
        List<Change> drafted = new ArrayList<>(changesOf(scenario));
        drafted.add(change.normalised());
        scenario.changes(changes.write(drafted));
        return info(scenario);
    }

    ScenarioInfo removeChange(String token, int index) {
        Scenario scenario = draft(token);
        List<Change> drafted = new ArrayList<>(changesOf(scenario));
        if (index < 0 || index >= drafted.size()) {
            throw new ScenarioRejected("index", "This scenario has no change " + (index + 1) + ".");
        }
        drafted.remove(index);
        scenario.changes(changes.write(drafted));
        return info(scenario);
    }

    void discard(String token, String by) {
        draft(token).close(Scenario.Status.DISCARDED, by, clock.instant());
    }

    /** The scenario, drafted or closed. */
    Scenario scenario(String token) {
        return scenarios
                .findByToken(token)
                .orElseThrow(
                        () -> new ScenarioRejected("token", "There is no scenario " + token + "."));
    }

    /** The scenario, which must still be a draft: an applied or discarded one no longer changes. */
    Scenario draft(String token) {
        Scenario scenario = scenario(token);
        if (scenario.status() != Scenario.Status.DRAFT) {
            throw new ScenarioRejected(
                    "token",
                    "Scenario '"
                            + scenario.name()
                            + "' was "
                            + scenario.status().name().toLowerCase()
                            + " by "
                            + scenario.closedBy()
                            + "; open a new one.");
        }
        return scenario;
    }

    List<Change> changesOf(Scenario scenario) {
        return changes.read(scenario.changes(), scenario.token());
    }

    private ScenarioInfo info(Scenario s) {
        return new ScenarioInfo(
                s.token(),
                s.name(),
                s.status().name(),
                s.createdBy(),
                s.createdAt(),
                s.closedBy(),
                s.closedAt(),
                changesOf(s));
    }
}
