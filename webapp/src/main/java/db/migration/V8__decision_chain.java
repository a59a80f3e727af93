package db.migration;

import dev.almanac.governance.DecisionChain;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Moves the scenario decisions of the earlier decision log into the hash-chained one, in their
 * order, and makes the database refuse changes to it.
 */
public class V8__decision_chain extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        String previous = DecisionChain.GENESIS;
        try (Statement select = connection.createStatement();
                ResultSet rows =
                        select.executeQuery(
                                "SELECT decided_by, decided_at, scenario_token, justification, summary, moves FROM decision_log ORDER BY id");
                PreparedStatement insert =
                        connection.prepareStatement(
                                "INSERT INTO decision_record (kind, release_key, subject, outcome, "
                                        + "decided_by, decided_at, rationale, basis, scenario_token, previous_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            while (rows.next()) {
                var at =
                        rows.getTimestamp("decided_at")
                                .toInstant()
                                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                String subject =
                        DecisionChain.clip("Scenario applied: " + rows.getString("summary"), 300);
                // the same shape the scenarios write now
                String basis = "{\"moves\":" + rows.getString("moves") + "}";
                String hash =
                        DecisionChain.hash(
                                previous,
                                "SCENARIO",
                                null,
                                subject,
                                "applied",
                                rows.getString("decided_by"),
                                at,
                                rows.getString("justification"),
                                basis,
                                rows.getString("scenario_token"));
                insert.setString(1, "SCENARIO");
                insert.setString(2, null);
                insert.setString(3, subject);
                insert.setString(4, "applied");
                insert.setString(5, rows.getString("decided_by"));
                insert.setTimestamp(6, Timestamp.from(at));
                insert.setString(7, rows.getString("justification"));
                insert.setString(8, basis);
                insert.setString(9, rows.getString("scenario_token"));
                insert.setString(10, previous);
                insert.setString(11, hash);
                insert.executeUpdate();
                previous = hash;
            }
        }
        try (PreparedStatement head =
                connection.prepareStatement(
                        "UPDATE decision_chain SET last_hash = ? WHERE id = 1")) {
            head.setString(1, previous);
            head.executeUpdate();
        }
        // before the old table goes (DDL commits on MySQL): if the database refuses triggers,
        // nothing is lost
        DecisionChain.createAppendOnlyTriggers(connection);
        try (Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE decision_log");
        }
    }
}
