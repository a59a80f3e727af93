package dev.almanac.releases.internal;

import dev.almanac.identity.Subject;
import dev.almanac.identity.SubjectDirectory;
import dev.almanac.identity.SubjectKind;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Tells the policy who owns a release: its owner team, on the product line of its model as the
 * catalog has it.
 */
@Component
class ReleaseSubjects implements SubjectDirectory {

    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    ReleaseSubjects(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public SubjectKind kind() {
        return SubjectKind.RELEASE;
    }

    /**
     * One query, in the caller's transaction or none: every request about a release asks it first
     * (the pipeline API on every event).
     */
    @Override
    public Optional<Subject> find(String key) {
        return jdbc
                .query(
                        "SELECT rp.model, m.product_line_key, rp.owner_team FROM release_plan rp"
                                + " LEFT JOIN ml_model m ON m.model_key = rp.model WHERE"
                                + " rp.release_key = ?",
                        (row, n) ->
                                new Subject(row.getString(1), row.getString(2), row.getString(3)),
                        key)
                .stream()
                .findFirst();
    }
}
