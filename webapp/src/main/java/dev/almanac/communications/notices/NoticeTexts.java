package dev.almanac.communications.notices;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small helpers for the wording of notices. */
public final class NoticeTexts {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm z", Locale.ENGLISH);

    private NoticeTexts() {}

    public static String format(Instant at, ZoneId zone) {
        return at == null ? "-" : FORMAT.format(at.atZone(zone));
    }

    /**
     * A metric as people read it: 4 significant digits, no float noise (-0.07, not
     * -0.07000000000000006).
     */
    static String number(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return java.math.BigDecimal.valueOf(((Number) value).doubleValue())
                    .round(new java.math.MathContext(4))
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return String.valueOf(value);
    }

    static String taskLink(String taskId) {
        return "/operaton/app/tasklist/default/#/?task=" + taskId;
    }

    public static String days(java.time.Duration by) {
        long hours = by.toHours();
        if (Math.abs(hours) < 48) {
            return hours + " h";
        }
        return String.format(Locale.ENGLISH, "%.1f days", by.toMinutes() / 1440.0);
    }
}
