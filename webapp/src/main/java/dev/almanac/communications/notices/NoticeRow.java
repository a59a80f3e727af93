package dev.almanac.communications.notices;

import dev.almanac.communications.NoticeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The outbox row: written in the transaction of the event that causes it. */
@Entity
@Table(name = "notice")
public class NoticeRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "source_key", nullable = false)
    String sourceKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "notice_type", nullable = false)
    NoticeType type;

    @Column(name = "release_key")
    String releaseKey;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false, columnDefinition = "TEXT")
    String body;

    String link;

    @Column(nullable = false, columnDefinition = "TEXT")
    String payload;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;
}
