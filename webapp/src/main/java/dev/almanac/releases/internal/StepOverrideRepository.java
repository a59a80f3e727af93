package dev.almanac.releases.internal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface StepOverrideRepository extends JpaRepository<StepOverride, Long> {

    Optional<StepOverride> findByReleaseKeyAndActivityId(String releaseKey, String activityId);
}
