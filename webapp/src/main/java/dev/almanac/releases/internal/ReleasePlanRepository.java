package dev.almanac.releases.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ReleasePlanRepository extends JpaRepository<ReleasePlan, Long> {

    Optional<ReleasePlan> findByKey(String key);

    boolean existsByKey(String key);

    List<ReleasePlan> findByProcessInstanceIdIn(java.util.Collection<String> processInstanceIds);

    List<ReleasePlan> findAllByOrderByTargetDateAscKeyAsc();

    List<ReleasePlan> findAllByModelOrderByTargetDateAscKeyAsc(String model);
}
