package dev.almanac.scenarios.internal;

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
public class Scenario {

    public enum Status {
        DRAFT,
        APPLIED,
        DISCARDED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    public String token;

    @Column(nullable = false)
    public String name;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false, columnDefinition = "TEXT")
    public String changes;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "closed_by")
    public String closedBy;

    @Column(name = "closed_at")
    public Instant closedAt;

    public Scenario() {}

    public Scenario(String token, String name, String by, Instant at) {
        this.token = token;
        this.name = name;
        this.status = Status.DRAFT;
        this.changes = "[]";
        this.createdBy = by;
        this.createdAt = at;
    }

    public void changes(String json) {
        this.changes = json;
    }

    public void close(Status status, String by, Instant at) {
        this.status = status;
        this.closedBy = by;
        this.closedAt = at;
    }

    public String token() {
        return token;
    }

    public String name() {
        return name;
    }

    public Status status() {
        return status;
    }

    public String changes() {
        return changes;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String closedBy() {
        return closedBy;
    }

    public Instant closedAt() {
        return closedAt;
    }
}
