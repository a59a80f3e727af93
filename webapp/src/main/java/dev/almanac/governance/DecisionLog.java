package dev.almanac.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.almanac.governance.internal.DecisionChainHead;
import dev.almanac.governance.internal.DecisionChainHeadRepository;
import dev.almanac.governance.internal.DecisionRecord;
import dev.almanac.governance.internal.DecisionRecordRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The decision log: every approval, rejection, gate decision, override, reschedule and scenario
 * applied, with who, when, why and what it was based on. Append-only and hash-chained; searchable
 * and exportable for auditors.
 */
@Service
public class DecisionLog {

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .findAndRegisterModules()
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final DecisionRecordRepository records;
    private final DecisionChainHeadRepository head;

    DecisionLog(DecisionRecordRepository records, DecisionChainHeadRepository head) {
        this.records = records;
        this.head = head;
    }

    /** One entry as people and exports see it. */
    public record Entry(
            long id,
            DecisionKind kind,
            String releaseKey,
            String subject,
            String outcome,
            String decidedBy,
            Instant decidedAt,
            String rationale,
            String basis,
            String scenarioToken,
            String previousHash,
            String hash) {

        static Entry of(DecisionRecord r) {
            return new Entry(
                    r.id(),
                    r.kind(),
                    r.releaseKey(),
                    r.subject(),
                    r.outcome(),
                    r.decidedBy(),
                    r.decidedAt(),
                    r.rationale(),
                    r.basis(),
                    r.scenarioToken(),
                    r.previousHash(),
                    r.hash());
        }
    }

    /**
     * Records a change of a constraint (a window, cadence, model, product line, team, resource or
     * dependency): who, why, and the state before and after (null when created or removed).
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public Entry constraintChanged(
            String releaseKey,
            String subject,
            String outcome,
            String by,
            java.time.Instant at,
            String why,
            Object before,
            Object after) {
        java.util.Map<String, Object> basis = new java.util.LinkedHashMap<>();
        basis.put("before", before);
        basis.put("after", after);
        return record(
                new Decision(
                        DecisionKind.CONSTRAINT,
                        releaseKey,
                        subject.length() > 300 ? subject.substring(0, 300) : subject,
                        outcome.length() > 120 ? outcome.substring(0, 120) : outcome,
                        by,
                        at,
                        why == null || why.isBlank() ? "no reason given" : why.trim(),
                        basis,
                        null));
    }

    /**
     * Appends a decision, in the caller's transaction: it is on the record exactly when what it
     * decided commits.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public Entry record(Decision decision) {
        DecisionChainHead chain =
                head.lockHead()
                        .orElseThrow(
                                () -> new IllegalStateException("decision_chain has no head row"));
        DecisionRecord entry =
                records.save(
                        new DecisionRecord(
                                decision.kind(),
                                decision.releaseKey(),
                                decision.subject(),
                                decision.outcome(),
                                decision.by() == null ? "unknown" : decision.by(),
                                decision.at(),
                                decision.rationale(),
                                json(decision.basis()),
                                decision.scenarioToken(),
                                chain.lastHash()));
        chain.advance(entry.hash());
        return Entry.of(entry);
    }

    public record Search(DecisionKind kind, String release, Instant from, Instant to, String text) {

        public static Search all() {
            return new Search(null, null, null, null, null);
        }
    }

    @Transactional(readOnly = true)
    public List<Entry> search(Search search, int limit) {
        String text =
                search.text() == null || search.text().isBlank()
                        ? null
                        : "%" + search.text().trim().toLowerCase(Locale.ROOT) + "%";
        String release =
                search.release() == null || search.release().isBlank()
                        ? null
                        : search.release().trim();
        return records
                .search(
                        search.kind(),
                        release,
                        search.from(),
                        search.to(),
                        text,
                        PageRequest.of(0, limit))
                .stream()
                .map(Entry::of)
                .toList();
    }

    @Transactional(readOnly = true)
    public List<Entry> ofRelease(String releaseKey) {
        return records.findByReleaseKeyOrderByIdAsc(releaseKey).stream().map(Entry::of).toList();
    }

    /**
     * The result of walking the chain: intact, or the first entry whose hash or link does not
     * match.
     */
    public record ChainCheck(boolean intact, int entries, Long brokenAt, String problem) {}

