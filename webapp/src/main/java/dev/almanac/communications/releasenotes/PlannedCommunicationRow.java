package dev.almanac.communications.releasenotes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "planned_communication")
class PlannedCommunicationRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "release_key", nullable = false)
    String releaseKey;

    @Column(nullable = false)
    String milestone;

    @Column(nullable = false)
    String delivers;

    @Column(nullable = false)
    String risks;

    @Column(name = "next_steps", nullable = false)
    String nextSteps;

    @Column(name = "edited_by")
    String editedBy;

    @Column(name = "edited_at")
    Instant editedAt;

    @Column(name = "sent_at")
    Instant sentAt;
}
