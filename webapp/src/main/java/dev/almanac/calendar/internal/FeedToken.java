package dev.almanac.calendar.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person's secret for calendar subscriptions. */
@Entity
@Table(name = "calendar_feed")
class FeedToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false, unique = true)
    private String userId;

    @Column(nullable = false, unique = true)
    private String token;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected FeedToken() {}

    FeedToken(String userId, String token, Instant createdAt) {
        this.userId = userId;
        this.token = token;
        this.createdAt = createdAt;
    }

    void replace(String token, Instant at) {
        this.token = token;
        this.createdAt = at;
    }

    String getUserId() {
        return userId;
    }

    String getToken() {
        return token;
    }
}
