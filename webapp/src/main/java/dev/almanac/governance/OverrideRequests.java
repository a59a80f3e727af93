package dev.almanac.governance;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who asked for an override of a release (of a failed gate, or of a freeze), kept in our tables:
 * whoever asked cannot grant it.
 */
@Service
public class OverrideRequests {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    OverrideRequests(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records a request; joins the caller's transaction, so a refused request leaves no trace.
     *
     * @param kind {@code gate} or {@code freeze}, as the override task's {@code override} property
     */
    @Transactional
    public void requested(String releaseKey, String kind, String by, String reason) {
        jdbc.update(
                "INSERT INTO override_request (release_key, override_kind, requested_by, requested_at, reason) VALUES (?, ?, ?, ?, ?)",
                releaseKey,
                kind,
                by,
                Timestamp.from(clock.instant()),
                DecisionChain.clip(reason, 2000));
    }

    /** Who asked for the latest override of this kind of the release. */
    @Transactional(readOnly = true)
    public Optional<String> lastRequester(String releaseKey, String kind) {
        return jdbc
                .query(
                        "SELECT requested_by FROM override_request WHERE release_key = ? AND override_kind = ? ORDER BY id DESC",
                        (rs, i) -> rs.getString(1),
                        releaseKey,
                        kind)
                .stream()
                .findFirst();
    }
}
