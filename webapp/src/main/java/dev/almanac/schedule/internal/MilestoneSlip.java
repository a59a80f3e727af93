package dev.almanac.schedule.internal;

import dev.almanac.schedule.MilestoneSlipped;
import dev.almanac.schedule.Slips;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A recorded {@link MilestoneSlipped}: shown on the release page and in the at-risk list. */
@Entity
@Table(name = "milestone_slip")
public class MilestoneSlip {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "release_key", nullable = false)
    private String releaseKey;

    @Column(nullable = false)
    private String milestone;

    @Column(name = "previous_end", nullable = false)
    private Instant previousEnd;

    @Column(name = "projected_end", nullable = false)
    private Instant projectedEnd;

    @Column(name = "target_at")
    private Instant target;

    @Column(name = "past_target", nullable = false)
    private boolean pastTarget;

    @Column(nullable = false)
    private String cause;

    @Column(name = "detected_at", nullable = false)
    private Instant detectedAt;

    public MilestoneSlip() {}

    public MilestoneSlip(MilestoneSlipped slip, Instant at) {
        this.releaseKey = slip.releaseKey();
        this.milestone = slip.milestone();
        this.previousEnd = slip.previousEnd();
        this.projectedEnd = slip.projectedEnd();
        this.target = slip.target();
        this.pastTarget = slip.pastTarget();
        this.cause = slip.cause().length() > 500 ? slip.cause().substring(0, 500) : slip.cause();
        this.detectedAt = at;
    }

    public Slips.Recorded recorded() {
        return new Slips.Recorded(
                new MilestoneSlipped(
                        releaseKey,
                        milestone,
                        previousEnd,
                        projectedEnd,
                        target,
                        pastTarget,
                        cause),
                detectedAt);
    }
}
