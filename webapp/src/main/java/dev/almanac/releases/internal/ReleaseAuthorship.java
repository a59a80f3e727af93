package dev.almanac.releases.internal;

import dev.almanac.governance.ReleaseRecord;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who requested a release (its plan) and who changed its plan since (the plan's change history):
 * the record four-eyes is decided from.
 */
@Component
public class ReleaseAuthorship implements ReleaseRecord {

    private final ReleasePlanRepository plans;
    private final JdbcTemplate jdbc;

    ReleaseAuthorship(ReleasePlanRepository plans, JdbcTemplate jdbc) {
        this.plans = plans;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> requestedBy(String releaseKey) {
        return releaseKey == null
                ? Optional.empty()
                : plans.findByKey(releaseKey).map(ReleasePlan::getCreatedBy);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> lastChangedBy(String releaseKey) {
        return jdbc
                .query(
                        "SELECT changed_by FROM release_plan_change WHERE release_key = ? ORDER BY id DESC",
                        (rs, i) -> rs.getString(1),
                        releaseKey)
                .stream()
                .findFirst();
    }

    /** Adds a change to the plan's history, in the caller's transaction. */
    public void changed(String releaseKey, String by, Instant at, String what) {
        jdbc.update(
                "INSERT INTO release_plan_change (release_key, changed_by, changed_at, change_text) VALUES (?, ?, ?, ?)",
                releaseKey,
                by,
                Timestamp.from(at),
                what.length() > 2000 ? what.substring(0, 1997) + "..." : what);
    }
}
