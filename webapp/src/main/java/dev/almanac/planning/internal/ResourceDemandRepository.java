package dev.almanac.planning.internal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ResourceDemandRepository extends JpaRepository<ResourceDemand, Long> {
    Optional<ResourceDemand> findByScopeAndScopeKeyAndActivityIdAndResourceKey(
            String scope, String scopeKey, String activityId, String resourceKey);
}
