package dev.almanac.planning.internal;

import dev.almanac.planning.Windows;
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

/**
 * A release, freeze or experimentation window, in local time of its zone; recurring when it has an
 * RRULE.
 */
@Entity
@Table(name = "calendar_window")
public class CalendarWindow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private WindowKind kind;

    @Column(name = "starts_at", nullable = false)
    private LocalDateTime start;

    @Column(name = "ends_at", nullable = false)
    private LocalDateTime end;

    @Column(name = "time_zone", nullable = false)
    private String zone;

    private String rrule;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private WindowScope scope;

    @Column(name = "scope_key")
    private String scopeKey;

    private String notes;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    public CalendarWindow() {}

    public CalendarWindow(Windows.WindowChange change, String by, Instant at) {
        update(change, by, at);
    }

    public void update(Windows.WindowChange change, String by, Instant at) {
        this.name = change.name();
        this.kind = change.kind();
        this.start = change.start();
        this.end = change.end();
        this.zone = change.zone().getId();
        this.rrule = change.rrule();
        this.scope = change.scope();
        this.scopeKey = change.scope() == WindowScope.GLOBAL ? null : change.scopeKey();
        this.notes = change.notes();
        this.updatedBy = by;
        this.updatedAt = at;
    }

    public Long getId() {
        return id;
    }

    public WindowRule rule() {
        return new WindowRule(
                String.valueOf(id),
                kind,
                name,
                start,
                end,
                ZoneId.of(zone),
                rrule,
                scope,
                scopeKey);
    }

    public Windows.WindowInfo info() {
        return new Windows.WindowInfo(id, rule(), notes, updatedBy, updatedAt);
    }
}
