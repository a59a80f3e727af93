package dev.almanac.planning.internal;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ReservationOverrideRepository extends JpaRepository<ReservationOverride, Long> {
    boolean existsByResourceKeyAndReleaseKey(String resourceKey, String releaseKey);
}
