package dev.almanac.governance;

import java.sql.Connection;
import java.sql.SQLException;

/** H2's trigger for the decision log: every UPDATE or DELETE fails. */
public class AppendOnlyTrigger implements org.h2.api.Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException(
                "The decision log is append-only: entry "
                        + (oldRow == null ? "?" : oldRow[0])
                        + " cannot be changed or deleted",
                "45000");
    }
}
