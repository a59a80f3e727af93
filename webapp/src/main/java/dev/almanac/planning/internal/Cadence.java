package dev.almanac.planning.internal;

import dev.almanac.planning.Cadences;
import dev.almanac.planning.Lane;
import dev.almanac.projection.WindowKind;
import dev.almanac.projection.WindowRule;
import dev.almanac.projection.WindowScope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A release train: each occurrence of its rule plans and starts a release of its model. */
@Entity
@Table(name = "cadence")
public class Cadence {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(name = "model_key", nullable = false)
    private String model;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Lane lane;

    @Column(name = "first_start", nullable = false)
    private LocalDateTime firstStart;

    @Column(name = "time_zone", nullable = false)
    private String zone;

    @Column(nullable = false)
    private String rrule;

    @Column(name = "version_pattern", nullable = false)
    private String versionPattern;

    @Column(name = "target_days", nullable = false)
    private int targetDays;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "last_started")
    private Instant lastStarted;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    public Cadence() {}

    public Cadence(Cadences.CadenceChange change, String by, Instant at) {
        update(change, by, at);
        // a new train starts with its next occurrence, never with past ones
        this.lastStarted = at;
    }

    public void update(Cadences.CadenceChange change, String by, Instant at) {
        this.name = change.name();
        this.model = change.model();
        this.lane = change.lane();
        this.firstStart = change.firstStart();
        this.zone = change.zone().getId();
        this.rrule = change.rrule();
        this.versionPattern = change.versionPattern();
        this.targetDays = change.targetDays();
        this.active = change.active();
        this.updatedBy = by;
        this.updatedAt = at;
    }

    public void started(Instant occurrence) {
        this.lastStarted = occurrence;
    }

    /** The cadence's rule as a window rule, so occurrences expand exactly as windows do. */
    public WindowRule asRule() {
        return new WindowRule(
                "cadence-" + id,
                WindowKind.EXPERIMENTATION,
                name,
                firstStart,
                firstStart.plusMinutes(1),
                ZoneId.of(zone),
                rrule,
                WindowScope.MODEL,
                model);
    }

    public Cadences.CadenceInfo info() {
        return new Cadences.CadenceInfo(
                id,
                name,
                model,
                lane,
                firstStart,
                ZoneId.of(zone),
                rrule,
                versionPattern,
                targetDays,
                active,
                lastStarted);
    }

    public Long getId() {
        return id;
    }

    public Instant getLastStarted() {
        return lastStarted;
    }

    boolean isActive() {
        return active;
    }
}
