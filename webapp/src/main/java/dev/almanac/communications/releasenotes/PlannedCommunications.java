package dev.almanac.communications.releasenotes;

import dev.almanac.communications.CommunicationsProperties;
import dev.almanac.communications.CommunicationsRejected;
import dev.almanac.communications.NoticeDraft;
import dev.almanac.communications.NoticeType;
import dev.almanac.communications.notices.NoticeTexts;
import dev.almanac.communications.notices.Notices;
import dev.almanac.governance.Retrospectives;
import dev.almanac.projection.ProjectedRelease;
import dev.almanac.projection.ProjectedStep;
import dev.almanac.projection.StepStatus;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.schedule.ReleaseCalendar;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One planned communication per milestone of a release: what it will deliver, the remaining risks
 * and the next steps. Almanac drafts it from the projection and the open items of earlier
 * retrospectives; the owner can edit it until it is sent, which happens when the milestone is done
 * (or when the owner sends it earlier).
 *
 * <p>A little over our usual length: drafting, editing and sending share the milestone dates of the
 * projection and one row's life, and apart they would pass both back and forth.
 */
@Service
public class PlannedCommunications {

    private static final Logger log = LoggerFactory.getLogger(PlannedCommunications.class);

    private final PlannedCommunicationRepository rows;
    private final ReleaseCalendar calendar;
    private final ReleaseQueries releaseQueries;
    private final Retrospectives retrospectives;
    private final Notices notices;
    private final CommunicationsProperties properties;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate tx;

    PlannedCommunications(
            org.springframework.transaction.support.TransactionTemplate tx,
            PlannedCommunicationRepository rows,
            ReleaseCalendar calendar,
            ReleaseQueries releaseQueries,
            Retrospectives retrospectives,
            Notices notices,
            CommunicationsProperties properties,
            Clock clock) {
        this.rows = rows;
        this.calendar = calendar;
        this.releaseQueries = releaseQueries;
        this.retrospectives = retrospectives;
        this.notices = notices;
        this.properties = properties;
        this.clock = clock;
        this.tx = tx;
    }

    /** A milestone's communication: the saved one, or the draft Almanac would send. */
    public record Communication(
            String releaseKey,
            String milestone,
            Instant projectedEnd,
            boolean done,
            String delivers,
            String risks,
            String nextSteps,
            String editedBy,
            Instant editedAt,
            Instant sentAt) {

        public boolean sent() {
            return sentAt != null;
        }

        public String text() {
            return "What "
                    + milestone
                    + " delivers:\n"
                    + delivers
                    + "\n\nRemaining risks:\n"
                    + risks
                    + "\n\nNext steps:\n"
                    + nextSteps;
        }
    }

    private record MilestoneDates(String name, Instant end, boolean done) {}

    private static List<MilestoneDates> milestones(ProjectedRelease release) {
        Map<String, MilestoneDates> result = new LinkedHashMap<>();
        for (ProjectedStep step : release.steps()) {
            if (step.milestone() == null) {
                continue;
            }
            MilestoneDates before = result.get(step.milestone());
            Instant end =
                    step.status() == StepStatus.DONE && step.actualEnd() != null
                            ? step.actualEnd()
                            : step.end();
            boolean done = step.status() == StepStatus.DONE;
            if (before == null) {
                result.put(step.milestone(), new MilestoneDates(step.milestone(), end, done));
            } else {
                result.put(
                        step.milestone(),
                        new MilestoneDates(
                                step.milestone(),
                                end != null && (before.end() == null || end.isAfter(before.end()))
                                        ? end
                                        : before.end(),
                                before.done() && done));
            }
        }
        return List.copyOf(result.values());
    }

