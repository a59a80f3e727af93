package dev.almanac.communications;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How notices go out.
 *
 * @param dispatch whether this node sends deliveries (every node may: claims keep each delivery to
 *     one)
 * @param dispatchInterval how often the dispatcher looks for due deliveries
 * @param maxAttempts attempts before a delivery is marked failed (then it shows on the admin page)
 * @param firstBackoff wait after the first failure; doubled after each further one
 * @param maxBackoff the longest wait between attempts
 * @param lease how long a node may take to send one delivery before another node may take it over
 * @param mailFrom sender address of emails
 * @param baseUrl where people reach Almanac, for links in emails and webhooks
 * @param webhookSecret signs every webhook body (HMAC-SHA256); empty: unsigned
 * @param digests per stakeholder role (owner, approver, ..., and "personal" for everyone else), the
 *     digest's cron schedule
 * @param zone time zone of dates in notices and of digest schedules
 */
@ConfigurationProperties("almanac.communications")
public record CommunicationsProperties(
        Boolean dispatch,
        Duration dispatchInterval,
        Integer maxAttempts,
        Duration firstBackoff,
        Duration maxBackoff,
        Duration lease,
        String mailFrom,
        String baseUrl,
        String webhookSecret,
        Map<String, String> digests,
        String zone) {

    public CommunicationsProperties {
        dispatch = dispatch == null || dispatch;
        dispatchInterval = dispatchInterval == null ? Duration.ofSeconds(5) : dispatchInterval;
        maxAttempts = maxAttempts == null ? 6 : maxAttempts;
        firstBackoff = firstBackoff == null ? Duration.ofSeconds(30) : firstBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        mailFrom = mailFrom == null ? "almanac@localhost" : mailFrom;
        baseUrl = baseUrl == null ? "http://localhost:8080" : baseUrl.replaceAll("/+$", "");
        webhookSecret = webhookSecret == null ? "" : webhookSecret;
        digests = digests == null ? Map.of() : Map.copyOf(digests);
        zone = zone == null ? "UTC" : zone;
    }

    /** The cron schedule of a role's digest: configured, else Mondays 08:00. */
    public String digestSchedule(String role) {
        return digests.getOrDefault(role, "0 0 8 * * MON");
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failures. */
    public Duration backoff(int attempt) {
        long factor = 1L << Math.min(Math.max(attempt - 1, 0), 20);
        Duration wait = firstBackoff.multipliedBy(factor);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
