package dev.almanac.planning.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A shared resource; its members, capacity changes and holidays are kept as JSON lists. */
@Entity
@Table(name = "resource_pool")
public class ResourcePool {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "pool_key", nullable = false, unique = true)
    public String key;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String unit;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public dev.almanac.projection.Capacity.ResourceKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public dev.almanac.projection.Capacity.Granularity granularity;

    @Column(nullable = false)
    public double capacity;

    @Column(nullable = false, columnDefinition = "TEXT")
    public String members = "[]";

    @Column(nullable = false, columnDefinition = "TEXT")
    public String changes = "[]";

    @Column(nullable = false, columnDefinition = "TEXT")
    public String holidays = "[]";

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
