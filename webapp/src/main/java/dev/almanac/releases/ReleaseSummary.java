package dev.almanac.releases;

import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.releases.internal.ReleasePlan;
import java.time.LocalDate;

/** A planned release and where it stands. */
public record ReleaseSummary(
        String key,
        String model,
        String version,
        Lane lane,
        RiskTier riskTier,
        String ownerTeam,
        LocalDate targetDate,
        String dataFeeds,
        String processInstanceId,
        ReleaseProgress progress) {

    static ReleaseSummary of(ReleasePlan plan, ReleaseProgress progress) {
        return new ReleaseSummary(
                plan.getKey(),
                plan.getModel(),
                plan.getVersion(),
                plan.getLane(),
                plan.getRiskTier(),
                plan.getOwnerTeam(),
                plan.getTargetDate(),
                plan.getDataFeeds(),
                plan.getProcessInstanceId(),
                progress);
    }
}
