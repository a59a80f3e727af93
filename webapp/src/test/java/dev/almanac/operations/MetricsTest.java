package dev.almanac.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.almanac.pipelines.PipelineTokens;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.support.ApiClient;
import dev.almanac.support.EngineRestClient;
import dev.almanac.support.MySqlApplicationContext;
import dev.almanac.support.TestAccounts;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** What an operator's Prometheus and load balancer see. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "operaton.bpm.process-engine-name=metrics",
            "operaton.bpm.job-execution.enabled=true",
            "almanac.metrics.scraper-password=" + MetricsTest.SCRAPER_PASSWORD
        })
@ActiveProfiles("test")
// Spring Boot's tests leave metrics exporters out unless asked
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(
        tracing = false)
// a context of its own, closed after the class, with an engine of its own name: engines are
// registered JVM-wide by name, and while it lived the shared context's /engine-rest could reach it
// as the default engine
@org.springframework.test.annotation.DirtiesContext
class MetricsTest {

    static final String SCRAPER_PASSWORD = "scrape-m3trics-pw";

    @LocalServerPort int port;
    @Autowired IdentityService identity;
    @Autowired PipelineTokens tokens;
    @Autowired ReleaseCalendar calendar;

    @Test
    void prometheusShowsAlmanacsMetricsToAdminsAndScrapersOnly() throws Exception {
        TestAccounts.ensure(identity);
        ApiClient api = new ApiClient(port, tokens.issue("metrics test", Set.of(), "test").token());
        String version = "m." + System.nanoTime();
        assertThat(
                        api.post(
                                        "/api/v1/releases",
                                        java.util.Map.of(
                                                "model", "metered",
                                                "version", version,
                                                "lane", "staging",
                                                "riskTier", "low",
                                                "ownerTeam", "fraud-ml",
                                                "targetDate",
                                                        java.time.LocalDate.now()
                                                                .plusDays(9)
                                                                .toString()))
                                .status())
                .isEqualTo(201);
        // not awaited yet: refused
        assertThat(
                        api.post(
                                        "/api/v1/releases/metered-" + version + "/events",
                                        "{\"type\":\"training-finished\",\"eventId\":\"m-1\"}")
                                .status())
                .isEqualTo(409);
        calendar.refresh();
        calendar.current();
        EngineRestClient http = new EngineRestClient(port);

        assertThat(http.get("/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
        assertThat(http.get("/actuator/prometheus", "dana", TestAccounts.PASSWORD).statusCode())
                .as("a person who is neither admin nor scraper")
                .isEqualTo(403);
        assertThat(http.get("/actuator/prometheus", "prometheus", "wrong-password").statusCode())
                .isEqualTo(401);
        // the account made at start-up from almanac.metrics.scraper-password
        var scraped = http.get("/actuator/prometheus", "prometheus", SCRAPER_PASSWORD);
        assertThat(scraped.statusCode()).isEqualTo(200);
        var asAdmin =
                http.get("/actuator/prometheus", "admin", MySqlApplicationContext.ADMIN_PASSWORD);
        assertThat(asAdmin.statusCode()).isEqualTo(200);

        assertThat(scraped.body())
                .contains(
                        "almanac_releases{",
                        "almanac_events_seconds_bucket{",
                        "outcome=\"refused\"",
                        "almanac_outbox_backlog",
                        "almanac_deliveries_failed",
                        "almanac_projection_seconds_count",
                        "almanac_projection_age_seconds",
                        "almanac_jobs_backlog",
                        "almanac_jobs_failed",
                        "almanac_incidents",
                        "almanac_slips_total",
                        "almanac_conflicts_total",
                        "hikaricp_connections_active");
        // the Grafana dashboard in docker/ asks only for metrics Almanac publishes
        String dashboard =
                java.nio.file.Files.readString(
                        java.nio.file.Path.of("../docker/grafana/dashboards/almanac.json"));
        var asked = java.util.regex.Pattern.compile("almanac_[a-z_]+").matcher(dashboard);
        java.util.Set<String> names = new java.util.TreeSet<>();
        while (asked.find()) {
            names.add(asked.group());
        }
        assertThat(names).hasSizeGreaterThan(8);
        assertThat(names).allSatisfy(name -> assertThat(scraped.body()).contains(name));
        assertThat(http.get("/actuator/env", "prometheus", SCRAPER_PASSWORD).statusCode())
                .as("other actuator endpoints are not exposed, or for admins")
                .isIn(403, 404);
    }

    @Test
    void livenessAndReadinessAreOpenAndReadinessAsksTheDatabaseAndTheEngine() throws Exception {
        EngineRestClient http = new EngineRestClient(port);
        var live = http.get("/actuator/health/liveness", null, null);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"status\":\"UP\"");
        var ready = http.get("/actuator/health/readiness", null, null);
        assertThat(ready.body()).contains("\"db\"", "\"processEngine\"", "\"jobExecutor\"");
    }
}
