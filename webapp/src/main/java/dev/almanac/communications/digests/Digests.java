package dev.almanac.communications.digests;

import dev.almanac.communications.Channel;
import dev.almanac.communications.CommunicationsProperties;
import dev.almanac.communications.Delivery;
import dev.almanac.communications.NoticeDraft;
import dev.almanac.communications.NoticeType;
import dev.almanac.communications.StakeholderRole;
import dev.almanac.communications.notices.DeliveryRepository;
import dev.almanac.communications.notices.NoticeTexts;
import dev.almanac.communications.notices.Notices;
import dev.almanac.communications.notices.Recipients;
import dev.almanac.communications.stakeholders.StakeholderRepository;
import dev.almanac.communications.stakeholders.StakeholderRow;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.schedule.Slips;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The weekly digest per stakeholder role, on each role's own schedule: for each stakeholder, what
 * moved in the period (slips recorded in it), what is at risk now, what waits for them, and the
 * notices they chose to get in their digest during the period. Each period starts where the last
 * one ended, so every change lands in exactly one digest.
 */
@Service
public class Digests {

    private static final Logger log = LoggerFactory.getLogger(Digests.class);
    static final String PERSONAL = "personal";

    private final StakeholderRepository stakeholders;
    private final DeliveryRepository deliveries;
    private final DigestRunRepository runs;
    private final Notices outbox;
    private final DigestContents contents;
    private final Recipients recipients;
    private final Slips slips;
    private final ReleaseCalendar calendar;
    private final CommunicationsProperties properties;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate tx;

    Digests(
            org.springframework.transaction.support.TransactionTemplate tx,
            StakeholderRepository stakeholders,
            DeliveryRepository deliveries,
            DigestRunRepository runs,
            Notices outbox,
            DigestContents contents,
            Recipients recipients,
            Slips slips,
            ReleaseCalendar calendar,
            CommunicationsProperties properties,
            Clock clock) {
        this.stakeholders = stakeholders;
        this.deliveries = deliveries;
        this.runs = runs;
        this.outbox = outbox;
        this.contents = contents;
        this.recipients = recipients;
        this.slips = slips;
        this.calendar = calendar;
        this.properties = properties;
        this.clock = clock;
        this.tx = tx;
    }

    @Scheduled(
            fixedDelayString = "${almanac.communications.digest-check:60s}",
            initialDelayString = "30s")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(
            name = "digests",
            lockAtLeastFor = "PT50S",
            lockAtMostFor = "PT10M")
    void tick() {
        if (!properties.dispatch()) {
            return;
        }
        Instant now = clock.instant();
        for (String role : roles()) {
            try {
                Instant last =
                        runs.findTopByRoleOrderByPeriodEndDesc(role)
                                .map(r -> r.periodEnd)
                                .orElse(null);
                if (last == null) {
                    // the first period starts now: the first digest goes out at the next scheduled
                    // time, not at once
                    tx.executeWithoutResult(
                            status -> {
                                DigestRunRow start = new DigestRunRow();
                                start.role = role;
                                start.periodStart = now;
                                start.periodEnd = now;
                                runs.save(start);
                            });
                    continue;
                }
                CronExpression cron = CronExpression.parse(properties.digestSchedule(role));
                ZoneId zone = ZoneId.of(properties.zone());
                Instant from = last;
                var due = cron.next(from.atZone(zone));
                if (due != null && !due.toInstant().isAfter(now)) {
                    // the period ends at the schedule's time, so a node that repeats it writes the
                    // same digests (and the unique period refuses them)
                    Instant to = due.toInstant();
                    tx.executeWithoutResult(status -> run(role, from, to));
                }
            } catch (org.springframework.dao.DataIntegrityViolationException e) {
                log.info("The {} digest of this period was already sent by another node", role);
            } catch (RuntimeException e) {
                log.warn(
                        "The {} digest failed; it is tried again at the next check: {}",
                        role,
                        e.getMessage());
            }
        }
    }

    static List<String> roles() {
        List<String> roles = new ArrayList<>();
        for (StakeholderRole role : StakeholderRole.values()) {
            roles.add(role.name().toLowerCase(Locale.ROOT));
        }
        roles.add(PERSONAL);
        return roles;
    }

