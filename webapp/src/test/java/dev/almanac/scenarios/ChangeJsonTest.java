package dev.almanac.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.almanac.scenarios.internal.Scenario;
import dev.almanac.scenarios.internal.ScenarioRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Draft changes as the scenario table stores them, with the application's own ObjectMapper. */
// the same context as the other test classes: the engine-rest API finds its engine by name,
// JVM-wide
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc
@ActiveProfiles("test")
class ChangeJsonTest {

    @Autowired ScenarioRepository rows;
    @Autowired Scenarios scenarios;
    @Autowired ObjectMapper json;

    /** One of each kind, every field set where the kind has it. */
    static final List<Scenarios.Change> ONE_OF_EACH =
            List.of(
                    new DelayRelease("features-1", 7),
                    new MoveStepEnd("features-1", "train", Instant.parse("2025-03-03T09:00:00Z")),
                    new AddFreeze(
                            "Data platform migration",
                            LocalDateTime.parse("2025-03-10T18:00:00"),
                            LocalDateTime.parse("2025-03-12T08:00:00"),
                            "payments"),
                    new PlanDuration("reco-1", "risk-review", Duration.ofHours(36)),
                    new RemoveDependency(42L),
                    new ChangeCapacity("gpus", LocalDate.parse("2025-03-01"), 400.0),
                    new AddLeave(
                            "reviewers",
                            "ana",
                            LocalDate.parse("2025-03-01"),
                            LocalDate.parse("2025-03-07")));

    /**
     * The same changes as rows held them when a change was one record with a kind and all sixteen
     * fields.
     */
    static final String OLD_SHAPE =
            """
            [{"kind":"DELAY_RELEASE","releaseKey":"features-1","activityId":null,"days":7,"date":null,"duration":null,"windowName":null,\
            "windowStart":null,"windowEnd":null,"productLine":null,"dependencyId":null,"resource":null,"member":null,"from":null,"until":null,\
            "capacity":null},
            {"kind":"MOVE_STEP","releaseKey":"features-1","activityId":"train","days":null,"date":"2025-03-03T09:00:00Z","duration":null,\
            "windowName":null,"windowStart":null,"windowEnd":null,"productLine":null,"dependencyId":null,"resource":null,"member":null,\
            "from":null,"until":null,"capacity":null},
            {"kind":"ADD_FREEZE","releaseKey":null,"activityId":null,"days":null,"date":null,"duration":null,\
            "windowName":"Data platform migration","windowStart":"2025-03-10T18:00:00","windowEnd":"2025-03-12T08:00:00",\
            "productLine":"payments","dependencyId":null,"resource":null,"member":null,"from":null,"until":null,"capacity":null},
            {"kind":"PLAN_DURATION","releaseKey":"reco-1","activityId":"risk-review","days":null,"date":null,"duration":"PT36H",\
            "windowName":null,"windowStart":null,"windowEnd":null,"productLine":null,"dependencyId":null,"resource":null,"member":null,\
            "from":null,"until":null,"capacity":null},
            {"kind":"REMOVE_DEPENDENCY","releaseKey":null,"activityId":null,"days":null,"date":null,"duration":null,"windowName":null,\
            "windowStart":null,"windowEnd":null,"productLine":null,"dependencyId":42,"resource":null,"member":null,"from":null,"until":null,\
            "capacity":null},
            {"kind":"CHANGE_CAPACITY","releaseKey":null,"activityId":null,"days":null,"date":null,"duration":null,"windowName":null,\
            "windowStart":null,"windowEnd":null,"productLine":null,"dependencyId":null,"resource":"gpus","member":null,"from":"2025-03-01",\
            "until":null,"capacity":400.0},
            {"kind":"ADD_LEAVE","releaseKey":null,"activityId":null,"days":null,"date":null,"duration":null,"windowName":null,\
            "windowStart":null,"windowEnd":null,"productLine":null,"dependencyId":null,"resource":"reviewers","member":"ana",\
            "from":"2025-03-01","until":"2025-03-07","capacity":null}]
            """;

    @Test
    void aScenarioStoredWhenAChangeWasOneRecordStillReadsAsTheRecordOfEachKind() {
        Scenario row =
                new Scenario(
                        UUID.randomUUID().toString().replace("-", "").substring(0, 24),
                        "From before",
                        "rita",
                        Instant.now());
        row.changes(OLD_SHAPE);
        rows.save(row);

        List<Scenarios.Change> changes = scenarios.find(row.token()).orElseThrow().changes();

        assertThat(changes).containsExactlyElementsOf(ONE_OF_EACH);
        assertThat(changes)
                .extracting(Scenarios.Change::describe)
                .startsWith("Delay features-1 by 7 days")
                .contains(
                        "Freeze 'Data platform migration' from 2025-03-10T18:00 to 2025-03-12T08:00 for payments");
    }

    @Test
    void everyKindIsWrittenWithItsKindAndOnlyItsOwnFieldsAndReadsBackAsItself() throws Exception {
        assertThat(ONE_OF_EACH)
                .extracting(Scenarios.Change::kind)
                .containsExactly(Scenarios.ChangeKind.values());
        ChangeJson stored = new ChangeJson(json);

        String written = stored.write(ONE_OF_EACH);

        assertThat(stored.read(written, "round-trip")).containsExactlyElementsOf(ONE_OF_EACH);
        JsonNode array = json.readTree(written);
        for (int i = 0; i < ONE_OF_EACH.size(); i++) {
            Scenarios.Change change = ONE_OF_EACH.get(i);
            List<String> fields =
                    Arrays.stream(change.getClass().getRecordComponents())
                            .map(c -> c.getName())
                            .toList();
            assertThat(array.get(i).path("kind").asText()).isEqualTo(change.kind().name());
            assertThat(array.get(i).properties())
                    .extracting(e -> e.getKey())
                    .as(change.kind().name())
                    .containsExactlyInAnyOrderElementsOf(concat("kind", fields));
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream())
                .toList();
    }
}
