package dev.almanac.pipelines.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PipelineTokenRepository extends JpaRepository<PipelineToken, Long> {

    Optional<PipelineToken> findByTokenHash(String tokenHash);

    List<PipelineToken> findAllByOrderByCreatedAtDesc();
}
