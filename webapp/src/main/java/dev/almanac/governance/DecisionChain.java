package dev.almanac.governance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash chain of the decision log: each entry's hash covers its fields and the previous entry's
 * hash, so changing or removing any row breaks every hash after it.
 */
public final class DecisionChain {

    public static final String GENESIS = "0".repeat(64);

    private DecisionChain() {}

    public static String hash(
            String previousHash,
            String kind,
            String releaseKey,
            String subject,
            String outcome,
            String by,
            Instant at,
            String rationale,
            String basis,
            String scenarioToken) {
        StringBuilder text = new StringBuilder(previousHash);
        for (String field :
                new String[] {
                    kind,
                    releaseKey,
                    subject,
                    outcome,
                    by,
                    String.valueOf(at.toEpochMilli()),
                    rationale,
                    basis,
                    scenarioToken
                }) {
            // length-prefixed, so moving text from one field into the next changes the hash
            String value = field == null ? "" : field;
            text.append('|').append(value.length()).append(':').append(value);
        }
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text cut to a column's length, marked with an ellipsis. */
    public static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() > max ? text.substring(0, max - 3) + "..." : text;
    }

    /**
     * Makes the database itself refuse UPDATE and DELETE on the decision log (MySQL/MariaDB and H2
     * triggers), so not even a hand-written SQL statement can rewrite history unnoticed.
     */
    public static void createAppendOnlyTriggers(Connection connection) throws SQLException {
        String product =
                connection
                        .getMetaData()
                        .getDatabaseProductName()
                        .toLowerCase(java.util.Locale.ROOT);
        try (Statement statement = connection.createStatement()) {
            if (product.contains("h2")) {
                statement.execute(
                        "CREATE TRIGGER IF NOT EXISTS decision_record_no_update BEFORE UPDATE ON decision_record FOR EACH ROW CALL '"
                                + AppendOnlyTrigger.class.getName()
                                + "'");
                statement.execute(
                        "CREATE TRIGGER IF NOT EXISTS decision_record_no_delete BEFORE DELETE ON decision_record FOR EACH ROW CALL '"
                                + AppendOnlyTrigger.class.getName()
                                + "'");
            } else if (product.contains("mysql") || product.contains("mariadb")) {
                try {
                    statement.execute(
                            "CREATE TRIGGER decision_record_no_update BEFORE UPDATE ON decision_record FOR EACH ROW "
                                    + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The decision log is append-only'");
                    statement.execute(
                            "CREATE TRIGGER decision_record_no_delete BEFORE DELETE ON decision_record FOR EACH ROW "
                                    + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'The decision log is append-only'");
                } catch (SQLException e) {
                    throw new SQLException(
                            "Almanac's database user may not create the decision log's append-only triggers. Grant it TRIGGER on "
                                    + "its database; with binary logging on (MySQL 8 by default) also set log_bin_trust_function_creators=1. "
                                    + e.getMessage(),
                            e.getSQLState(),
                            e);
                }
            }
        }
    }
}
