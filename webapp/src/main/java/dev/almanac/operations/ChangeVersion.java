package dev.almanac.operations;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One row per topic that counts changes: a {@link PlanChange} moves the {@code plans} version in
 * the transaction that makes the change, so the new version is seen by every node exactly when the
 * change commits. A node keeps a projection together with the version it was made at and reads this
 * row (a primary-key lookup) before using it again.
 */
@Component
public class ChangeVersion {

    private static final String PLANS = "plans";

    private final JdbcTemplate jdbc;

    ChangeVersion(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The version of everything the calendar reads from Almanac's own tables. */
    public long plans() {
        Long version =
                jdbc.queryForObject(
                        "SELECT version FROM change_version WHERE topic = ?", Long.class, PLANS);
        return version == null ? 0 : version;
    }

    /** Runs in the publishing transaction: the version moves when, and only if, it commits. */
    @EventListener
    void changed(PlanChange change) {
        jdbc.update("UPDATE change_version SET version = version + 1 WHERE topic = ?", PLANS);
    }
}
