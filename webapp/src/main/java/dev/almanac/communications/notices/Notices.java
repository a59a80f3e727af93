package dev.almanac.communications.notices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.almanac.communications.Channel;
import dev.almanac.communications.CommunicationsRejected;
import dev.almanac.communications.Delivery;
import dev.almanac.communications.NoticeDraft;
import dev.almanac.communications.NoticeType;
import dev.almanac.communications.stakeholders.StakeholderRepository;
import dev.almanac.communications.stakeholders.StakeholderRow;
import dev.almanac.identity.People;
import dev.almanac.planning.PlanningCatalog;
import dev.almanac.releases.ReleaseQueries;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final DeliveryRepository deliveries;
    private final StakeholderRepository stakeholders;
    private final NoticePreferenceRepository preferences;
    private final ReleaseQueries releaseQueries;
    private final PlanningCatalog catalog;
    private final People people;
    private final ObjectMapper json;
    private final Clock clock;

    Notices(
            NoticeRepository notices,
            DeliveryRepository deliveries,
            StakeholderRepository stakeholders,
            NoticePreferenceRepository preferences,
            ReleaseQueries releaseQueries,
            PlanningCatalog catalog,
            People people,
            ObjectMapper json,
            Clock clock) {
        this.notices = notices;
        this.deliveries = deliveries;
        this.stakeholders = stakeholders;
        this.preferences = preferences;
        this.releaseQueries = releaseQueries;
        this.catalog = catalog;
        this.people = people;
        this.json = json;
        this.clock = clock;
    }

    /** One recipient on one channel, before it is written. */
    public record Recipient(String id, Channel channel, String address, Delivery delivery) {}

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
    public int raiseTo(NoticeDraft draft, List<Recipient> recipients) {
        return write(
                draft,
                recipients.stream()
                        .map(
                                r ->
                                        new Recipient(
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
    private int write(NoticeDraft draft, List<Recipient> to) {
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
        for (Recipient r : to != null ? to : recipients(draft)) {
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

    private boolean deliver(NoticeRow notice, Recipient r, Instant now) {
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

    /**
     * Who is told of a draft: stakeholders of its scope in the type's roles, and the members of its
     * groups; each once per channel.
     */
    List<Recipient> recipients(NoticeDraft draft) {
        String model = draft.model();
        String productLine = draft.productLine();
        if (draft.releaseKey() != null) {
            model =
                    releaseQueries
                            .plannedRelease(draft.releaseKey())
                            .map(dev.almanac.releases.ReleaseSummary::model)
                            .orElse(model);
        }
        if (model != null && productLine == null) {
            productLine =
                    catalog.model(model).map(PlanningCatalog.ModelInfo::productLine).orElse(null);
        }
        List<StakeholderRow> scoped =
                model == null && productLine == null && draft.releaseKey() == null
                        ? stakeholders.findAll()
                        : stakeholders.forScope(productLine, model);
        Map<String, Recipient> result = new LinkedHashMap<>();
        Choices chosen = choices(draft.type());
        for (StakeholderRow s : scoped) {
            if (draft.type().roles().contains(s.role)) {
                addStakeholder(result, s, chosen);
            }
        }
        for (String group : draft.groups()) {
            for (People.Person member : people.membersOf(group)) {
                Delivery delivery = chosen.of(member.id());
                add(result, new Recipient(member.id(), Channel.IN_APP, member.id(), delivery));
                if (member.email() != null && !member.email().isBlank()) {
                    add(
                            result,
                            new Recipient(member.id(), Channel.EMAIL, member.email(), delivery));
                }
            }
        }
        return result.values().stream().filter(r -> r.delivery() != Delivery.OFF).toList();
    }

    /**
     * Everyone's choice for one notice type, read in one query; who made none gets the type's
     * default.
     */
    public record Choices(NoticeType type, Map<String, Delivery> chosen) {

        Delivery of(String user) {
            return chosen.getOrDefault(user, type.byDefault());
        }
    }

    Choices choices(NoticeType type) {
        Map<String, Delivery> chosen = new java.util.HashMap<>();
        preferences.findByType(type).forEach(p -> chosen.put(p.userId, p.delivery));
        return new Choices(type, chosen);
    }

    public void addStakeholder(Map<String, Recipient> result, StakeholderRow s, Choices chosen) {
        if (s.partyKind == StakeholderRow.PartyKind.USER) {
            Delivery delivery = chosen.of(s.party);
            for (Channel channel : Channel.values()) {
                if (s.on(channel)) {
                    String address =
                            switch (channel) {
                                case EMAIL ->
                                        s.email != null && !s.email.isBlank()
                                                ? s.email
                                                : emailOf(s.party).orElse(null);
                                case WEBHOOK -> s.webhookUrl;
                                case IN_APP -> s.party;
                            };
                    if (address != null) {
                        add(result, new Recipient(s.party, channel, address, delivery));
                    }
                }
            }
        } else {
            String id = "group:" + s.party;
            if (s.on(Channel.EMAIL) && s.email != null && !s.email.isBlank()) {
                add(result, new Recipient(id, Channel.EMAIL, s.email, Delivery.IMMEDIATE));
            }
            if (s.on(Channel.WEBHOOK) && s.webhookUrl != null && !s.webhookUrl.isBlank()) {
                add(result, new Recipient(id, Channel.WEBHOOK, s.webhookUrl, Delivery.IMMEDIATE));
            }
            if (s.on(Channel.IN_APP)) {
                for (People.Person member : people.membersOf(s.party)) {
                    add(
                            result,
                            new Recipient(
                                    member.id(),
                                    Channel.IN_APP,
                                    member.id(),
                                    chosen.of(member.id())));
                }
            }
        }
    }

    private static void add(Map<String, Recipient> result, Recipient r) {
        // a person who is both owner and approver, or in two groups, is told once per channel; the
        // more immediate choice wins
        result.merge(
                r.id() + "|" + r.channel(),
                r,
                (a, b) -> a.delivery().ordinal() <= b.delivery().ordinal() ? a : b);
    }

    Optional<String> emailOf(String userId) {
        return people.person(userId).map(People.Person::email).filter(email -> !email.isBlank());
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
