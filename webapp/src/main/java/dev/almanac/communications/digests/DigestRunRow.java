package dev.almanac.communications.digests;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "digest_run")
class DigestRunRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false)
    String role;

    @Column(name = "period_start", nullable = false)
    Instant periodStart;

    @Column(name = "period_end", nullable = false)
    Instant periodEnd;
}
