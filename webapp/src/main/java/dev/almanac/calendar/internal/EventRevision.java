package dev.almanac.calendar.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What a calendar event looked like when a feed last showed it: its SEQUENCE rises when it changes.
 */
@Entity
@Table(name = "calendar_event_revision")
public class EventRevision {

    @Id private String uid;

    @Column(nullable = false)
    private String fingerprint;

    @Column(name = "sequence_no", nullable = false)
    private int sequence;

    @Column(name = "last_modified", nullable = false)
    private Instant lastModified;

    protected EventRevision() {}

    EventRevision(String uid, String fingerprint, Instant at) {
        this.uid = uid;
        this.fingerprint = fingerprint;
        this.lastModified = at;
    }

    /** Records the event's current look; a different look is a new revision. */
    boolean seen(String fingerprint, Instant at) {
        if (this.fingerprint.equals(fingerprint)) {
            return false;
        }
        this.fingerprint = fingerprint;
        this.sequence++;
        this.lastModified = at;
        return true;
    }

    String getUid() {
        return uid;
    }

    int getSequence() {
        return sequence;
    }

    Instant getLastModified() {
        return lastModified;
    }
}
