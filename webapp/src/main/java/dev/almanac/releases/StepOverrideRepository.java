package dev.almanac.releases;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface StepOverrideRepository extends JpaRepository<StepOverride, Long> {

    Optional<StepOverride> findByReleaseKeyAndActivityId(String releaseKey, String activityId);
}
