package dev.almanac.releases.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * A date a planner set for one step of one release where the engine keeps none: when an external or
 * receive task is expected to end, or how long a step still to come will take.
 */
@Entity
@Table(name = "step_override")
public class StepOverride {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "release_key", nullable = false)
    private String releaseKey;

    @Column(name = "activity_id", nullable = false)
    private String activityId;

    public Instant due;

    @Column(name = "planned_seconds")
    private Long plannedSeconds;

    @Column(name = "set_by", nullable = false)
    private String setBy;

    @Column(name = "set_at", nullable = false)
    private Instant setAt;

    public StepOverride() {}

    public StepOverride(String releaseKey, String activityId) {
        this.releaseKey = releaseKey;
        this.activityId = activityId;
    }

    public void due(Instant due, String by, Instant at) {
        this.due = due;
        this.setBy = by;
        this.setAt = at;
    }

    public void planned(Duration planned, String by, Instant at) {
        this.plannedSeconds = planned.getSeconds();
        this.setBy = by;
        this.setAt = at;
    }

    String releaseKey() {
        return releaseKey;
    }

    String activityId() {
        return activityId;
    }

    public Instant due() {
        return due;
    }

    Instant setAt() {
        return setAt;
    }

    public Duration planned() {
        return plannedSeconds == null ? null : Duration.ofSeconds(plannedSeconds);
    }
}