    @Transactional(readOnly = true)
    public List<Communication> of(String releaseKey) {
        ReleaseCalendar.Projection projection = calendar.current();
        Optional<ProjectedRelease> release = projection.release(releaseKey);
        if (release.isEmpty()) {
            return List.of();
        }
        List<MilestoneDates> milestones = milestones(release.get());
        Map<String, PlannedCommunicationRow> saved = new java.util.HashMap<>();
        rows.findByReleaseKey(releaseKey).forEach(r -> saved.put(r.milestone, r));
        List<Communication> result = new ArrayList<>();
        for (int i = 0; i < milestones.size(); i++) {
            result.add(
                    communication(
                            releaseKey,
                            milestones,
                            i,
                            release.get(),
                            Optional.ofNullable(saved.get(milestones.get(i).name())),
                            projection.zone()));
        }
        return result;
    }

    private Communication communication(
            String releaseKey,
            List<MilestoneDates> milestones,
            int index,
            ProjectedRelease release,
            Optional<PlannedCommunicationRow> saved,
            ZoneId zone) {
        MilestoneDates m = milestones.get(index);
        if (saved.isPresent()) {
            PlannedCommunicationRow r = saved.get();
            return new Communication(
                    releaseKey,
                    m.name(),
                    m.end(),
                    m.done(),
                    r.delivers,
                    r.risks,
                    r.nextSteps,
                    r.editedBy,
                    r.editedAt,
                    r.sentAt);
        }
        String delivers =
                m.name()
                        + " of "
                        + releaseKey
                        + (m.done() ? " was completed " : " is projected to complete ")
                        + NoticeTexts.format(m.end(), zone)
                        + ".";
        StringBuilder risks =
                new StringBuilder(
                        "- Outlook: "
                                + release.outlook()
                                        .name()
                                        .toLowerCase(Locale.ROOT)
                                        .replace('_', ' ')
                                + ", "
                                + Math.round(release.onTargetProbability() * 100)
                                + "% chance to meet the target date.");
        String model =
                releaseQueries
                        .plannedRelease(releaseKey)
                        .map(dev.almanac.releases.ReleaseSummary::model)
                        .orElse(null);
        if (model != null) {
            for (Retrospectives.OpenItem item : retrospectives.itemsFor(model, releaseKey)) {
                if (item.open()) {
                    risks.append("\n- Open from ")
                            .append(item.fromRelease())
                            .append("'s retrospective: ")
                            .append(item.text());
                }
            }
        }
        String next =
                index + 1 < milestones.size()
                        ? "- "
                                + milestones.get(index + 1).name()
                                + ", projected "
                                + NoticeTexts.format(milestones.get(index + 1).end(), zone)
                        : "- The release is complete after this milestone.";
        return new Communication(
                releaseKey,
                m.name(),
                m.end(),
                m.done(),
                delivers,
                risks.toString(),
                next,
                null,
                null,
                null);
    }

