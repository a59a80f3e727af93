package dev.almanac.schedule;

import dev.almanac.projection.ProjectedRelease;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How the schedule reads to people: instants, durations, shifts, outlooks and amounts, the same in
 * every view, notice and feed. Templates call it as {@code @texts}, e.g. {@code
 * ${@texts.format(m.start(), zone)}}.
 */
@Component("texts")
public final class ScheduleTexts {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    public static String outlookText(ProjectedRelease release) {
        return switch (release.outlook()) {
            case ON_TRACK -> "on track";
            case AT_RISK ->
                    "at risk (" + Math.round(release.onTargetProbability() * 100) + " % on target)";
            case LATE -> "late";
            case DONE -> "done";
        };
    }

    /** A duration for people: "2 d 4 h", "30 min", "0". */
    public static String humanDuration(Duration duration) {
        if (duration == null) {
            return "";
        }
        if (duration.isZero()) {
            return "0";
        }
        Duration d = duration.abs();
        StringBuilder text = new StringBuilder();
        if (d.toDays() > 0) {
            text.append(d.toDays()).append(" d");
        }
        if (d.toHoursPart() > 0) {
            text.append(text.isEmpty() ? "" : " ").append(d.toHoursPart()).append(" h");
        }
        if (d.toDays() == 0 && d.toMinutesPart() > 0) {
            text.append(text.isEmpty() ? "" : " ").append(d.toMinutesPart()).append(" min");
        }
        if (text.isEmpty()) {
            text.append(d.toSeconds()).append(" s");
        }
        return text.toString();
    }

    /** A signed shift for people: "+2 d 4 h" later, "−1 d" earlier. */
    public static String shift(Duration duration) {
        if (duration == null || duration.isZero()) {
            return "±0";
        }
        return (duration.isNegative() ? "−" : "+") + humanDuration(duration);
    }

    public static String format(Instant instant, ZoneId zone) {
        return instant == null ? "" : DAY.format(instant.atZone(zone));
    }

    /** An instant in UTC, for pages that show times independent of the reader's zone. */
    public static String formatUtc(Instant instant) {
        return format(instant, ZoneOffset.UTC);
    }

    /** The Monday of the week an instant falls in, where utilisation weeks start. */
    public static LocalDate weekStart(Instant instant, ZoneId zone) {
        return instant.atZone(zone)
                .toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** An amount of capacity: whole numbers as such, others with one decimal. */
    public static String amount(double value) {
        return Math.abs(value - Math.rint(value)) < 0.05
                ? String.valueOf(Math.round(value))
                : String.format(Locale.ROOT, "%.1f", value);
    }
}
