package dev.almanac.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.almanac.planning.Lane;
import dev.almanac.planning.PlanningRejected;
import dev.almanac.planning.Reserves;
import dev.almanac.planning.Resources;
import dev.almanac.planning.RiskTier;
import dev.almanac.planning.Windows;
import dev.almanac.projection.Capacity;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.Releases;
import dev.almanac.scenarios.Scenarios;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.support.TestAccounts;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Resources, the utilisation heat map and its drill-down, conflicts, levelling, reserves and
 * capacity in scenarios.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class CapacityWebTest {

    @Autowired MockMvcTester mvc;
    @Autowired Releases releases;
    @Autowired Resources resources;
    @Autowired Reserves reserves;
    @Autowired Contention contention;
    @Autowired ReleaseCalendar calendar;
    @Autowired Scenarios scenarios;
    @Autowired IdentityService identity;

    static final RequestPostProcessor RITA =
            user("rita")
                    .authorities(new SimpleGrantedAuthority("GROUP_" + Scenarios.RELEASE_MANAGERS));
    static final RequestPostProcessor MEL =
            user("mel").authorities(new SimpleGrantedAuthority("GROUP_ml-engineers"));

    String a;
    String b;
    String gpu;

    @BeforeEach
    void twoTrainingsOnTwelveGpus() {
        TestAccounts.ensure(identity);
        String run = UUID.randomUUID().toString().substring(0, 6);
        a = plan("vision-" + run);
        b = plan("speech-" + run);
        // every release of this shared context trains on the procedure's default "gpus": plenty of
        // them, so only this test's pool is tight
        if (resources.find("gpus").isEmpty()) {
            resources.save(
                    new Resources.ResourceChange(
                            "gpus",
                            "Shared GPUs",
                            "GPUs",
                            Capacity.ResourceKind.CONCURRENT,
                            Capacity.Granularity.DAY,
                            1_000_000.0,
                            List.of()),
                    "rita");
        }
        // these two train on a pool of their own: 8 GPUs each, two at once do not fit in 12
        gpu = "gpu-" + run;
        resources.save(
                new Resources.ResourceChange(
                        gpu,
                        "GPU pool " + run,
                        "GPUs",
                        Capacity.ResourceKind.CONCURRENT,
                        Capacity.Granularity.DAY,
                        12.0,
                        List.of()),
                "rita");
        for (String release : List.of(a, b)) {
            resources.setDemand("RELEASE", release, "wait-training-finished", gpu, 8.0);
            resources.setDemand("RELEASE", release, "wait-training-finished", "gpus", 0.0);
        }
        calendar.refresh();
        contention.forget();
    }

    private String plan(String model) {
        return releases.plan(
                        new NewRelease(
                                model,
                                "1",
                                Lane.PRODUCTION,
                                RiskTier.LOW,
                                "fraud-ml",
                                LocalDate.now().plusDays(60),
                                ""),
                        "rita")
                .key();
    }

    private Capacity.Conflict conflictOf(String key) {
        return contention.conflicts().stream()
                .filter(c -> c.resource().equals(gpu) && c.releases().contains(key))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theHeatMapShowsBookedAgainstCapacityAndACellOpensOnTheReleasesBehindIt() {
        Capacity.Conflict conflict = conflictOf(a);
        assertThat(conflict.releases()).containsExactlyInAnyOrder(a, b);
        assertThat(conflict.kind()).isEqualTo("over-allocated");
        assertThat(conflict.peakBooked()).isGreaterThanOrEqualTo(16);
        assertThat(conflict.capacity()).isEqualTo(12);

        assertThat(mvc.get().uri("/utilisation").with(MEL))
                .hasStatusOk()
                .bodyText()
                .contains("data-resource=\"" + gpu + "\"")
                .contains("data-level=\"over\"")
                .contains("Capacity forecast, next quarter")
                .contains(a);
        LocalDate week =
                conflict.start()
                        .atZone(calendar.zone())
                        .toLocalDate()
                        .with(
                                java.time.temporal.TemporalAdjusters.previousOrSame(
                                        java.time.DayOfWeek.MONDAY));
        assertThat(mvc.get().uri("/utilisation/" + gpu + "/" + week).with(MEL))
                .hasStatusOk()
                .bodyText()
                .contains("data-over=\"true\"")
                .contains(a)
                .contains(b)
                .contains("wait-training-finished 8")
                .contains("Over-allocated from");
        assertThat(mvc.get().uri("/at-risk").with(MEL))
                .hasStatusOk()
                .bodyText()
                .contains("Capacity conflicts");
        assertThat(mvc.get().uri("/utilisation/conflicts").with(MEL))
                .hasStatusOk()
                .bodyText()
                .contains(a)
                .contains("Suggest levelling");
    }

    @Test
    void levellingOffersADraftScenarioAndMoreCapacityInAScenarioMakesTheConflictDisappear() {
        Capacity.Conflict conflict = conflictOf(a);
        var levelled =
                mvc.post()
                        .uri("/utilisation/level")
                        .with(MEL)
                        .with(csrf())
                        .param("resource", gpu)
                        .param("start", conflict.start().toString())
                        .exchange();
        assertThat(levelled).hasStatus3xxRedirection();
        String token = levelled.getResponse().getRedirectedUrl().substring("/scenarios/".length());
        assertThat(scenarios.find(token).orElseThrow().changes())
                .isNotEmpty()
                .allSatisfy(
                        c -> assertThat(c.kind()).isEqualTo(Scenarios.ChangeKind.DELAY_RELEASE));

        String more = scenarios.open("Rent GPUs", "mel").token();
        scenarios.addChange(
                more, Scenarios.Change.capacity(gpu, LocalDate.now().minusDays(7), 400), "mel");
        Scenarios.Diff diff = scenarios.diff(more, java.time.Instant.now());
        assertThat(diff.disappeared()).anySatisfy(c -> assertThat(c.releases()).contains(a));
        assertThat(diff.appeared()).isEmpty();
        assertThat(mvc.get().uri("/scenarios/" + more).with(MEL))
                .hasStatusOk()
                .bodyText()
                .contains("Disappears:")
                .contains("Set " + gpu + " to 400.0");
    }

    @Test
    void aHolidayRemovesCapacity() {
        LocalDate day = LocalDate.now().plusDays(2);
        resources.save(
                new Resources.ResourceChange(
                        "reviewers",
                        "Reviewers",
                        "reviewer-days",
                        Capacity.ResourceKind.EFFORT,
                        Capacity.Granularity.DAY,
                        1.0,
                        List.of("oscar", "olga")),
                "rita");
        resources.addHoliday("reviewers", new Capacity.Holiday(day, day, null, "olga"), "rita");
        contention.forget();

        var buckets = contention.load().of("reviewers").buckets();
        double on =
                buckets.stream()
                        .filter(
                                x ->
                                        x.start()
                                                .equals(
                                                        day.atStartOfDay(calendar.zone())
                                                                .toInstant()))
                        .findFirst()
                        .orElseThrow()
                        .capacity();
        double before =
                buckets.stream()
                        .filter(
                                x ->
                                        x.start()
                                                .equals(
                                                        day.minusDays(1)
                                                                .atStartOfDay(calendar.zone())
                                                                .toInstant()))
                        .findFirst()
                        .orElseThrow()
                        .capacity();
        assertThat(before).isEqualTo(2);
        assertThat(on).isEqualTo(1);
        assertThatThrownBy(
                        () ->
                                resources.addHoliday(
                                        "reviewers",
                                        new Capacity.Holiday(day, day, null, "nobody"),
                                        "rita"))
                .isInstanceOfSatisfying(
                        PlanningRejected.class, e -> assertThat(e.field()).isEqualTo("member"));
    }

    @Test
    void productionDemandInAReserveConflictsUntilAReleaseManagerOverridesItWithAReason() {
        resources.save(
                new Resources.ResourceChange(
                        gpu,
                        "GPU pool",
                        "GPUs",
                        Capacity.ResourceKind.CONCURRENT,
                        Capacity.Granularity.DAY,
                        64.0,
                        List.of()),
                "rita");
        var experiments =
                windows.saveWindow(
                        null,
                        new Windows.WindowChange(
                                "A/B " + a,
                                dev.almanac.projection.WindowKind.EXPERIMENTATION,
                                java.time.LocalDateTime.now().minusDays(1),
                                java.time.LocalDateTime.now().plusDays(30),
                                java.time.ZoneId.of("UTC"),
                                null,
                                dev.almanac.projection.WindowScope.GLOBAL,
                                null,
                                null),
                        "rita");
        try {
            reserves.reserve(experiments.id(), gpu, 0.9);
            contention.forget();
            assertThat(contention.conflicts())
                    .anySatisfy(
                            c -> {
                                assertThat(c.kind()).isEqualTo("reserve");
                                assertThat(c.releases()).contains(a);
                            });

            assertThat(
                            mvc.post()
                                    .uri("/utilisation/overrides")
                                    .with(MEL)
                                    .with(csrf())
                                    .param("resource", gpu)
                                    .param("releaseKey", a)
                                    .param("reason", "Quarter-end fraud fix cannot wait"))
                    .hasStatus(403)
                    .bodyText()
                    .contains(
                            "Override a capacity reserve: only release managers, admins may do that.");
            assertThat(
                            mvc.post()
                                    .uri("/utilisation/overrides")
                                    .with(RITA)
                                    .with(csrf())
                                    .param("resource", gpu)
                                    .param("releaseKey", a)
                                    .param("reason", ""))
                    .hasStatus3xxRedirection()
                    .flash()
                    .containsEntry("error", "Say why, in 10 to 1,000 characters.");
            assertThat(reserves.overrideKeys()).doesNotContain(gpu + "/" + a);

            assertThat(
                            mvc.post()
                                    .uri("/utilisation/overrides")
                                    .with(RITA)
                                    .with(csrf())
                                    .param("resource", gpu)
                                    .param("releaseKey", a)
                                    .param("reason", "Quarter-end fraud fix cannot wait"))
                    .hasStatus3xxRedirection();
            assertThat(contention.conflicts())
                    .noneSatisfy(
                            c -> {
                                assertThat(c.kind()).isEqualTo("reserve");
                                assertThat(c.releases()).contains(a);
                            });
        } finally {
            windows.deleteWindow(experiments.id());
        }
    }

    @Autowired dev.almanac.planning.PlanningCatalog planning;

    @Autowired Windows windows;

    @Test
    void badResourceInputIsAFormErrorAndSavesNothing() {
        assertThat(
                        mvc.post()
                                .uri("/planning/resources")
                                .with(RITA)
                                .with(csrf())
                                .param("key", "tpus")
                                .param("name", "TPU pod")
                                .param("unit", "TPUs")
                                .param("kind", "CONCURRENT")
                                .param("granularity", "DAY")
                                .param("capacity", "-4"))
                .hasStatusOk()
                .bodyText()
                .contains("Capacity is a number from 0 to 1,000,000")
                .contains("data-field=\"capacity\"");
        assertThat(resources.find("tpus")).isEmpty();
        assertThat(
                        mvc.post()
                                .uri("/planning/resources/" + gpu + "/holidays")
                                .with(RITA)
                                .with(csrf())
                                .param("start", "2027-01-10")
                                .param("end", "2027-01-01"))
                .hasStatusOk()
                .bodyText()
                .contains("The last day off is on or after the first");
        assertThat(mvc.get().uri("/planning/resources").with(RITA))
                .hasStatusOk()
                .bodyText()
                .contains("data-resource=\"" + gpu + "\"");
    }
}
