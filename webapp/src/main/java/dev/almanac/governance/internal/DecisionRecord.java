package dev.almanac.governance.internal;

import dev.almanac.governance.DecisionChain;
import dev.almanac.governance.DecisionKind;
import dev.almanac.governance.DecisionLogIsAppendOnly;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PreRemove;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of the append-only decision log, chained to the one before by its hash. */
@Entity
@Table(name = "decision_record")
public class DecisionRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DecisionKind kind;

    @Column(name = "release_key")
    private String releaseKey;

    @Column(nullable = false)
    private String subject;

    @Column(nullable = false)
    private String outcome;

    @Column(name = "decided_by", nullable = false)
    private String decidedBy;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    @Column(nullable = false)
    private String rationale;

    @Column(nullable = false, columnDefinition = "TEXT")
    private String basis;

    @Column(name = "scenario_token")
    private String scenarioToken;

    @Column(name = "previous_hash", nullable = false)
    private String previousHash;

    @Column(nullable = false)
    private String hash;

    public DecisionRecord() {}

    public DecisionRecord(
            DecisionKind kind,
            String releaseKey,
            String subject,
            String outcome,
            String decidedBy,
            Instant decidedAt,
            String rationale,
            String basis,
            String scenarioToken,
            String previousHash) {
        this.kind = kind;
        this.releaseKey = releaseKey;
        this.subject = DecisionChain.clip(subject, 300);
        this.outcome = DecisionChain.clip(outcome, 120);
        this.decidedBy = decidedBy;
        // the chain hashes what every database keeps: whole seconds (MySQL Connector/J drops
        // fractions on MariaDB)
        this.decidedAt = decidedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        this.rationale = DecisionChain.clip(rationale, 4000);
        this.basis = basis;
        this.scenarioToken = scenarioToken;
        this.previousHash = previousHash;
        this.hash =
                DecisionChain.hash(
                        previousHash,
                        kind.name(),
                        releaseKey,
                        this.subject,
                        this.outcome,
                        decidedBy,
                        this.decidedAt,
                        this.rationale,
                        basis,
                        scenarioToken);
    }

    @PreUpdate
    @PreRemove
    void appendOnly() {
        throw new DecisionLogIsAppendOnly(id);
    }

    public String recomputedHash() {
        return DecisionChain.hash(
                previousHash,
                kind.name(),
                releaseKey,
                subject,
                outcome,
                decidedBy,
                decidedAt,
                rationale,
                basis,
                scenarioToken);
    }

    public Long id() {
        return id;
    }

    public DecisionKind kind() {
        return kind;
    }

    public String releaseKey() {
        return releaseKey;
    }

    public String subject() {
        return subject;
    }

    public String outcome() {
        return outcome;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String rationale() {
        return rationale;
    }

    public String basis() {
        return basis;
    }

    public String scenarioToken() {
        return scenarioToken;
    }

    public String previousHash() {
        return previousHash;
    }

    public String hash() {
        return hash;
    }
}
