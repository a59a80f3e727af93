package dev.almanac.communications.notices;

import dev.almanac.communications.Channel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One notice to one recipient on one channel. */
@Entity
@Table(name = "notice_delivery")
public class DeliveryRow {

    public enum Status {
        PENDING,
        SENDING,
        SENT,
        FAILED,
        HELD,
        DIGESTED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "notice_id", nullable = false)
    public Long noticeId;

    @Column(name = "dedupe_key", nullable = false)
    String dedupeKey;

    @Column(nullable = false)
    String recipient;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Channel channel;

    String address;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "claimed_by")
    String claimedBy;

    @Column(name = "claimed_until")
    Instant claimedUntil;

    @Column(name = "last_error")
    String lastError;

    @Column(name = "sent_at")
    Instant sentAt;

    @Column(name = "read_at")
    Instant readAt;
}