    /**
     * Saves the owner's edit of a milestone's communication.
     *
     * @throws CommunicationsRejected naming the field when a part is empty or the communication was
     *     already sent
     */
    @Transactional
    public Communication edit(
            String releaseKey,
            String milestone,
            String delivers,
            String risks,
            String nextSteps,
            String by) {
        Communication current =
                of(releaseKey).stream()
                        .filter(c -> c.milestone().equals(milestone))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new CommunicationsRejected(
                                                "milestone",
                                                "Release "
                                                        + releaseKey
                                                        + " has no milestone '"
                                                        + milestone
                                                        + "'."));
        if (current.sent()) {
            throw new CommunicationsRejected(
                    "milestone", "The communication for " + milestone + " was sent already.");
        }
        for (var part :
                Map.of(
                                "delivers",
                                delivers == null ? "" : delivers,
                                "risks",
                                risks == null ? "" : risks,
                                "nextSteps",
                                nextSteps == null ? "" : nextSteps)
                        .entrySet()) {
            if (part.getValue().isBlank()) {
                throw new CommunicationsRejected(part.getKey(), "Say something here, even 'none'.");
            }
            if (part.getValue().length() > 4000) {
                throw new CommunicationsRejected(
                        part.getKey(), "Keep each part under 4,000 characters.");
            }
        }
        PlannedCommunicationRow row =
                rows.findByReleaseKeyAndMilestone(releaseKey, milestone)
                        .orElseGet(PlannedCommunicationRow::new);
        row.releaseKey = releaseKey;
        row.milestone = milestone;
        row.delivers = delivers.strip();
        row.risks = risks.strip();
        row.nextSteps = nextSteps.strip();
        row.editedBy = by;
        row.editedAt = clock.instant();
        rows.save(row);
        return of(releaseKey).stream()
                .filter(c -> c.milestone().equals(milestone))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Sends a milestone's communication now (as edited, or as drafted) to the release's
     * stakeholders.
     *
     * @throws CommunicationsRejected when it was sent already or there is no such milestone
     */
    @Transactional
    public Communication send(String releaseKey, String milestone, String by) {
        Communication current =
                of(releaseKey).stream()
                        .filter(c -> c.milestone().equals(milestone))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new CommunicationsRejected(
                                                "milestone",
                                                "Release "
                                                        + releaseKey
                                                        + " has no milestone '"
                                                        + milestone
                                                        + "'."));
        if (current.sent()) {
            throw new CommunicationsRejected(
                    "milestone", "The communication for " + milestone + " was sent already.");
        }
        PlannedCommunicationRow row =
                rows.findByReleaseKeyAndMilestone(releaseKey, milestone)
                        .orElseGet(PlannedCommunicationRow::new);
        row.releaseKey = releaseKey;
        row.milestone = milestone;
        row.delivers = current.delivers();
        row.risks = current.risks();
        row.nextSteps = current.nextSteps();
        row.sentAt = clock.instant();
        rows.save(row);
        notices.raise(
                NoticeDraft.about(
                        "planned-communication:" + releaseKey + ":" + milestone,
                        NoticeType.PLANNED_COMMUNICATION,
                        releaseKey,
                        releaseKey + ": " + milestone + (current.done() ? " done" : " update"),
                        current.text(),
                        "/releases/" + releaseKey,
                        Map.of(
                                "milestone",
                                milestone,
                                "delivers",
                                current.delivers(),
                                "risks",
                                current.risks(),
                                "nextSteps",
                                current.nextSteps(),
                                "sentBy",
                                by == null ? "almanac" : by)));
        return of(releaseKey).stream()
                .filter(c -> c.milestone().equals(milestone))
                .findFirst()
                .orElseThrow();
    }

    /** Sends the communications of milestones done since, once each. */
    @Scheduled(
            fixedDelayString = "${almanac.communications.milestone-check:60s}",
            initialDelayString = "40s")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(
            name = "planned-communications",
            lockAtLeastFor = "PT50S",
            lockAtMostFor = "PT10M")
    void tick() {
        if (!properties.dispatch()) {
            return;
        }
        try {
            sendDone();
        } catch (RuntimeException e) {
            log.warn("Sending milestone communications failed: {}", e.getMessage());
        }
    }

    public int sendDone() {
        int sent = 0;
        ReleaseCalendar.Projection projection = calendar.current();
        Instant recent = clock.instant().minus(java.time.Duration.ofDays(2));
        for (ProjectedRelease release : projection.projected().values()) {
            for (MilestoneDates m : milestones(release)) {
                // only milestones done lately: a restart does not announce last year's releases
                // again
                if (m.done()
                        && m.end() != null
                        && m.end().isAfter(recent)
                        && rows.findByReleaseKeyAndMilestone(release.key(), m.name())
                                .map(r -> r.sentAt == null)
                                .orElse(true)) {
                    // the row marked sent and the notice commit together
                    tx.executeWithoutResult(status -> send(release.key(), m.name(), null));
                    sent++;
                }
            }
        }
        return sent;
    }
}
