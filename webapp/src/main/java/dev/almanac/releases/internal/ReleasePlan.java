package dev.almanac.releases.internal;

import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** A release as planned. Its progress is read from the engine through {@link ReleaseProcess}. */
@Entity
@Table(name = "release_plan")
public class ReleasePlan {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "release_key", nullable = false, unique = true)
    private String key;

    @Column(nullable = false)
    private String model;

    @Column(nullable = false)
    private String version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Lane lane;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_tier", nullable = false)
    private RiskTier riskTier;

    @Column(name = "owner_team", nullable = false)
    private String ownerTeam;

    @Column(name = "target_date", nullable = false)
    private LocalDate targetDate;

    @Column(name = "data_feeds")
    private String dataFeeds;

    @Column(name = "process_instance_id")
    private String processInstanceId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    public ReleasePlan() {}

    public ReleasePlan(
            String model,
            String version,
            Lane lane,
            RiskTier riskTier,
            String ownerTeam,
            LocalDate targetDate,
            String dataFeeds,
            Instant createdAt,
            String createdBy) {
        this.key = keyOf(model, version);
        this.model = model;
        this.version = version;
        this.lane = lane;
        this.riskTier = riskTier;
        this.ownerTeam = ownerTeam;
        this.targetDate = targetDate;
        this.dataFeeds = dataFeeds;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public static String keyOf(String model, String version) {
        return model + "-" + version;
    }

    public void replan(Lane lane, RiskTier riskTier, String ownerTeam, LocalDate targetDate) {
        this.lane = lane;
        this.riskTier = riskTier;
        this.ownerTeam = ownerTeam;
        this.targetDate = targetDate;
    }

    public void started(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    public String getKey() {
        return key;
    }

    public String getModel() {
        return model;
    }

    public String getVersion() {
        return version;
    }

    public Lane getLane() {
        return lane;
    }

    public RiskTier getRiskTier() {
        return riskTier;
    }

    public String getOwnerTeam() {
        return ownerTeam;
    }

    public LocalDate getTargetDate() {
        return targetDate;
    }

    public String getDataFeeds() {
        return dataFeeds;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    String getCreatedBy() {
        return createdBy;
    }
}
