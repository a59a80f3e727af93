package dev.almanac.pipelines.internal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PipelineEventRepository extends JpaRepository<PipelineEvent, Long> {

    Optional<PipelineEvent> findByEventId(String eventId);

    long countByReleaseKey(String releaseKey);
}
