package dev.almanac.communications.digests;

import dev.almanac.communications.notices.DeliveryRepository;
import dev.almanac.communications.notices.DeliveryRow;
import dev.almanac.communications.notices.NoticeRepository;
import dev.almanac.communications.notices.NoticeRow;
import dev.almanac.communications.notices.NoticeTexts;
import dev.almanac.communications.stakeholders.StakeholderRow;
import dev.almanac.identity.People;
import dev.almanac.projection.Outlook;
import dev.almanac.projection.ProjectedRelease;
import dev.almanac.projection.ReleaseState;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.ReleaseTask;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.schedule.Slips;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What one recipient's digest of a period says: what moved (slips), what is at risk, the open tasks
 * of their groups and the notices they chose to get in their digest, for the releases they follow.
 */
@Component
class DigestContents {

    private final DeliveryRepository deliveries;
    private final NoticeRepository notices;
    private final People people;
    private final ReleaseQueries releaseQueries;

    DigestContents(
            DeliveryRepository deliveries,
            NoticeRepository notices,
            People people,
            ReleaseQueries releaseQueries) {
        this.deliveries = deliveries;
        this.notices = notices;
        this.people = people;
        this.releaseQueries = releaseQueries;
    }

    Digests.Digest digest(
            String recipient,
            String role,
            List<StakeholderRow> rows,
            ReleaseCalendar.Projection projection,
            List<Slips.Recorded> slipsOfPeriod,
            Instant from,
            Instant to) {
        ZoneId zone = projection.zone();
        Set<String> inScope = new LinkedHashSet<>();
        for (ReleaseState release : projection.releases().values()) {
            for (StakeholderRow s : rows) {
                if (s.scopeKind == StakeholderRow.ScopeKind.MODEL
                        ? s.scope.equals(release.model())
                        : s.scope.equals(release.productLine())) {
                    inScope.add(release.key());
                }
            }
        }
        List<String> moved =
                slipsOfPeriod.stream()
                        .filter(r -> inScope.contains(r.slip().releaseKey()))
                        .map(
                                r ->
                                        r.slip().releaseKey()
                                                + ": "
                                                + r.slip().milestone()
                                                + " moved "
                                                + NoticeTexts.days(r.slip().by())
                                                + " to "
                                                + NoticeTexts.format(r.slip().projectedEnd(), zone)
                                                + (r.slip().cause() == null
                                                        ? ""
                                                        : " (" + r.slip().cause() + ")"))
                        .toList();
        List<String> atRisk =
                projection.projected().values().stream()
                        .filter(r -> inScope.contains(r.key()))
                        .filter(r -> r.outlook() == Outlook.AT_RISK || r.outlook() == Outlook.LATE)
                        .map(
                                (ProjectedRelease r) ->
                                        r.key()
                                                + " is "
                                                + r.outlook()
                                                        .name()
                                                        .toLowerCase(Locale.ROOT)
                                                        .replace('_', ' ')
                                                + " ("
                                                + Math.round(r.onTargetProbability() * 100)
                                                + "% on target)")
                        .toList();
        List<String> needsYou = new ArrayList<>();
        List<String> groups =
                recipient.startsWith("group:")
                        ? List.of(recipient.substring(6))
                        : people.teamsOf(recipient);
        for (ReleaseTask task : releaseQueries.openTasksFor(groups)) {
            if (task.releaseKey() != null
                    && (rows.isEmpty() || inScope.contains(task.releaseKey()))) {
                needsYou.add(
                        task.name()
                                + " for "
                                + task.releaseKey()
                                + (task.due() == null
                                        ? ""
                                        : ", due " + NoticeTexts.format(task.due(), zone)));
            }
        }
        List<String> held = new ArrayList<>();
        List<DeliveryRow> heldRows =
                deliveries.findByRecipientAndStatusAndNextAttemptAtLessThanOrderById(
                        recipient, DeliveryRow.Status.HELD, to);
        Map<Long, NoticeRow> byId =
                notices
                        .findByIdIn(heldRows.stream().map(d -> d.noticeId).distinct().toList())
                        .stream()
                        .collect(Collectors.toMap(n -> n.id, n -> n));
        Set<Long> seen = new LinkedHashSet<>();
        for (DeliveryRow d : heldRows) {
            if (!d.nextAttemptAt.isBefore(from)
                    && seen.add(d.noticeId)
                    && byId.containsKey(d.noticeId)) {
                held.add(byId.get(d.noticeId).subject);
            }
            if (!d.nextAttemptAt.isBefore(from)) {
                d.status = DeliveryRow.Status.DIGESTED;
            }
        }
        return new Digests.Digest(recipient, role, from, to, moved, atRisk, needsYou, held);
    }
}
