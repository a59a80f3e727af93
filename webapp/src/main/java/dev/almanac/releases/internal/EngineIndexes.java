package dev.almanac.releases.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Almanac's indexes on the engine's tables, added once the engine has created or upgraded its
 * schema (which happens after Flyway's migrations, so they cannot be a Flyway migration).
 * Completing a task makes the engine look for the task's sub-tasks by {@code PARENT_TASK_ID_},
 * which it does not index: without this index every completion read the whole of {@code
 * ACT_RU_TASK}, so a release cost more the more releases were open.
 */
@Component
class EngineIndexes extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

    /** Index name, table, column. */
    private static final String[][] INDEXES = {
        {"ALMANAC_IDX_TASK_PARENT", "ACT_RU_TASK", "PARENT_TASK_ID_"}
    };

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        DataSource dataSource =
                ((org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
                                engine.getProcessEngineConfiguration())
                        .getDataSource();
        try (Connection connection = dataSource.getConnection()) {
            for (String[] index : INDEXES) {
                if (!indexed(
                        connection.getMetaData(), connection.getCatalog(), index[1], index[2])) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(
                                "CREATE INDEX "
                                        + index[0]
                                        + " ON "
                                        + index[1]
                                        + " ("
                                        + index[2]
                                        + ")");
                    } catch (SQLException e) {
                        // another node created it at the same moment
                        if (!indexed(
                                connection.getMetaData(),
                                connection.getCatalog(),
                                index[1],
                                index[2])) {
                            throw e;
                        }
                    }
                    if (!connection.getAutoCommit()) {
                        connection.commit();
                    }
                    log.info("Indexed {}.{} ({})", index[1], index[2], index[0]);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not index the engine's tables", e);
        }
    }

    private static boolean indexed(
            DatabaseMetaData meta, String catalog, String table, String column)
            throws SQLException {
        for (String name : new String[] {table, table.toLowerCase()}) {
            try (ResultSet indexes = meta.getIndexInfo(catalog, null, name, false, true)) {
                while (indexes.next()) {
                    String indexed = indexes.getString("COLUMN_NAME");
                    if (indexed != null && indexed.equalsIgnoreCase(column)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
