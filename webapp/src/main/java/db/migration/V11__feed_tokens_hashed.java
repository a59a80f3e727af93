package db.migration;

import dev.almanac.identity.Secrets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Calendar feed secrets are kept as their SHA-256 from now on, like pipeline tokens: the addresses
 * people subscribed to keep working, and a copy of the database holds none of them.
 */
public class V11__feed_tokens_hashed extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        Map<Long, String> plain = new LinkedHashMap<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT id, token FROM calendar_feed")) {
            while (rows.next()) {
                plain.put(rows.getLong("id"), rows.getString("token"));
            }
        }
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE calendar_feed SET token = ? WHERE id = ?")) {
            for (var row : plain.entrySet()) {
                update.setString(1, Secrets.fingerprint(row.getValue()));
                update.setLong(2, row.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
