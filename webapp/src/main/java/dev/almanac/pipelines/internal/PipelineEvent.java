package dev.almanac.pipelines.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An event a pipeline sent and Almanac accepted, with the token that sent it. */
@Entity
@Table(name = "pipeline_event")
public class PipelineEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    private String eventId;

    @Column(name = "release_key", nullable = false)
    private String releaseKey;

    @Column(name = "event_type", nullable = false)
    private String type;

    @Column(name = "token_id", nullable = false)
    private Long tokenId;

    @Column(name = "accepted_at", nullable = false)
    private Instant acceptedAt;

    @Column(name = "variables")
    private String variables;

    public PipelineEvent() {}

    public PipelineEvent(
            String eventId,
            String releaseKey,
            String type,
            long tokenId,
            Instant acceptedAt,
            String variables) {
        this.eventId = eventId;
        this.releaseKey = releaseKey;
        this.type = type;
        this.tokenId = tokenId;
        this.acceptedAt = acceptedAt;
        this.variables = variables;
    }

    public String getEventId() {
        return eventId;
    }

    public String getReleaseKey() {
        return releaseKey;
    }

    public String getType() {
        return type;
    }

    public Long getTokenId() {
        return tokenId;
    }

    public Instant getAcceptedAt() {
        return acceptedAt;
    }
}
