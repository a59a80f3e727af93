package dev.almanac.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.almanac.calendar.internal.CalendarFeeds;
import dev.almanac.calendar.internal.EventRevision;
import dev.almanac.calendar.internal.EventRevisionRepository;
import dev.almanac.pipelines.PipelineTokens;
import dev.almanac.planning.Lane;
import dev.almanac.planning.PlanningCatalog;
import dev.almanac.planning.RiskTier;
import dev.almanac.planning.Windows;
import dev.almanac.processes.ModelRelease;
import dev.almanac.processes.ReleaseDriver;
import dev.almanac.projection.WindowKind;
import dev.almanac.projection.WindowScope;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.Releases;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.support.ApiClient;
import dev.almanac.support.TestAccounts;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * What the calendar pages, the ICS feeds and the calendar API show, and how they refuse bad input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class CalendarWebTest {

    @Autowired MockMvcTester mvc;
    @Autowired Releases releases;
    @Autowired ReleaseQueries releaseQueries;
    @Autowired PlanningCatalog catalog;
    @Autowired Windows windows;
    @Autowired ReleaseCalendar calendar;
    @Autowired CalendarFeeds feeds;
    @Autowired EventRevisionRepository revisions;
    @Autowired PipelineTokens tokens;
    @Autowired IdentityService identity;
    @Autowired ProcessEngine engine;
    @LocalServerPort int port;

    String key;
    String model;

    @BeforeEach
    void release() {
        TestAccounts.ensure(identity);
        model = "feed-model-" + UUID.randomUUID().toString().substring(0, 6);
        key =
                releases.plan(
                                new NewRelease(
                                        model,
                                        "2026.12",
                                        Lane.PRODUCTION,
                                        RiskTier.LOW,
                                        "fraud-ml",
                                        LocalDate.now().plusDays(30),
                                        ""),
                                "rita")
                        .key();
        calendar.refresh();
    }

    private Calendar ics(String path) throws Exception {
        var result = mvc.get().uri(path).exchange();
        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith("text/calendar");
        return new CalendarBuilder()
                .build(new StringReader(result.getResponse().getContentAsString()));
    }

    private static Optional<VEvent> event(Calendar calendar, String uid) {
        return calendar.<VEvent>getComponents("VEVENT").stream()
                .filter(e -> e.getUid().map(u -> u.getValue().equals(uid)).orElse(false))
                .findFirst();
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue).orElse(null);
    }

    private String ritaFeed;

    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

    /** Rita's feed secret, made once per test: Almanac shows a secret only when it makes one. */
    private String ritaFeed() {
        if (ritaFeed == null) {
            ritaFeed = feeds.resetToken("rita");
        }
        return ritaFeed;
    }

    @Test
    void releaseFeedHasMilestonesTargetDateAndDeadlinesWithStableUids() throws Exception {
        String token = ritaFeed();

        Calendar feed = ics("/feeds/" + token + "/release/" + key + ".ics");

        assertThat(feed.getProperty("PRODID").map(Property::getValue))
                .contains("-//Almanac//Release calendar//EN");
        VEvent training = event(feed, key + ".training@almanac").orElseThrow();
        assertThat(value(training, "SUMMARY")).isEqualTo(key + " · Training (projected)");
        assertThat(value(training, "DTSTART")).as("milestones are timed, in UTC").endsWith("Z");
        assertThat(value(training, "STATUS")).isEqualTo("TENTATIVE");
        assertThat(value(training, "SEQUENCE")).isEqualTo("0");
        assertThat(value(training, "LAST-MODIFIED")).isNotBlank();
        assertThat(value(training, "URL")).endsWith("/releases/" + key);
        assertThat(Instant.parse(toIso(value(training, "DTEND"))))
                .isAfter(Instant.parse(toIso(value(training, "DTSTART"))));
        VEvent target = event(feed, key + ".target@almanac").orElseThrow();
        assertThat(training.getProperty("DTSTART").orElseThrow().getParameter(Parameter.VALUE))
                .isEmpty();
        assertThat(
                        target.getProperty("DTSTART")
                                .orElseThrow()
                                .getParameter(Parameter.VALUE)
                                .map(Parameter::getValue))
                .as("target dates are all-day")
                .contains("DATE");
        assertThat(value(target, "DTSTART"))
                .isEqualTo(LocalDate.now().plusDays(30).toString().replace("-", ""));
        assertThat(value(target, "DTEND"))
                .isEqualTo(LocalDate.now().plusDays(31).toString().replace("-", ""));
        assertThat(event(feed, key + ".deploy@almanac")).isPresent();
        assertThat(feed.<VEvent>getComponents("VEVENT"))
                .allSatisfy(e -> assertThat(value(e, "UID")).doesNotContain(" "));
    }

    @Test
    void movedDatesRaiseSequenceAndLastModifiedWhileUnchangedOnesKeepThem() throws Exception {
        String token = ritaFeed();
        String path = "/feeds/" + token + "/release/" + key + ".ics";
        Calendar before = ics(path);
        String deployUid = key + ".deploy@almanac";
        EventRevision revision = revisions.findById(deployUid).orElseThrow();
        // pretend the feed was read a day ago, so a change shows as a newer LAST-MODIFIED
        revisions.save(backdated(revision));
        String targetBefore =
                value(event(before, key + ".target@almanac").orElseThrow(), "SEQUENCE");

        ReleaseDriver.of(
                        engine,
                        releaseQueries.plannedRelease(key).orElseThrow().processInstanceId())
                .completeExternal(ModelRelease.Topics.DATA_READINESS, Map.of())
                .correlate(ModelRelease.Messages.DATA_READY, Map.of());
        LocalDateTime now = LocalDateTime.now(java.time.ZoneOffset.UTC).withSecond(0).withNano(0);
        var freeze =
                windows.saveWindow(
                        null,
                        new Windows.WindowChange(
                                "Audit freeze",
                                WindowKind.FREEZE,
                                now,
                                now.plusDays(60),
                                java.time.ZoneOffset.UTC,
                                null,
                                WindowScope.MODEL,
                                model,
                                null),
                        "rita");
        calendar.refresh();
        Calendar after;
        Calendar again;
        try {
            after = ics(path);
            again = ics(path);
        } finally {
            windows.deleteWindow(freeze.id());
        }

        VEvent deploy = event(after, deployUid).orElseThrow();
        assertThat(value(deploy, "DTEND"))
                .as("a freeze moves the deploy's end")
                .isNotEqualTo(value(event(before, deployUid).orElseThrow(), "DTEND"));
        assertThat(value(deploy, "SEQUENCE")).isEqualTo("1");
        assertThat(Instant.parse(toIso(value(deploy, "LAST-MODIFIED"))))
                .isAfter(Instant.now().minusSeconds(120));
        assertThat(value(event(again, deployUid).orElseThrow(), "SEQUENCE"))
                .as("reading again changes nothing")
                .isEqualTo("1");
        assertThat(targetBefore).isEqualTo("0");
        assertThat(value(event(after, key + ".data-readiness@almanac").orElseThrow(), "STATUS"))
                .isEqualTo("CONFIRMED");
    }

    private static EventRevision backdated(EventRevision revision) throws Exception {
        var field = EventRevision.class.getDeclaredField("lastModified");
        field.setAccessible(true);
        field.set(revision, Instant.now().minusSeconds(86_400));
        return revision;
    }

    @Test
    void windowsAppearInTheirOwnTimeZoneWithTheirRecurrence() throws Exception {
        var window =
                windows.saveWindow(
                        null,
                        new Windows.WindowChange(
                                "Berlin Friday freeze",
                                WindowKind.FREEZE,
                                LocalDateTime.of(2026, 3, 20, 9, 0),
                                LocalDateTime.of(2026, 3, 20, 17, 0),
                                ZoneId.of("Europe/Berlin"),
                                "FREQ=WEEKLY;BYDAY=FR",
                                WindowScope.MODEL,
                                model,
                                null),
                        "rita");
        calendar.refresh();
        try {
            Calendar feed = ics("/feeds/" + ritaFeed() + "/model/" + model + ".ics");

            VEvent freeze = event(feed, "window-" + window.id() + "@almanac").orElseThrow();
            Property start = freeze.getProperty("DTSTART").orElseThrow();
            assertThat(start.getParameter(Parameter.TZID).map(Parameter::getValue))
                    .contains("Europe/Berlin");
            assertThat(start.getValue()).isEqualTo("20260320T090000");
            assertThat(value(freeze, "RRULE")).isEqualTo("FREQ=WEEKLY;BYDAY=FR");
            assertThat(value(freeze, "SUMMARY")).isEqualTo("Freeze: Berlin Friday freeze");
            assertThat(feed.getComponents("VTIMEZONE"))
                    .as("the zone is defined in the feed")
                    .hasSize(1);
            assertThat(event(feed, key + ".deploy@almanac")).isPresent();
            assertThat(
                            ics("/feeds/" + ritaFeed() + "/team/search-ml.ics")
                                    .<VEvent>getComponents("VEVENT"))
                    .as("another team's feed leaves this model's release and scoped window out")
                    .noneMatch(
                            e ->
                                    value(e, "UID").startsWith(key)
                                            || value(e, "UID")
                                                    .equals("window-" + window.id() + "@almanac"));
        } finally {
            windows.deleteWindow(window.id());
        }
    }

    @Test
    void feedsNeedTheirSecretButNoSignIn() {
        assertThat(mvc.get().uri("/feeds/not-a-real-token-but-long-enough-to-look-real/all.ics"))
                .hasStatus(404);
        assertThat(mvc.get().uri("/feeds/" + ritaFeed() + "/nonsense/x.ics")).hasStatus(404);
        String old = feeds.resetToken("oscar");
        String renewed = feeds.resetToken("oscar");
        assertThat(renewed).isNotEqualTo(old).hasSizeGreaterThanOrEqualTo(43);
        assertThat(mvc.get().uri("/feeds/" + old + "/all.ics")).hasStatus(404);
        assertThat(mvc.get().uri("/feeds/" + renewed + "/all.ics")).hasStatusOk();
        // the page shows a secret only when it is made: Almanac keeps just its fingerprint
        assertThat(mvc.get().uri("/feeds").with(user("oscar")))
                .hasStatusOk()
                .bodyText()
                .contains("Almanac keeps only a fingerprint")
                .doesNotContain(renewed);
        assertThat(jdbc.queryForList("SELECT token FROM calendar_feed", String.class))
                .as("no secret is stored as it is")
                .doesNotContain(renewed, old);
        var reset = mvc.post().uri("/feeds/reset").with(user("oscar")).with(csrf()).exchange();
        assertThat(reset).hasStatus3xxRedirection();
        String shown = (String) reset.getMvcResult().getFlashMap().get("feedToken");
        assertThat(mvc.get().uri("/feeds/" + renewed + "/all.ics")).hasStatus(404);
        assertThat(mvc.get().uri("/feeds/" + shown + "/all.ics")).hasStatusOk();
        assertThat(mvc.post().uri("/feeds/reset").with(csrf()))
                .as("changing a secret needs a signed-in person")
                .hasStatus3xxRedirection()
                .redirectedUrl()
                .contains("/login");
        assertThat(mvc.get().uri("/feeds")).hasStatus3xxRedirection();
        var leaver = identity.newUser("leaver-" + model);
        identity.saveUser(leaver);
        String leaversFeed = "/feeds/" + feeds.resetToken(leaver.getId()) + "/all.ics";
        assertThat(mvc.get().uri(leaversFeed)).hasStatusOk();
        identity.deleteUser(leaver.getId());
        assertThat(mvc.get().uri(leaversFeed))
                .as("a removed person's links stop working")
                .hasStatus(404);
    }

    @Test
    void timelineShowsTheReleaseBarWithItsMilestonesAndKeepsFiltersInLinks() {
        assertThat(
                        mvc.get()
                                .uri("/calendar?span=quarter&lane=production&model=" + model)
                                .with(user("rita")))
                .hasStatusOk()
                .bodyText()
                .contains("data-release=\"" + key + "\"")
                .contains("data-milestone=\"Data readiness\"")
                .contains("data-milestone=\"Deploy\"")
                .contains("lane=production")
                .contains("model=" + model);
        assertThat(
                        mvc.get()
                                .uri("/calendar?span=quarter&lane=staging&model=" + model)
                                .with(user("rita")))
                .hasStatusOk()
                .bodyText()
                .doesNotContain("data-release=\"" + key + "\"")
                .contains("No releases in this span");
        assertThat(
                        mvc.get()
                                .uri("/calendar?span=month&model=" + model)
                                .header("HX-Request", "true")
                                .with(user("rita")))
                .hasStatusOk()
                .bodyText()
                .contains("id=\"board\"")
                .doesNotContain("<html");
    }

    @Test
    void monthGridPortfolioAndReleasePanelShowTheProjection() {
        LocalDate target = LocalDate.now().plusDays(30);
        assertThat(
                        mvc.get()
                                .uri(
                                        "/calendar/month?month="
                                                + target.toString().substring(0, 7)
                                                + "&model="
                                                + model)
                                .with(user("rita")))
                .hasStatusOk()
                .bodyText()
                .contains(key)
                .contains("Target date");
        assertThat(mvc.get().uri("/portfolio?model=" + model).with(user("rita")))
                .hasStatusOk()
                .bodyText()
                .contains("(no product line)")
                .contains(key);
        assertThat(mvc.get().uri("/calendar/releases/" + key).with(user("rita")))
                .hasStatusOk()
                .bodyText()
                .contains("Projected dates")
                .contains("data-milestone=\"Training\"")
                .contains("simulated deploy dates")
                .contains("P90");
        assertThat(mvc.get().uri("/calendar/releases/no-such-release").with(user("rita")))
                .hasStatus(404);
    }

    @Test
    void calendarApiReturnsTheScheduleTheViewsShow() throws Exception {
        ApiClient api =
                new ApiClient(port, tokens.issue("calendar reader", Set.of(), "test").token());

        var response = api.get("/api/v1/calendar?model=" + model);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"key\":\"" + key + "\"")
                .contains("\"name\":\"Deploy\"")
                .contains("\"outlook\":")
                .contains("\"deployP90\":")
                .contains("\"samples\":");
        var bad = api.get("/api/v1/calendar?from=2026-12-01&to=2026-11-01");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).contains("application/problem+json");
        assertThat(bad.body()).contains("\"field\":\"to\"");
        var unreadable = api.get("/api/v1/calendar?from=tomorrow");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.body()).contains("\"field\":\"from\"");
    }

    @Test
    void dependenciesAreRecordedThroughTheApiAndRefusalsNameTheField() {
        ApiClient api = new ApiClient(port, tokens.issue("planner", Set.of(), "test").token());
        String upstream =
                releases.plan(
                                new NewRelease(
                                        "up-" + model,
                                        "1",
                                        Lane.STAGING,
                                        RiskTier.LOW,
                                        "fraud-ml",
                                        LocalDate.now().plusDays(30),
                                        ""),
                                "rita")
                        .key();

        var created =
                api.post(
                        "/api/v1/releases/" + key + "/dependencies",
                        Map.of(
                                "upstreamRelease",
                                upstream,
                                "upstreamActivity",
                                "deploy",
                                "downstreamActivity",
                                "trigger-training",
                                "kind",
                                "MONITORING",
                                "lag",
                                "PT12H",
                                "note",
                                "instrumented first"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/releases/" + key + "/dependencies").body())
                .contains(upstream)
                .contains("MONITORING");
        var badLag =
                api.post(
                        "/api/v1/releases/" + key + "/dependencies",
                        Map.of(
                                "upstreamRelease",
                                upstream,
                                "upstreamActivity",
                                "deploy",
                                "downstreamActivity",
                                "deploy",
                                "kind",
                                "OTHER",
                                "lag",
                                "half a day"));
        assertThat(badLag.status()).isEqualTo(400);
        assertThat(badLag.contentType()).contains("application/problem+json");
        assertThat(badLag.body()).contains("\"field\":\"lag\"");
        calendar.refresh();
        assertThat(
                        calendar.current().release(key).orElseThrow().steps().stream()
                                .filter(s -> s.activityId().equals("trigger-training"))
                                .findFirst()
                                .orElseThrow()
                                .heldBy())
                .isEqualTo(upstream + "/deploy");
    }

    private static String toIso(String icsDateTime) {
        return ZonedDateTime.parse(
                        icsDateTime,
                        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX"))
                .toInstant()
                .toString();
    }
}
