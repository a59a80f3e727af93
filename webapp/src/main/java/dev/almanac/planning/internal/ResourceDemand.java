package dev.almanac.planning.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What a model's or a release's step needs of a resource, in place of the procedure's default. */
@Entity
@Table(name = "resource_demand")
public class ResourceDemand {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String scope;

    @Column(name = "scope_key", nullable = false)
    public String scopeKey;

    @Column(name = "activity_id", nullable = false)
    public String activityId;

    @Column(name = "resource_key", nullable = false)
    public String resourceKey;

    @Column(nullable = false)
    public double amount;
}
