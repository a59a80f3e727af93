package dev.almanac.processes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * The expiry of an override as the form gives it (an ISO date, or a date-time): valid until the end
 * of that day, UTC.
 */
public final class OverrideExpiry {

    private OverrideExpiry() {}

    /**
     * @throws IllegalArgumentException when the value is missing or not a date
     */
    public static Instant endOf(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("An override needs an expiry date.");
        }
        String text = value.toString().trim();
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text)
                    .plusDays(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "The override's expiry '" + text + "' is not a date like 2026-12-31.");
        }
    }
}
