package dev.almanac.communications.notices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.almanac.communications.Channel;
import dev.almanac.communications.CommunicationsRejected;
import dev.almanac.communications.Delivery;
import dev.almanac.communications.NoticeDraft;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox. {@link #raise} runs in the caller's transaction (the engine's, when a task is created
 * or a step ends), resolves who is told on which channel, and writes one delivery per recipient and
 * channel under a unique dedupe key. The {@link Dispatcher} sends them after commit.
 */
@Service
public class Notices {

    private final NoticeRepository notices;
    private final Recipients recipients;
    private final DeliveryRepository deliveries;
    private final ObjectMapper json;
    private final Clock clock;

    Notices(
            NoticeRepository notices,
            Recipients recipients,
            DeliveryRepository deliveries,
            ObjectMapper json,
            Clock clock) {
        this.notices = notices;
        this.recipients = recipients;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Writes the notice and its deliveries; does nothing if a notice with the same source key
     * exists.
     *
     * @return the deliveries written (none when the source was already raised or nobody is to be
     *     told)
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public int raise(NoticeDraft draft) {
        return write(draft, null);
    }

    /**
     * Writes a notice for exactly these recipients (a digest, a planned communication) on their
     * channels, at once.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public int raiseTo(NoticeDraft draft, List<Recipients.Recipient> to) {
        return write(
                draft,
                to.stream()
                        .map(
                                r ->
                                        new Recipients.Recipient(
                                                r.id(),
                                                r.channel(),
                                                r.address(),
                                                Delivery.IMMEDIATE))
                        .toList());
    }

    /**
     * Whether a notice was raised for this source already (cheap, for scans that would otherwise
     * prepare it again).
     */
    @Transactional(readOnly = true)
    public boolean raised(String sourceKey) {
        return notices.existsBySourceKey(storedKey(sourceKey));
    }

    /**
     * The notice and its deliveries, to the given recipients or, when null, to those its type and
     * scope pick.
     */
    private int write(NoticeDraft draft, List<Recipients.Recipient> to) {
        String sourceKey = storedKey(draft.sourceKey());
        if (notices.existsBySourceKey(sourceKey)) {
            return 0;
        }
        NoticeRow notice = new NoticeRow();
        notice.sourceKey = sourceKey;
        notice.type = draft.type();
        notice.releaseKey = draft.releaseKey();
        notice.subject = clip(draft.subject(), 300);
        notice.body = draft.body() == null ? "" : draft.body();
        notice.link = draft.link();
        notice.payload = write(draft.payload() == null ? Map.of() : draft.payload());
        notice.createdAt = clock.instant();
        notices.save(notice);
        int written = 0;
        for (Recipients.Recipient r : to != null ? to : recipients.of(draft)) {
            written += deliver(notice, r, notice.createdAt) ? 1 : 0;
        }
        return written;
    }

    /**
     * A source key as stored: up to 200 characters, the longer ones shortened with a hash so they
     * stay unique.
     */
    private static String storedKey(String key) {
        if (key.length() <= 200) {
            return key;
        }
        try {
            return key.substring(0, 167)
                    + "#"
                    + java.util.HexFormat.of()
                            .formatHex(
                                    java.security.MessageDigest.getInstance("SHA-256")
                                            .digest(
                                                    key.getBytes(
                                                            java.nio.charset.StandardCharsets
                                                                    .UTF_8)))
                            .substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean deliver(NoticeRow notice, Recipients.Recipient r, Instant now) {
        String dedupe = notice.sourceKey + "|" + r.id() + "|" + r.channel().name();
        if (deliveries.existsByDedupeKey(dedupe)) {
            return false;
        }
        DeliveryRow row = new DeliveryRow();
        row.noticeId = notice.id;
        row.dedupeKey = dedupe;
        row.recipient = r.id();
        row.channel = r.channel();
        row.address = r.address();
        row.attempts = 0;
        row.nextAttemptAt = now;
        if (r.delivery() == Delivery.DIGEST) {
            row.status = DeliveryRow.Status.HELD;
        } else if (r.channel() == Channel.IN_APP) {
            // the inbox reads the table: written is delivered
            row.status = DeliveryRow.Status.SENT;
            row.sentAt = now;
        } else {
            row.status = DeliveryRow.Status.PENDING;
        }
        deliveries.save(row);
        return true;
    }

    /** A notice as people see it in their inbox, on the admin page and in tests. */
    public record Notice(
            long id,
            String type,
            String typeLabel,
            String releaseKey,
            String subject,
            String body,
            String link,
            Instant createdAt) {

        static Notice of(NoticeRow n) {
            return new Notice(
                    n.id,
                    n.type.code(),
                    n.type.label(),
                    n.releaseKey,
                    n.subject,
                    n.body,
                    n.link,
                    n.createdAt);
        }
    }

    /** One delivery with its notice. */
    public record Sent(
            long id,
            Notice notice,
            String recipient,
            Channel channel,
            String address,
            String status,
            int attempts,
            Instant nextAttemptAt,
            String lastError,
            Instant sentAt,
            Instant readAt) {}

    @Transactional(readOnly = true)
    public List<Sent> inbox(String userId, int limit) {
        return withNotices(
                deliveries
                        .findByRecipientAndChannelOrderByIdDesc(
                                userId, Channel.IN_APP, PageRequest.of(0, limit))
                        .stream()
                        .filter(d -> d.status == DeliveryRow.Status.SENT)
                        .toList());
    }

    @Transactional(readOnly = true)
    public long unread(String userId) {
        return deliveries.countByRecipientAndChannelAndStatusAndReadAtIsNull(
                userId, Channel.IN_APP, DeliveryRow.Status.SENT);
    }

    @Transactional
    public void markRead(String userId) {
        Instant now = clock.instant();
        deliveries
                .findByRecipientAndChannelOrderByIdDesc(
                        userId, Channel.IN_APP, PageRequest.of(0, 500))
                .stream()
                .filter(d -> d.readAt == null)
                .forEach(d -> d.readAt = now);
    }

    /**
     * Deliveries that failed for good, or are waiting to be retried, newest first: the admin page.
     */
    @Transactional(readOnly = true)
    public List<Sent> troubled(int limit) {
        return withNotices(
                deliveries
                        .findByStatusInOrderByIdDesc(
                                List.of(
                                        DeliveryRow.Status.FAILED,
                                        DeliveryRow.Status.PENDING,
                                        DeliveryRow.Status.SENDING),
                                PageRequest.of(0, limit))
                        .stream()
                        .filter(d -> d.status == DeliveryRow.Status.FAILED || d.attempts > 0)
                        .toList());
    }

    @Transactional(readOnly = true)
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (DeliveryRow.Status status : DeliveryRow.Status.values()) {
            counts.put(
                    status.name().toLowerCase(java.util.Locale.ROOT),
                    deliveries.countByStatus(status));
        }
        return counts;
    }

    /** Sends a failed delivery again from the first attempt. */
    @Transactional
    public void retry(long deliveryId) {
        DeliveryRow d =
                deliveries
                        .findById(deliveryId)
                        .orElseThrow(
                                () ->
                                        new CommunicationsRejected(
                                                "id", "There is no delivery " + deliveryId + "."));
        if (d.status == DeliveryRow.Status.FAILED) {
            d.status = DeliveryRow.Status.PENDING;
            d.attempts = 0;
            d.nextAttemptAt = clock.instant();
            d.lastError = null;
        }
    }

    @Transactional(readOnly = true)
    public List<Sent> deliveriesOf(String sourceKey) {
        return notices.findBySourceKey(sourceKey)
                .map(n -> withNotices(deliveries.findByNoticeIdIn(List.of(n.id))))
                .orElse(List.of());
    }

    /** The deliveries of every notice whose source key starts so, oldest first. */
    @Transactional(readOnly = true)
    public List<Sent> deliveriesOfPrefix(String sourcePrefix) {
        List<Long> ids =
                notices.findBySourceKeyStartingWith(sourcePrefix).stream().map(n -> n.id).toList();
        return ids.isEmpty() ? List.of() : withNotices(deliveries.findByNoticeIdIn(ids));
    }

    /** A release's latest 50 notices, newest first. */
    @Transactional(readOnly = true)
    public List<Notice> ofRelease(String releaseKey) {
        return notices.findTop50ByReleaseKeyOrderByIdDesc(releaseKey).stream()
                .map(Notice::of)
                .toList();
    }

    List<Sent> withNotices(List<DeliveryRow> rows) {
        Map<Long, Notice> byId = new LinkedHashMap<>();
        notices.findByIdIn(rows.stream().map(d -> d.noticeId).distinct().toList())
                .forEach(n -> byId.put(n.id, Notice.of(n)));
        List<Sent> result = new ArrayList<>();
        for (DeliveryRow d : rows) {
            result.add(
                    new Sent(
                            d.id,
                            byId.get(d.noticeId),
                            d.recipient,
                            d.channel,
                            d.address,
                            d.status.name().toLowerCase(java.util.Locale.ROOT),
                            d.attempts,
                            d.nextAttemptAt,
                            d.lastError,
                            d.sentAt,
                            d.readAt));
        }
        return result;
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() > max ? text.substring(0, max - 3) + "..." : text;
    }
}
