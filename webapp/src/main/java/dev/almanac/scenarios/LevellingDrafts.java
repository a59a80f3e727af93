package dev.almanac.scenarios;

import dev.almanac.capacity.Contention;
import dev.almanac.projection.Levelling;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Levelling suggestions of the capacity module, drafted as scenarios a planner reviews and a
 * release manager applies.
 */
@Service
public class LevellingDrafts {

    private final Contention contention;
    private final Scenarios scenarios;

    LevellingDrafts(Contention contention, Scenarios scenarios) {
        this.contention = contention;
        this.scenarios = scenarios;
    }

    /** The draft scenario's token, or nothing when the conflict is gone. */
    public Optional<String> draft(String resource, Instant start, String by) {
        return contention
                .level(resource, start)
                .map(
                        proposal -> {
                            Scenarios.ScenarioInfo scenario = scenarios.open(proposal.title(), by);
                            for (Levelling.Move move : proposal.suggestion().moves()) {
                                scenarios.addChange(
                                        scenario.token(),
                                        Scenarios.Change.delay(move.releaseKey(), move.days()),
                                        by);
                            }
                            return scenario.token();
                        });
    }
}
