package dev.almanac.communications;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person or group told about a product line's or model's releases, in a role, on some channels. */
@Entity
@Table(name = "stakeholder")
class StakeholderRow {

    enum ScopeKind { PRODUCT_LINE, MODEL }

    enum PartyKind { USER, GROUP }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Enumerated(EnumType.STRING)
    @Column(name = "scope_kind", nullable = false)
    ScopeKind scopeKind;
    @Column(nullable = false)
    String scope;
    @Enumerated(EnumType.STRING)
    @Column(name = "party_kind", nullable = false)
    PartyKind partyKind;
    @Column(nullable = false)
    String party;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    StakeholderRole role;
    /** Comma-separated {@link Channel} names. */
    @Column(nullable = false)
    String channels;
    String email;
    @Column(name = "webhook_url")
    String webhookUrl;

    boolean on(Channel channel) {
        return java.util.Arrays.asList(channels.split(",")).contains(channel.name());
    }
}

@Entity
@Table(name = "notice_preference")
class NoticePreferenceRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "user_id", nullable = false)
    String userId;
    @Enumerated(EnumType.STRING)
    @Column(name = "notice_type", nullable = false)
    NoticeType type;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Delivery delivery;
}

/** The outbox row: written in the transaction of the event that causes it. */
@Entity
@Table(name = "notice")
class NoticeRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "source_key", nullable = false)
    String sourceKey;
    @Enumerated(EnumType.STRING)
    @Column(name = "notice_type", nullable = false)
    NoticeType type;
    @Column(name = "release_key")
    String releaseKey;
    @Column(nullable = false)
    String subject;
    @Column(nullable = false, columnDefinition = "TEXT")
    String body;
    String link;
    @Column(nullable = false, columnDefinition = "TEXT")
    String payload;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
}

/** One notice to one recipient on one channel. */
@Entity
@Table(name = "notice_delivery")
class DeliveryRow {

    enum Status { PENDING, SENDING, SENT, FAILED, HELD, DIGESTED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "notice_id", nullable = false)
    Long noticeId;
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
    Status status;
    @Column(nullable = false)
    int attempts;
    @Column(name = "next_attempt_at", nullable = false)
    Instant nextAttemptAt;
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
