package dev.almanac.communications.notices;

import dev.almanac.communications.Channel;
import dev.almanac.communications.CommunicationsProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due deliveries. Each one is first claimed in its own committed transaction (a conditional
 * update only one node can win), then sent, then marked sent or scheduled for another attempt with
 * back-off. A node that dies while sending leaves a claim that lapses after the lease; the next
 * node sends it again under the same dedupe key.
 */
@Component
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryRepository deliveries;
    private final NoticeRepository notices;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final CommunicationsProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String node = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);

    Dispatcher(
            DeliveryRepository deliveries,
            NoticeRepository notices,
            List<ChannelSender> senders,
            CommunicationsProperties properties,
            TransactionTemplate tx,
            Clock clock) {
        this.deliveries = deliveries;
        this.notices = notices;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${almanac.communications.dispatch-interval:5s}",
            initialDelayString = "10s")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(
            name = "notice-dispatch",
            lockAtLeastFor = "PT4S",
            lockAtMostFor = "PT2M")
    void scheduled() {
        if (properties.dispatch()) {
            try {
                dispatch(node, clock.instant());
            } catch (RuntimeException e) {
                log.warn(
                        "Dispatching notices failed; next try in {}: {}",
                        properties.dispatchInterval(),
                        e.getMessage());
            }
        }
    }

    /** What one round did. */
    public record Round(int sent, int retried, int failed) {}

    /** Sends what is due at {@code now} as node {@code node}. */
    public Round dispatch(String node, Instant now) {
        int sent = 0;
        int retried = 0;
        int failed = 0;
        Map<Long, Notices.Notice> noticesOfRound = new java.util.HashMap<>();
        for (Long id : tx.execute(s -> deliveries.due(now, PageRequest.of(0, 100)))) {
            // claimed and read in one transaction: it commits before anything is sent
            DeliveryRow d =
                    tx.execute(
                            s ->
                                    deliveries.claim(id, node, now, now.plus(properties.lease()))
                                                    == 1
                                            ? deliveries.findById(id).orElseThrow()
                                            : null);
            if (d == null) {
                continue; // another node took it
            }
            Notices.Notice notice =
                    noticesOfRound.computeIfAbsent(
                            d.noticeId,
                            noticeId ->
                                    tx.execute(
                                            s ->
                                                    Notices.Notice.of(
                                                            notices.findById(noticeId)
                                                                    .orElseThrow())));
            String error = null;
            try {
                ChannelSender sender = senders.get(d.channel);
                if (sender == null) {
                    throw new IllegalStateException("No sender for " + d.channel);
                }
                sender.send(notice, d.address, d.dedupeKey);
            } catch (Exception e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            String failure = error;
            String outcome =
                    tx.execute(
                            s -> {
                                DeliveryRow row = deliveries.findById(id).orElseThrow();
                                if (!node.equals(row.claimedBy)) {
                                    return "lost"; // our lease lapsed and another node took over
                                }
                                row.claimedBy = null;
                                row.claimedUntil = null;
                                if (failure == null) {
                                    row.status = DeliveryRow.Status.SENT;
                                    row.sentAt = clock.instant();
                                    row.lastError = null;
                                    return "sent";
                                }
                                row.lastError = Notices.clip(failure, 2000);
                                if (row.attempts >= properties.maxAttempts()) {
                                    row.status = DeliveryRow.Status.FAILED;
                                    return "failed";
                                }
                                row.status = DeliveryRow.Status.PENDING;
                                row.nextAttemptAt = now.plus(properties.backoff(row.attempts));
                                return "retry";
                            });
            switch (outcome) {
                case "sent" -> sent++;
                case "retry" -> {
                    retried++;
                    log.info(
                            "Delivery {} ({} to {}) failed, will retry: {}",
                            id,
                            d.channel,
                            d.recipient,
                            failure);
                }
                case "failed" -> {
                    failed++;
                    log.warn(
                            "Delivery {} ({} to {}) failed for good after {} attempts: {}",
                            id,
                            d.channel,
                            d.recipient,
                            properties.maxAttempts(),
                            failure);
                }
                default -> {}
            }
        }
        return new Round(sent, retried, failed);
    }

    /**
     * Marks a delivery claimed by a node without sending it: what a crash right after the claim
     * leaves behind (tests only).
     */
    public boolean claimOnly(long deliveryId, String node, Instant now) {
        return Boolean.TRUE.equals(
                tx.execute(
                        s ->
                                deliveries.claim(
                                                deliveryId, node, now, now.plus(properties.lease()))
                                        == 1));
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "almanac" : host;
    }
}
