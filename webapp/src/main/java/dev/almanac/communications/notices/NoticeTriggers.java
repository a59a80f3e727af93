package dev.almanac.communications.notices;

import dev.almanac.capacity.CapacityConflictDetected;
import dev.almanac.communications.CommunicationsProperties;
import dev.almanac.communications.NoticeDraft;
import dev.almanac.communications.NoticeType;
import dev.almanac.governance.GovernanceEvents;
import dev.almanac.projection.Step;
import dev.almanac.projection.StepKind;
import dev.almanac.releases.MilestoneStepEnded;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.schedule.MilestoneSlipped;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns what happens elsewhere into notices, in the transaction of the event: slips, capacity
 * conflicts, halted gates and overrides; completed steps just after it commits. Source keys make
 * each of them a notice once. Overdue tasks and freezes are found on a schedule by {@link
 * NoticeScans}.
 */
@Component
public class NoticeTriggers {

    private static final Logger log = LoggerFactory.getLogger(NoticeTriggers.class);

    private final Notices notices;
    private final ReleaseQueries releaseQueries;
    private final CommunicationsProperties properties;
    private final Clock clock;

    NoticeTriggers(
            Notices notices,
            ReleaseQueries releaseQueries,
            CommunicationsProperties properties,
            Clock clock) {
        this.notices = notices;
        this.releaseQueries = releaseQueries;
        this.properties = properties;
        this.clock = clock;
    }

    private ZoneId zone() {
        return ZoneId.of(properties.zone());
    }

