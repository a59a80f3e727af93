package dev.almanac.support;

import dev.almanac.planning.Windows;
import java.io.IOException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application on the MySQL test database for every MySQL-backed test: embedded workers calling
 * a stub platform, release windows always open and short post-deploy timers.
 */
@ExtendWith(MySqlAvailable.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("mysql")
public abstract class MySqlApplicationContext {

    protected static final StubPlatform platform = startPlatform();

    /** The MySQL test database (MariaDB here), for any test context that runs on it. */
    public static void mysql(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> MySqlAvailable.URL);
        registry.add("spring.datasource.username", () -> MySqlAvailable.USER);
        registry.add("spring.datasource.password", () -> MySqlAvailable.PASSWORD);
        registry.add(
                "spring.jpa.properties.hibernate.dialect",
                () -> "org.hibernate.dialect.MariaDBDialect");
        // outside the demo Almanac does not start with the default administrator password
        registry.add("almanac.admin.password", () -> ADMIN_PASSWORD);
        registry.add("almanac.outbound.allowed-hosts", () -> "localhost, 127.0.0.1, ::1");
    }

    /** The administrator's password in every test context. */
    public static final String ADMIN_PASSWORD = "test-root-s3cret-pw";

    @DynamicPropertySource
    static void mysqlAndPlatform(DynamicPropertyRegistry registry) {
        mysql(registry);
        registry.add("operaton.bpm.job-execution.max-wait", () -> "500");
        registry.add("operaton.bpm.job-execution.wait-time-in-millis", () -> "200");
        registry.add("almanac.workers.enabled", () -> "true");
        registry.add("almanac.workers.poll-interval", () -> "200ms");
        registry.add("almanac.workers.data-feed-catalog-url", () -> platform.url("/feeds/{feed}"));
        registry.add("almanac.workers.training-webhook", () -> platform.url("/train"));
        registry.add("almanac.workers.deploy-webhook", () -> platform.url("/deploy"));
        registry.add("almanac.workers.health-metric-url", () -> platform.url("/health/{release}"));
        registry.add("almanac.release-timing.monitoring-period", () -> "PT1S");
        registry.add("almanac.release-timing.retrospective-delay", () -> "PT1S");
    }

    /** No windows planned: deploys may go out at any time. */
    @org.junit.jupiter.api.BeforeEach
    void windowsAlwaysOpen(
            @org.springframework.beans.factory.annotation.Autowired Windows windows) {
        windows.windows().forEach(w -> windows.deleteWindow(w.id()));
    }

    private static StubPlatform startPlatform() {
        try {
            return new StubPlatform();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
