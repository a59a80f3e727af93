package dev.almanac.governance.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RetrospectiveRepository extends JpaRepository<RetrospectiveRow, Long> {

    Optional<RetrospectiveRow> findByReleaseKey(String releaseKey);

    List<RetrospectiveRow> findByModelOrderByHeldAtDesc(String model);
}