    @EventListener
    @Transactional
    public void slipped(MilestoneSlipped slip) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("milestone", slip.milestone());
        payload.put("previousEnd", slip.previousEnd().toString());
        payload.put("projectedEnd", slip.projectedEnd().toString());
        payload.put("pastTarget", slip.pastTarget());
        payload.put("cause", slip.cause());
        String cause = slip.cause() == null ? "no single cause recorded" : slip.cause();
        notices.raise(
                NoticeDraft.about(
                        "milestone-slipped:"
                                + slip.releaseKey()
                                + ":"
                                + slip.milestone()
                                + ":"
                                + slip.projectedEnd().toEpochMilli(),
                        NoticeType.MILESTONE_SLIPPED,
                        slip.releaseKey(),
                        slip.milestone()
                                + " of "
                                + slip.releaseKey()
                                + " slipped "
                                + NoticeTexts.days(slip.by())
                                + (slip.pastTarget() ? ", past its target" : ""),
                        slip.milestone()
                                + " of "
                                + slip.releaseKey()
                                + " now ends "
                                + NoticeTexts.format(slip.projectedEnd(), zone())
                                + " (was "
                                + NoticeTexts.format(slip.previousEnd(), zone())
                                + ").\nCause: "
                                + cause
                                + "."
                                + (slip.pastTarget()
                                        ? "\nIt now ends after the release's target date."
                                        : ""),
                        "/releases/" + slip.releaseKey(),
                        payload));
    }

    @EventListener
    @Transactional
    public void conflict(CapacityConflictDetected detected) {
        var c = detected.conflict();
        String what = "reserve".equals(c.kind()) ? "eats into its reserve" : "is over-allocated";
        String body =
                c.resource()
                        + " "
                        + what
                        + " from "
                        + NoticeTexts.format(c.start(), zone())
                        + " to "
                        + NoticeTexts.format(c.end(), zone())
                        + ": "
                        + Math.round(c.peakBooked() * 10) / 10.0
                        + " booked of "
                        + Math.round(c.capacity() * 10) / 10.0
                        + ".\nReleases: "
                        + String.join(", ", c.releases())
                        + ".\nLevel it on the utilisation page.";
        for (String release : c.releases()) {
            notices.raise(
                    NoticeDraft.about(
                            "capacity-conflict:"
                                    + c.resource()
                                    + ":"
                                    + c.kind()
                                    + ":"
                                    + c.start().toEpochMilli()
                                    + ":"
                                    + release,
                            NoticeType.CAPACITY_CONFLICT,
                            release,
                            c.resource() + " " + what + " (" + release + ")",
                            body,
                            "/utilisation",
                            Map.of(
                                    "resource",
                                    c.resource(),
                                    "kind",
                                    c.kind(),
                                    "start",
                                    c.start().toString(),
                                    "end",
                                    c.end().toString(),
                                    "peakBooked",
                                    c.peakBooked(),
                                    "capacity",
                                    c.capacity(),
                                    "releases",
                                    c.releases())));
        }
    }

    @EventListener
    @Transactional
    public void gateHalted(GovernanceEvents.GateHalted halted) {
        StringBuilder metrics = new StringBuilder();
        halted.metrics().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(
                        e ->
                                metrics.append(metrics.isEmpty() ? "" : ", ")
                                        .append(e.getKey())
                                        .append(" ")
                                        .append(NoticeTexts.number(e.getValue())));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("gate", halted.gate());
        payload.put("reason", halted.reason());
        payload.put("metrics", halted.metrics());
        notices.raise(
                NoticeDraft.about(
                        "gate-halted:"
                                + halted.releaseKey()
                                + ":"
                                + halted.gate()
                                + ":"
                                + clock.millis(),
                        NoticeType.GATE_HALTED,
                        halted.releaseKey(),
                        halted.gate() + " halted " + halted.releaseKey(),
                        halted.gate()
                                + " halted release "
                                + halted.releaseKey()
                                + (halted.decidedBy() == null
                                        ? ""
                                        : " (" + halted.decidedBy() + ")")
                                + ".\nReason: "
                                + (halted.reason() == null ? "none given" : halted.reason())
                                + "\nMetrics: "
                                + (metrics.isEmpty() ? "none reported" : metrics)
                                + "\nThe owner team decides next: retrain, stop, or ask for an override.",
                        "/releases/" + halted.releaseKey(),
                        payload));
    }

    @EventListener
    @Transactional
    public void overridden(GovernanceEvents.OverrideGranted granted) {
        String what =
                "freeze".equals(granted.what())
                        ? "the freeze"
                        : "gate".equals(granted.what())
                                ? "the failed gate"
                                : "the " + granted.what();
        String until =
                granted.until() == null
                        ? ""
                        : ", valid until " + NoticeTexts.format(granted.until(), zone());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("what", granted.what());
        payload.put("by", granted.by());
        payload.put("reason", granted.reason());
        payload.put("until", granted.until() == null ? null : granted.until().toString());
        payload.put("decision", granted.decisionId());
        notices.raise(
                NoticeDraft.about(
                        "override-granted:" + granted.decisionId(),
                        NoticeType.OVERRIDE_GRANTED,
                        granted.releaseKey(),
                        granted.by() + " overrode " + what + " for " + granted.releaseKey(),
                        granted.by()
                                + " granted an override of "
                                + what
                                + " for release "
                                + granted.releaseKey()
                                + until
                                + ".\nReason: "
                                + granted.reason()
                                + "\nIt is entry "
                                + granted.decisionId()
                                + " of the decision log.",
                        "/governance/decisions?release=" + granted.releaseKey(),
                        payload));
    }

    /**
     * A completed step is a digest line, not a warning: it is written after the step's transaction
     * commits, on the follow-up threads, so a pipeline event or a worker's completion does not wait
     * for the recipients' fan-out. (Slips, halts and overrides stay in their transaction.) A node
     * that dies between the commit and this write loses that digest line.
     */
    @org.springframework.transaction.event.TransactionalEventListener
    @org.springframework.scheduling.annotation.Async(dev.almanac.operations.FollowUps.EXECUTOR)
    @Transactional(
            propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public void stepEnded(MilestoneStepEnded ended) {
        Step step =
                releaseQueries.latestProcedure().steps().stream()
                        .filter(s -> s.activityId().equals(ended.activityId()))
                        .findFirst()
                        .orElse(null);
        if (step == null || step.kind() != StepKind.WORK || step.planned().isZero()) {
            return;
        }
        notices.raise(
                NoticeDraft.about(
                        "step-completed:"
                                + ended.releaseKey()
                                + ":"
                                + ended.activityId()
                                + ":"
                                + clock.millis(),
                        NoticeType.STEP_COMPLETED,
                        ended.releaseKey(),
                        step.name() + " done for " + ended.releaseKey(),
                        step.name()
                                + " ("
                                + step.milestone()
                                + ") of release "
                                + ended.releaseKey()
                                + " is done.",
                        "/releases/" + ended.releaseKey(),
                        Map.of(
                                "step",
                                step.name(),
                                "activityId",
                                step.activityId(),
                                "milestone",
                                String.valueOf(step.milestone()))));
    }
}
