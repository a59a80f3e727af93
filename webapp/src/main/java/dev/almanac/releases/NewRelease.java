package dev.almanac.releases;

import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import java.time.LocalDate;

/** What it takes to plan and start a release. Validated by {@link Releases#plan}. */
public record NewRelease(
        String model,
        String version,
        Lane lane,
        RiskTier riskTier,
        String ownerTeam,
        LocalDate targetDate,
        String dataFeeds) {}
