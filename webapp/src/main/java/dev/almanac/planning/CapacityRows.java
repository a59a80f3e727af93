package dev.almanac.planning;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** What a model's or a release's step needs of a resource, in place of the procedure's default. */
@Entity
@Table(name = "resource_demand")
class ResourceDemand {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(nullable = false)
    String scope;
    @Column(name = "scope_key", nullable = false)
    String scopeKey;
    @Column(name = "activity_id", nullable = false)
    String activityId;
    @Column(name = "resource_key", nullable = false)
    String resourceKey;
    @Column(nullable = false)
    double amount;
}

/** An experimentation window's hold on a share of a resource. */
@Entity
@Table(name = "capacity_reservation")
class CapacityReservation {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "window_id", nullable = false)
    Long windowId;
    @Column(name = "resource_key", nullable = false)
    String resourceKey;
    @Column(nullable = false)
    double share;
}

/** A release manager's leave for one production release to use a reserve. */
@Entity
@Table(name = "reservation_override")
class ReservationOverride {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "resource_key", nullable = false)
    String resourceKey;
    @Column(name = "release_key", nullable = false)
    String releaseKey;
    @Column(nullable = false)
    String reason;
    @Column(name = "decided_by", nullable = false)
    String decidedBy;
    @Column(name = "decided_at", nullable = false)
    Instant decidedAt;
}

interface ResourcePoolRepository extends JpaRepository<ResourcePool, Long> {
    Optional<ResourcePool> findByKey(String key);

    List<ResourcePool> findAllByOrderByKeyAsc();
}

interface ResourceDemandRepository extends JpaRepository<ResourceDemand, Long> {
    Optional<ResourceDemand> findByScopeAndScopeKeyAndActivityIdAndResourceKey(String scope, String scopeKey, String activityId, String resourceKey);
}

interface CapacityReservationRepository extends JpaRepository<CapacityReservation, Long> {
    Optional<CapacityReservation> findByWindowIdAndResourceKey(Long windowId, String resourceKey);
}

interface ReservationOverrideRepository extends JpaRepository<ReservationOverride, Long> {
    boolean existsByResourceKeyAndReleaseKey(String resourceKey, String releaseKey);
}
