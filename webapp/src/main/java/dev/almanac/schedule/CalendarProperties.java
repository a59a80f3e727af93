package dev.almanac.schedule;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the calendar is projected and shown.
 *
 * @param zone the zone dates are shown in and target dates end in
 * @param samples Monte Carlo samples per projection (0 for none)
 * @param refresh how long a projection is reused before the engine is read again
 * @param endedWithin how long ended releases stay on the calendar
 * @param historyLimit how many finished steps durations are learned from
 * @param minSamples how many observations of a step make a learned duration trusted
 * @param cadenceHorizon how far ahead a cadence's future occurrences are shown
 * @param slipThreshold how far a milestone's projected end may move before it counts as a slip
 */
@ConfigurationProperties("almanac.calendar")
public record CalendarProperties(
        @DefaultValue("UTC") ZoneId zone,
        @DefaultValue("500") int samples,
        @DefaultValue("15s") Duration refresh,
        @DefaultValue("P120D") Duration endedWithin,
        @DefaultValue("20000") int historyLimit,
        @DefaultValue("5") int minSamples,
        @DefaultValue("P180D") Duration cadenceHorizon,
        @DefaultValue("P1D") Duration slipThreshold) {}
