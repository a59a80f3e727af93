package dev.almanac.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Repeated failed sign-ins slow down and then lock, per account and per client address, on every
 * way in (the login form, HTTP Basic on {@code /engine-rest}); the lock expires, and grows with
 * each lock in a row. Kept in the database, so every node counts the same attempts. An
 * administrator can lift a lock.
 */
@Service
public class SignInThrottle {

    static final String ACCOUNT = "account:";
    static final String ADDRESS = "address:";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final int accountFailures;
    private final int addressFailures;
    private final Duration firstLock;
    private final Duration longestLock;

    SignInThrottle(
            JdbcTemplate jdbc,
            Clock clock,
            @Value("${almanac.accounts.lock-after-failures:5}") int accountFailures,
            @Value("${almanac.accounts.address-lock-after-failures:20}") int addressFailures,
            @Value("${almanac.accounts.first-lock:PT15M}") Duration firstLock,
            @Value("${almanac.accounts.longest-lock:PT24H}") Duration longestLock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.accountFailures = accountFailures;
        this.addressFailures = addressFailures;
        this.firstLock = firstLock;
        this.longestLock = longestLock;
    }

    /** A subject that may not try now, and until when. */
    public record Block(String subject, Instant until, int locks) {

        /** "dana" or "203.0.113.9", without the kind. */
        public String name() {
            return subject.substring(subject.indexOf(':') + 1);
        }

        public boolean account() {
            return subject.startsWith(ACCOUNT);
        }
    }

    /**
     * What the throttle holds on an attempt: whether the account or the address must wait (and
     * until when), and whether it holds anything at all, so a sign-in with no failures behind it
     * writes nothing. One query.
     */
    public record Standing(Optional<Block> block, boolean recorded) {}

    /** Whether the account, or the address the attempt comes from, must wait, and until when. */
    @Transactional(readOnly = true)
    public Optional<Block> blocked(String account, String address) {
        return standing(account, address).block();
    }

    @Transactional(readOnly = true)
    public Standing standing(String account, String address) {
        Instant now = clock.instant();
        List<String> subjects = subjects(account, address);
        List<Block> rows =
                jdbc.query(
                        "SELECT subject, blocked_until, locks FROM sign_in_throttle WHERE subject IN ("
                                + String.join(
                                        ", ", java.util.Collections.nCopies(subjects.size(), "?"))
                                + ")",
                        (rs, i) ->
                                new Block(
                                        rs.getString(1),
                                        rs.getTimestamp(2) == null
                                                ? null
                                                : rs.getTimestamp(2).toInstant(),
                                        rs.getInt(3)),
                        subjects.toArray());
        // the account's own wait first, then the address's
        Optional<Block> block =
                rows.stream()
                        .filter(b -> b.until() != null && b.until().isAfter(now))
                        .min(java.util.Comparator.comparing(b -> subjects.indexOf(b.subject())));
        return new Standing(block, !rows.isEmpty());
    }

    /**
     * Counts a failed attempt against the account and the address: from an account's third failure
     * on, its next attempt must wait a second, then two, four...; at the limit the account (or the
     * address) is locked.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(String account, String address) {
        Instant now = clock.instant();
        for (String subject : subjects(account, address)) {
            int limit = subject.startsWith(ACCOUNT) ? accountFailures : addressFailures;
            for (int attempt = 0; attempt < 3; attempt++) {
                List<int[]> row =
                        jdbc.query(
                                "SELECT failures, locks FROM sign_in_throttle WHERE subject = ? FOR UPDATE",
                                (rs, i) -> new int[] {rs.getInt(1), rs.getInt(2)},
                                subject);
                if (row.isEmpty()) {
                    try {
                        jdbc.update(
                                "INSERT INTO sign_in_throttle (subject, failures, locks, last_failure, blocked_until) VALUES (?, 1, 0, ?, NULL)",
                                subject,
                                Timestamp.from(now));
                        break;
                    } catch (DuplicateKeyException raced) {
                        continue;
                    }
                }
                int failures = row.get(0)[0] + 1;
                int locks = row.get(0)[1];
                Instant until = null;
                if (failures >= limit) {
                    locks++;
                    failures = 0;
                    until = now.plus(lockFor(locks));
                } else if (failures >= 3 && subject.startsWith(ACCOUNT)) {
                    // an account slows down; an address (many people behind one) only locks
                    until = now.plusSeconds(1L << Math.min(failures - 3, 10));
                }
                jdbc.update(
                        "UPDATE sign_in_throttle SET failures = ?, locks = ?, last_failure = ?, blocked_until = ? WHERE subject = ?",
                        failures,
                        locks,
                        Timestamp.from(now),
                        until == null ? null : Timestamp.from(until),
                        subject);
                break;
            }
        }
    }

    /** A successful sign-in clears the account's count and the address's failures. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void succeeded(String account, String address) {
        jdbc.update("DELETE FROM sign_in_throttle WHERE subject = ?", ACCOUNT + account);
        if (address != null) {
            jdbc.update(
                    "UPDATE sign_in_throttle SET failures = 0 WHERE subject = ? AND (blocked_until IS NULL OR blocked_until < ?)",
                    ADDRESS + address,
                    Timestamp.from(clock.instant()));
        }
    }

    /** Every account and address locked or slowed down now. */
    @Transactional(readOnly = true)
    public List<Block> blocks() {
        return jdbc.query(
                "SELECT subject, blocked_until, locks FROM sign_in_throttle WHERE blocked_until > ? ORDER BY blocked_until DESC",
                (rs, i) -> new Block(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getInt(3)),
                Timestamp.from(clock.instant()));
    }

    /** An administrator lifts the lock of an account or address; false if there was none. */
    @Transactional
    public boolean unlock(String subject) {
        return jdbc.update("DELETE FROM sign_in_throttle WHERE subject = ?", subject) > 0;
    }

    Duration lockFor(int locks) {
        Duration lock = firstLock.multipliedBy(1L << Math.min(locks - 1, 20));
        return lock.compareTo(longestLock) > 0 ? longestLock : lock;
    }

    private static List<String> subjects(String account, String address) {
        String who = ACCOUNT + (account == null ? "" : account.trim());
        return address == null ? List.of(who) : List.of(who, ADDRESS + address);
    }
}
