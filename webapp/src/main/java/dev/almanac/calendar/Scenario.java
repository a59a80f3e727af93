package dev.almanac.calendar;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A planner's what-if: its draft changes as JSON, open until applied or discarded. */
@Entity
@Table(name = "scenario")
class Scenario {

    enum Status { DRAFT, APPLIED, DISCARDED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false, unique = true)
    private String token;
    @Column(nullable = false)
    private String name;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false)
    private Status status;
    @Column(nullable = false, columnDefinition = "TEXT")
    private String changes;
    @Column(name = "created_by", nullable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "closed_by")
    private String closedBy;
    @Column(name = "closed_at")
    private Instant closedAt;

    protected Scenario() {
    }

    Scenario(String token, String name, String by, Instant at) {
        this.token = token;
        this.name = name;
        this.status = Status.DRAFT;
        this.changes = "[]";
        this.createdBy = by;
        this.createdAt = at;
    }

    void changes(String json) {
        this.changes = json;
    }

    void close(Status status, String by, Instant at) {
        this.status = status;
        this.closedBy = by;
        this.closedAt = at;
    }

    String token() {
        return token;
    }

    String name() {
        return name;
    }

    Status status() {
        return status;
    }

    String changes() {
        return changes;
    }

    String createdBy() {
        return createdBy;
    }

    Instant createdAt() {
        return createdAt;
    }

    String closedBy() {
        return closedBy;
    }

    Instant closedAt() {
        return closedAt;
    }
}