    /**
     * Recomputes every hash in order; a changed, removed or inserted row shows as the first entry
     * that no longer fits.
     */
    @Transactional(readOnly = true)
    public ChainCheck verify() {
        // the head first: entries appended while we walk come after it and are checked next time
        String head = this.head.lockHeadForRead();
        String previous = DecisionChain.GENESIS;
        int count = 0;
        if (previous.equals(head)) {
            return new ChainCheck(true, 0, null, null);
        }
        for (DecisionRecord r : records.findAllByOrderByIdAsc()) {
            if (!r.previousHash().equals(previous)) {
                return new ChainCheck(
                        false,
                        count,
                        r.id(),
                        "entry "
                                + r.id()
                                + " does not follow the entry before it (one was removed or inserted)");
            }
            if (!r.recomputedHash().equals(r.hash())) {
                return new ChainCheck(
                        false,
                        count,
                        r.id(),
                        "entry " + r.id() + " was changed after it was recorded");
            }
            previous = r.hash();
            count++;
            if (previous.equals(head)) {
                return new ChainCheck(true, count, null, null);
            }
        }
        return new ChainCheck(
                false,
                count,
                null,
                "the last entries were removed (the chain's head does not match its last entry)");
    }

    public static final List<String> CSV_COLUMNS =
            List.of(
                    "id",
                    "kind",
                    "release",
                    "subject",
                    "outcome",
                    "decided_by",
                    "decided_at",
                    "rationale",
                    "basis",
                    "scenario",
                    "previous_hash",
                    "hash");

    /**
     * RFC 4180 CSV of the entries, oldest first, with their hashes so an auditor can check the
     * chain outside Almanac.
     */
    public String csv(List<Entry> entries) {
        StringBuilder out = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        List<Entry> ordered = new ArrayList<>(entries);
        ordered.sort(java.util.Comparator.comparingLong(Entry::id));
        for (Entry e : ordered) {
            List<String> cells =
                    List.of(
                            String.valueOf(e.id()),
                            e.kind().name(),
                            nz(e.releaseKey()),
                            e.subject(),
                            e.outcome(),
                            e.decidedBy(),
                            e.decidedAt().toString(),
                            e.rationale(),
                            e.basis(),
                            nz(e.scenarioToken()),
                            e.previousHash(),
                            e.hash());
            out.append(String.join(",", cells.stream().map(DecisionLog::csvCell).toList()))
                    .append("\r\n");
        }
        return out.toString();
    }

    /**
     * JSON export: the entries (oldest first) with their basis as JSON, and the chain check at the
     * time of export.
     */
    public String json(List<Entry> entries) {
        List<Map<String, Object>> rows = new ArrayList<>();
        entries.stream()
                .sorted(java.util.Comparator.comparingLong(Entry::id))
                .forEach(
                        e -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("id", e.id());
                            row.put("kind", e.kind().name());
                            row.put("release", e.releaseKey());
                            row.put("subject", e.subject());
                            row.put("outcome", e.outcome());
                            row.put("decidedBy", e.decidedBy());
                            row.put("decidedAt", e.decidedAt().toString());
                            row.put("rationale", e.rationale());
                            row.put("basis", parse(e.basis()));
                            row.put("scenario", e.scenarioToken());
                            row.put("previousHash", e.previousHash());
                            row.put("hash", e.hash());
                            rows.add(row);
                        });
        ChainCheck check = verify();
        Map<String, Object> export = new LinkedHashMap<>();
        export.put(
                "chain",
                Map.of(
                        "intact",
                        check.intact(),
                        "entries",
                        check.entries(),
                        "problem",
                        check.problem() == null ? "" : check.problem()));
        export.put("entries", rows);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(export);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object parse(String basis) {
        try {
            return JSON.readTree(basis);
        } catch (JsonProcessingException e) {
            return basis;
        }
    }

    static String json(Map<String, ?> basis) {
        try {
            return JSON.writeValueAsString(basis == null ? Map.of() : new TreeMap<>(basis));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "The basis of a decision must be plain values: " + e.getMessage(), e);
        }
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    static String csvCell(String value) {
        String v = value == null ? "" : value;
        // a leading =, +, -, @, tab or carriage return would run as a formula in a spreadsheet
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
