package dev.almanac.planning.internal;

import dev.almanac.planning.PlanningCatalog;
import dev.almanac.planning.RiskTier;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A model in the catalogue: releases are versions of it. */
@Entity
@Table(name = "ml_model")
public class MlModel {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "model_key", nullable = false, unique = true)
    private String key;

    @Column(nullable = false)
    private String name;

    @Column(name = "product_line_key")
    private String productLine;

    @Column(name = "owner_team", nullable = false)
    private String ownerTeam;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_tier", nullable = false)
    private RiskTier riskTier;

    private String description;

    public MlModel() {}

    public MlModel(String key) {
        this.key = key;
    }

    public void update(
            String name,
            String productLine,
            String ownerTeam,
            RiskTier riskTier,
            String description) {
        this.name = name;
        this.productLine = productLine;
        this.ownerTeam = ownerTeam;
        this.riskTier = riskTier;
        this.description = description;
    }

    public PlanningCatalog.ModelInfo info() {
        return new PlanningCatalog.ModelInfo(
                key, name, productLine, ownerTeam, riskTier, description);
    }

    String getKey() {
        return key;
    }

    String getProductLine() {
        return productLine;
    }
}
