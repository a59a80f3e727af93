package dev.almanac.schedule.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SlipRepository extends JpaRepository<MilestoneSlip, Long> {

    List<MilestoneSlip> findTop20ByReleaseKeyOrderByDetectedAtDescIdDesc(String releaseKey);

    List<MilestoneSlip> findTop200ByDetectedAtAfterOrderByDetectedAtDescIdDesc(Instant since);

    boolean existsByReleaseKeyAndMilestoneAndPreviousEndAndProjectedEnd(
            String releaseKey, String milestone, Instant previousEnd, Instant projectedEnd);
}
