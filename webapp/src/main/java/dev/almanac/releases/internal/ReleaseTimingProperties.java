package dev.almanac.releases.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Post-deploy timings; release and freeze windows are planned in our tables (Planning > Windows).
 */
@ConfigurationProperties("almanac.release-timing")
record ReleaseTimingProperties(
        @DefaultValue("PT2H") String monitoringPeriod,
        @DefaultValue("P14D") String retrospectiveDelay) {}
