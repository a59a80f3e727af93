package dev.almanac.governance.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A release's retrospective, kept with its history. */
@Entity
@Table(name = "retrospective")
public class RetrospectiveRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "release_key", nullable = false)
    public String releaseKey;

    @Column(nullable = false)
    public String model;

    @Column(name = "went_well", nullable = false)
    public String wentWell;

    @Column(nullable = false)
    public String slipped;

    @Column(nullable = false)
    public String actions;

    @Column(name = "held_by")
    public String heldBy;

    @Column(name = "held_at", nullable = false)
    public Instant heldAt;
}
