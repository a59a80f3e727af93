package dev.almanac.projection;

import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * A window as planned: one-off, or recurring by an RFC 5545 RRULE, in local time of its zone (so a
 * weekly 09:00 window stays at 09:00 across a daylight-saving change).
 *
 * @param id stable id (our table's key)
 * @param kind release, freeze or experimentation
 * @param name for people
 * @param start local start of the first occurrence
 * @param end local end of the first occurrence (after start)
 * @param zone the time zone the local times are in
 * @param rrule an RRULE value such as {@code FREQ=WEEKLY;BYDAY=MO,TU}, or null for one-off
 * @param scope global, a product line or a model
 * @param scopeKey the product line or model key; null when global
 */
public record WindowRule(
        String id,
        WindowKind kind,
        String name,
        LocalDateTime start,
        LocalDateTime end,
        ZoneId zone,
        String rrule,
        WindowScope scope,
        String scopeKey) {

    public boolean appliesTo(String productLine, String model) {
        return switch (scope) {
            case GLOBAL -> true;
            case PRODUCT_LINE -> scopeKey != null && scopeKey.equals(productLine);
            case MODEL -> scopeKey != null && scopeKey.equals(model);
        };
    }
}
