package dev.almanac.releases;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.almanac.processes.WeeklyReleaseWindow;

/** The default release window and post-deploy timings, until windows are planned in our tables. */
@ConfigurationProperties("almanac.release-timing")
record ReleaseTimingProperties(
        @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) List<DayOfWeek> windowDays,
        @DefaultValue("09:00") LocalTime windowOpens,
        @DefaultValue("16:00") LocalTime windowCloses,
        @DefaultValue("UTC") ZoneId windowZone,
        @DefaultValue("PT2H") String monitoringPeriod,
        @DefaultValue("P14D") String retrospectiveDelay) {

    WeeklyReleaseWindow window() {
        return new WeeklyReleaseWindow(EnumSet.copyOf(windowDays), windowOpens, windowCloses, windowZone);
    }
}
