package dev.almanac.pipelines;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface PipelineEventRepository extends JpaRepository<PipelineEvent, Long> {

    Optional<PipelineEvent> findByEventId(String eventId);

    long countByReleaseKey(String releaseKey);
}
