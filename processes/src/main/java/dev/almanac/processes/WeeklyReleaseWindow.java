package dev.almanac.processes;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * A release window that opens on the same days and hours every week, for example weekdays
 * 09:00–16:00 UTC. Deploys start only while it is open.
 */
public record WeeklyReleaseWindow(
        Set<DayOfWeek> days, LocalTime opens, LocalTime closes, ZoneId zone) {

    public static final WeeklyReleaseWindow WEEKDAYS_OFFICE_HOURS_UTC =
            new WeeklyReleaseWindow(
                    EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                    LocalTime.of(9, 0),
                    LocalTime.of(16, 0),
                    ZoneId.of("UTC"));

    public WeeklyReleaseWindow {
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("a release window needs at least one day");
        }
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException(
                    "a release window must open (" + opens + ") before it closes (" + closes + ")");
        }
        days = Set.copyOf(days);
    }

    public boolean isOpen(Instant instant) {
        ZonedDateTime t = instant.atZone(zone);
        LocalTime time = t.toLocalTime();
        return days.contains(t.getDayOfWeek()) && !time.isBefore(opens) && time.isBefore(closes);
    }

    /** {@code instant} itself if the window is open then, else the moment it next opens. */
    public Instant nextOpening(Instant instant) {
        if (isOpen(instant)) {
            return instant;
        }
        ZonedDateTime t = instant.atZone(zone);
        for (int day = 0; day <= 7; day++) {
            ZonedDateTime candidate = t.toLocalDate().plusDays(day).atTime(opens).atZone(zone);
            if (days.contains(candidate.getDayOfWeek()) && candidate.toInstant().isAfter(instant)) {
                return candidate.toInstant();
            }
        }
        throw new IllegalStateException("unreachable: a weekly window opens within eight days");
    }
}
