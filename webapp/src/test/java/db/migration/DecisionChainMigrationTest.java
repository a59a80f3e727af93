package db.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.almanac.governance.DecisionChain;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A database with scenario decisions from before the hash chain: V8 moves them into the chained
 * log, in order, and locks it.
 */
class DecisionChainMigrationTest {

    @Test
    void earlierScenarioDecisionsAreChainedInOrderAndTheOldTableGoes() throws Exception {
        String url = "jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration")
                .target("6")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO decision_log (decided_by, decided_at, scenario_token, justification, summary, moves) VALUES "
                            + "('rita', TIMESTAMP '2026-11-20 10:15:30.250', 'tok1', 'vendor outage', 'Q1 slip: Delay a by 7 days', "
                            + "'[{\"milestone\":\"Deploy\",\"before\":\"2026-12-01T10:00:00Z\",\"after\":\"2026-12-08T10:00:00Z\"}]')");
            s.executeUpdate(
                    "INSERT INTO decision_log (decided_by, decided_at, scenario_token, justification, summary, moves) VALUES "
                            + "('olga', TIMESTAMP '2026-11-21 09:00:00', 'tok2', 'freeze', 'Add freeze', '[]')");
        }

        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration")
                .load()
                .migrate();

        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            String previous = DecisionChain.GENESIS;
            int rows = 0;
            try (ResultSet r = s.executeQuery("SELECT * FROM decision_record ORDER BY id")) {
                while (r.next()) {
                    rows++;
                    assertThat(r.getString("kind")).isEqualTo("SCENARIO");
                    assertThat(r.getString("previous_hash")).isEqualTo(previous);
                    Instant at = r.getTimestamp("decided_at").toInstant();
                    assertThat(r.getString("hash"))
                            .isEqualTo(
                                    DecisionChain.hash(
                                            previous,
                                            "SCENARIO",
                                            null,
                                            r.getString("subject"),
                                            "applied",
                                            r.getString("decided_by"),
                                            at,
                                            r.getString("rationale"),
                                            r.getString("basis"),
                                            r.getString("scenario_token")));
                    previous = r.getString("hash");
                    if (rows == 1) {
                        assertThat(r.getString("subject"))
                                .isEqualTo("Scenario applied: Q1 slip: Delay a by 7 days");
                        assertThat(r.getString("basis"))
                                .startsWith("{\"moves\":[{\"milestone\":\"Deploy\"");
                        assertThat(r.getString("decided_by")).isEqualTo("rita");
                    }
                }
            }
            assertThat(rows).isEqualTo(2);
            try (ResultSet head =
                    s.executeQuery("SELECT last_hash FROM decision_chain WHERE id = 1")) {
                head.next();
                assertThat(head.getString(1)).isEqualTo(previous);
            }
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM decision_log"))
                    .hasMessageContaining("DECISION_LOG");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE decision_record SET rationale = 'x'"))
                    .hasMessageContaining("append-only");
        }
    }
}
