package dev.almanac.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.almanac.projection.ReleaseStatus;
import dev.almanac.projection.StepStatus;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.schedule.Milestones;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.support.TestAccounts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

// one application context for every test class: the engine-rest API finds its engine by name,
// JVM-wide
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc
@ActiveProfiles("test")
class CadencesTest {

    @Autowired Cadences cadences;
    @Autowired ReleaseCalendar calendar;
    @Autowired PlanningCatalog catalog;
    @Autowired ReleaseQueries releaseQueries;
    @Autowired IdentityService identity;

    String model;
    LocalDateTime firstStart;

    @BeforeEach
    void model() {
        TestAccounts.ensure(identity);
        model = "train-" + UUID.randomUUID().toString().substring(0, 6);
        catalog.saveModel(
                null,
                new PlanningCatalog.ModelInfo(
                        model, "Train model", null, "fraud-ml", RiskTier.MEDIUM, null));
        firstStart = LocalDate.now(ZoneOffset.UTC).plusDays(1).atTime(6, 0);
    }

    private Cadences.CadenceInfo daily() {
        return cadences.save(
                null,
                new Cadences.CadenceChange(
                        "Daily refresh",
                        model,
                        Lane.STAGING,
                        firstStart,
                        ZoneOffset.UTC,
                        "FREQ=DAILY",
                        "yyyy.MM.dd",
                        10,
                        true),
                "rita");
    }

    private String keyOn(LocalDateTime start) {
        return model + "-" + start.format(DateTimeFormatter.ofPattern("yyyy.MM.dd"));
    }

    @Test
    void cadenceStartsEachReleaseByItselfOnceItsOccurrenceComes() {
        Cadences.CadenceInfo cadence = daily();
        Instant justAfterFirst = firstStart.plusMinutes(1).toInstant(ZoneOffset.UTC);

        assertThat(
                        cadences.startDue(
                                cadence.id(), firstStart.minusMinutes(1).toInstant(ZoneOffset.UTC)))
                .as("not yet")
                .isEmpty();
        assertThat(cadences.startDue(cadence.id(), justAfterFirst))
                .containsExactly(keyOn(firstStart));
        assertThat(cadences.startDue(cadence.id(), justAfterFirst))
                .as("started once only")
                .isEmpty();

        var started = releaseQueries.plannedRelease(keyOn(firstStart)).orElseThrow();
        assertThat(started.processInstanceId()).isNotNull();
        assertThat(started.ownerTeam()).isEqualTo("fraud-ml");
        assertThat(started.riskTier()).isEqualTo(RiskTier.MEDIUM);
        assertThat(started.lane()).isEqualTo(Lane.STAGING);
        assertThat(started.targetDate()).isEqualTo(firstStart.toLocalDate().plusDays(10));
    }

    @Test
    void futureOccurrencesAreOnTheCalendarBeforeTheyStart() {
        daily();
        Instant now = Instant.now();

        ReleaseCalendar.Read read = calendar.read(now);
        var projection = calendar.project(read.snapshot(), read.cadenceOf());

        String second = keyOn(firstStart.plusDays(1));
        assertThat(projection.releases().get(second).status()).isEqualTo(ReleaseStatus.PLANNED);
        assertThat(projection.cadenceOf()).containsEntry(second, "Daily refresh");
        var projected = projection.release(second).orElseThrow();
        assertThat(Milestones.of(projected))
                .extracting(Milestones.Milestone::status)
                .containsOnly(StepStatus.PLANNED);
        assertThat(Milestones.of(projected).get(0).start())
                .isEqualTo(firstStart.plusDays(1).toInstant(ZoneOffset.UTC));
    }

    @Test
    void cadenceThatCannotBeRunIsRefusedByField() {
        record Case(Cadences.CadenceChange change, String field) {}
        var cases =
                java.util.List.of(
                        new Case(
                                new Cadences.CadenceChange(
                                        "x",
                                        "no-such-model",
                                        Lane.STAGING,
                                        firstStart,
                                        ZoneOffset.UTC,
                                        "FREQ=DAILY",
                                        "yyyy.MM",
                                        10,
                                        true),
                                "model"),
                        new Case(
                                new Cadences.CadenceChange(
                                        "x",
                                        model,
                                        Lane.STAGING,
                                        firstStart,
                                        ZoneOffset.UTC,
                                        "FREQ=SOMETIMES",
                                        "yyyy.MM",
                                        10,
                                        true),
                                "rrule"),
                        new Case(
                                new Cadences.CadenceChange(
                                        "x",
                                        model,
                                        Lane.STAGING,
                                        firstStart,
                                        ZoneOffset.UTC,
                                        "FREQ=MINUTELY",
                                        "yyyy.MM",
                                        10,
                                        true),
                                "rrule"),
                        // every minute, dressed as a daily rule
                        new Case(
                                new Cadences.CadenceChange(
                                        "x",
                                        model,
                                        Lane.STAGING,
                                        firstStart,
                                        ZoneOffset.UTC,
                                        "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE="
                                                + java.util.stream.IntStream.range(0, 60)
                                                        .mapToObj(String::valueOf)
                                                        .collect(
                                                                java.util.stream.Collectors.joining(
                                                                        ",")),
                                        "yyyy.MM",
                                        10,
                                        true),
                                "rrule"),
                        new Case(
                                new Cadences.CadenceChange(
                                        "x",
                                        model,
                                        Lane.STAGING,
                                        firstStart,
                                        ZoneOffset.UTC,
                                        "FREQ=DAILY",
                                        "yyyy/MM",
                                        10,
                                        true),
                                "versionPattern"),
                        new Case(
                                new Cadences.CadenceChange(
                                        "x",
                                        model,
                                        Lane.STAGING,
                                        firstStart,
                                        ZoneOffset.UTC,
                                        "FREQ=DAILY",
                                        "yyyy.MM",
                                        0,
                                        true),
                                "targetDays"),
                        new Case(
                                new Cadences.CadenceChange(
                                        " ",
                                        model,
                                        Lane.STAGING,
                                        firstStart,
                                        ZoneOffset.UTC,
                                        "FREQ=DAILY",
                                        "yyyy.MM",
                                        10,
                                        true),
                                "name"));
        int before = cadences.all().size();
        for (Case c : cases) {
            assertThatThrownBy(() -> cadences.save(null, c.change(), "rita"))
                    .as(c.field())
                    .isInstanceOfSatisfying(
                            PlanningRejected.class,
                            e -> assertThat(e.field()).isEqualTo(c.field()));
        }
        assertThat(cadences.all()).hasSize(before);
    }
}
