package dev.almanac.communications.releasenotes;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface PlannedCommunicationRepository extends JpaRepository<PlannedCommunicationRow, Long> {

    List<PlannedCommunicationRow> findByReleaseKey(String releaseKey);

    Optional<PlannedCommunicationRow> findByReleaseKeyAndMilestone(
            String releaseKey, String milestone);
}