    /** What one digest holds. */
    public record Digest(
            String recipient,
            String role,
            Instant from,
            Instant to,
            List<String> moved,
            List<String> atRisk,
            List<String> needsYou,
            List<String> held) {

        public String text(ZoneId zone) {
            StringBuilder out =
                    new StringBuilder(
                            "Your "
                                    + role
                                    + " digest for "
                                    + NoticeTexts.format(from, zone)
                                    + " to "
                                    + NoticeTexts.format(to, zone)
                                    + ".\n");
            section(out, "What moved", moved);
            section(out, "At risk", atRisk);
            section(out, "Needs you", needsYou);
            section(out, "Also this period", held);
            return out.toString();
        }

        private static void section(StringBuilder out, String title, List<String> lines) {
            out.append("\n").append(title).append(":\n");
            if (lines.isEmpty()) {
                out.append("- nothing\n");
            }
            lines.forEach(l -> out.append("- ").append(l).append("\n"));
        }

        public boolean empty() {
            return moved.isEmpty() && atRisk.isEmpty() && needsYou.isEmpty() && held.isEmpty();
        }
    }

    /**
     * Builds and queues the digests of a role for the period [from, to), and records the period.
     */
    @Transactional
    public List<Digest> run(String role, Instant from, Instant to) {
        ZoneId zone = ZoneId.of(properties.zone());
        ReleaseCalendar.Projection projection = calendar.current();
        List<Digest> sent = new ArrayList<>();
        Map<String, List<StakeholderRow>> byParty = new LinkedHashMap<>();
        if (PERSONAL.equals(role)) {
            Set<String> stakeholderUsers =
                    stakeholders.findAll().stream()
                            .filter(s -> s.partyKind == StakeholderRow.PartyKind.USER)
                            .map(s -> s.party)
                            .collect(Collectors.toSet());
            for (String recipient : deliveries.recipientsWithHeld(to)) {
                if (!stakeholderUsers.contains(recipient)) {
                    byParty.put(recipient, List.of());
                }
            }
        } else {
            StakeholderRole stakeholderRole =
                    StakeholderRole.valueOf(role.toUpperCase(Locale.ROOT));
            for (StakeholderRow s : stakeholders.findByRole(stakeholderRole)) {
                byParty.computeIfAbsent(
                                (s.partyKind == StakeholderRow.PartyKind.GROUP ? "group:" : "")
                                        + s.party,
                                k -> new ArrayList<>())
                        .add(s);
            }
        }
        List<Slips.Recorded> slipsOfPeriod =
                slips.since(from).stream().filter(r -> r.detectedAt().isBefore(to)).toList();
        for (var entry : byParty.entrySet()) {
            Digest digest =
                    contents.digest(
                            entry.getKey(),
                            role,
                            entry.getValue(),
                            projection,
                            slipsOfPeriod,
                            from,
                            to);
            List<Recipients.Recipient> channels = channels(entry.getKey(), entry.getValue());
            if (channels.isEmpty()) {
                continue;
            }
            outbox.raiseTo(
                    new NoticeDraft(
                            "digest:" + role + ":" + entry.getKey() + ":" + to.toEpochMilli(),
                            NoticeType.DIGEST,
                            null,
                            null,
                            null,
                            "Your "
                                    + role
                                    + " digest: "
                                    + digest.moved().size()
                                    + " moved, "
                                    + digest.atRisk().size()
                                    + " at risk, "
                                    + digest.needsYou().size()
                                    + " need you",
                            digest.text(zone),
                            "/at-risk",
                            Map.of(
                                    "role",
                                    role,
                                    "from",
                                    from.toString(),
                                    "to",
                                    to.toString(),
                                    "moved",
                                    digest.moved(),
                                    "atRisk",
                                    digest.atRisk(),
                                    "needsYou",
                                    digest.needsYou(),
                                    "held",
                                    digest.held()),
                            List.of()),
                    channels);
            sent.add(digest);
        }
        DigestRunRow run = new DigestRunRow();
        run.role = role;
        run.periodStart = from;
        run.periodEnd = to;
        runs.save(run);
        return sent;
    }

    /**
     * Where a digest goes: the recipient's stakeholder channels (in-app for someone who is no
     * stakeholder).
     */
    private List<Recipients.Recipient> channels(String recipient, List<StakeholderRow> rows) {
        if (rows.isEmpty()) {
            return List.of(
                    new Recipients.Recipient(
                            recipient, Channel.IN_APP, recipient, Delivery.IMMEDIATE));
        }
        Map<String, Recipients.Recipient> result = new LinkedHashMap<>();
        for (StakeholderRow s : rows) {
            Map<String, Recipients.Recipient> one = new LinkedHashMap<>();
            recipients.addStakeholder(one, s, new Recipients.Choices(NoticeType.DIGEST, Map.of()));
            one.values()
                    .forEach(
                            r ->
                                    result.putIfAbsent(
                                            r.id() + "|" + r.channel(),
                                            new Recipients.Recipient(
                                                    r.id(),
                                                    r.channel(),
                                                    r.address(),
                                                    Delivery.IMMEDIATE)));
        }
        return List.copyOf(result.values());
    }
}
