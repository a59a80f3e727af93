package dev.almanac.planning.internal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CapacityReservationRepository extends JpaRepository<CapacityReservation, Long> {
    Optional<CapacityReservation> findByWindowIdAndResourceKey(Long windowId, String resourceKey);
}
