package dev.almanac.communications.releasenotes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "release_note")
class ReleaseNoteRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "release_key", nullable = false)
    String releaseKey;

    @Column(nullable = false, columnDefinition = "TEXT")
    String markdown;

    @Column(name = "generated_at", nullable = false)
    Instant generatedAt;

    @Column(name = "edited_by")
    String editedBy;

    @Column(name = "edited_at")
    Instant editedAt;

    @Column(name = "published_by")
    String publishedBy;

    @Column(name = "published_at")
    Instant publishedAt;
}
