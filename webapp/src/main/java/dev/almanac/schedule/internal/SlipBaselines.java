package dev.almanac.schedule.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The projected end each milestone was last compared at ({@code slip_baseline}), kept in the
 * database so that the next comparison, on whichever node runs it and after any restart, starts
 * from the same dates. Read whole once per comparison; only what moved is written.
 */
@Component
public class SlipBaselines {

    /** A milestone of a release: the baseline's key. */
    public record Key(String releaseKey, String milestone) {}

    private final JdbcTemplate jdbc;

    SlipBaselines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<Key, Instant> all() {
        Map<Key, Instant> all = new HashMap<>();
        jdbc.query(
                "SELECT release_key, milestone, projected_end FROM slip_baseline",
                row -> {
                    all.put(
                            new Key(row.getString(1), row.getString(2)),
                            row.getTimestamp(3).toInstant());
                });
        return all;
    }

    /** Writes the new baselines against the ones read: inserts, updates and deletes what moved. */
    public void write(Map<Key, Instant> before, Map<Key, Instant> after) {
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> deletes = new ArrayList<>();
        after.forEach(
                (key, end) -> {
                    Instant was = before.get(key);
                    if (was == null) {
                        inserts.add(
                                new Object[] {
                                    key.releaseKey(), key.milestone(), Timestamp.from(end)
                                });
                    } else if (!was.equals(end)) {
                        updates.add(
                                new Object[] {
                                    Timestamp.from(end), key.releaseKey(), key.milestone()
                                });
                    }
                });
        before.keySet().stream()
                .filter(key -> !after.containsKey(key))
                .forEach(key -> deletes.add(new Object[] {key.releaseKey(), key.milestone()}));
        if (!deletes.isEmpty()) {
            jdbc.batchUpdate(
                    "DELETE FROM slip_baseline WHERE release_key = ? AND milestone = ?", deletes);
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(
                    "UPDATE slip_baseline SET projected_end = ? WHERE release_key = ? AND"
                            + " milestone = ?",
                    updates);
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(
                    "INSERT INTO slip_baseline (release_key, milestone, projected_end) VALUES (?,"
                            + " ?, ?)",
                    inserts);
        }
    }

    /** Sets one milestone's baseline (a decision moved it on purpose). */
    public void set(Key key, Instant end) {
        int updated =
                jdbc.update(
                        "UPDATE slip_baseline SET projected_end = ? WHERE release_key = ? AND"
                                + " milestone = ?",
                        Timestamp.from(end),
                        key.releaseKey(),
                        key.milestone());
        if (updated == 0) {
            jdbc.update(
                    "INSERT INTO slip_baseline (release_key, milestone, projected_end) VALUES (?,"
                            + " ?, ?)",
                    key.releaseKey(),
                    key.milestone(),
                    Timestamp.from(end));
        }
    }
}
