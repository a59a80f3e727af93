package dev.almanac.planning.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ResourcePoolRepository extends JpaRepository<ResourcePool, Long> {
    Optional<ResourcePool> findByKey(String key);

    List<ResourcePool> findAllByOrderByKeyAsc();
}
