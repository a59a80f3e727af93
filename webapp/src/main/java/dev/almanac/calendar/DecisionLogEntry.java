package dev.almanac.calendar;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Who changed the schedule, when and why, with the before/after dates of every milestone that moved (JSON). */
@Entity
@Table(name = "decision_log")
class DecisionLogEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "decided_by", nullable = false)
    private String decidedBy;
    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;
    @Column(name = "scenario_token")
    private String scenarioToken;
    @Column(nullable = false)
    private String justification;
    @Column(nullable = false)
    private String summary;
    @Column(nullable = false, columnDefinition = "TEXT")
    private String moves;

    protected DecisionLogEntry() {
    }

    DecisionLogEntry(String by, Instant at, String scenarioToken, String justification, String summary, String moves) {
        this.decidedBy = by;
        this.decidedAt = at;
        this.scenarioToken = scenarioToken;
        this.justification = justification;
        this.summary = summary.length() > 1000 ? summary.substring(0, 997) + "..." : summary;
        this.moves = moves;
    }

    Long id() {
        return id;
    }

    String decidedBy() {
        return decidedBy;
    }

    Instant decidedAt() {
        return decidedAt;
    }

    String scenarioToken() {
        return scenarioToken;
    }

    String justification() {
        return justification;
    }

    String summary() {
        return summary;
    }

    String moves() {
        return moves;
    }
}
