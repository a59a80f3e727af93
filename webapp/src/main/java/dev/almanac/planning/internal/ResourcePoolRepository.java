package dev.almanac.planning.internal;

import dev.almanac.planning.PlanningRejected;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ResourcePoolRepository extends JpaRepository<ResourcePool, Long> {
    Optional<ResourcePool> findByKey(String key);

    /** The resource, or a refusal naming the field {@code resource}. */
    default ResourcePool require(String key) {
        return findByKey(key == null ? "" : key)
                .orElseThrow(
                        () ->
                                new PlanningRejected(
                                        "resource",
                                        "There is no resource '"
                                                + (key == null ? "" : key)
                                                + "'."));
    }

    List<ResourcePool> findAllByOrderByKeyAsc();
}
