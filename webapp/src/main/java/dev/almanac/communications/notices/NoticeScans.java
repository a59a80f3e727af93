package dev.almanac.communications.notices;

import dev.almanac.communications.CommunicationsProperties;
import dev.almanac.communications.NoticeDraft;
import dev.almanac.communications.NoticeType;
import dev.almanac.planning.Windows;
import dev.almanac.projection.ReleaseWindows;
import dev.almanac.projection.WindowKind;
import dev.almanac.projection.WindowOccurrence;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.ReleaseTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notices nothing else raises, found by looking every minute: tasks past their due date and freezes
 * that started or ended. Each is told once (its source key), on every node alike.
 */
@Component
public class NoticeScans {

    private static final Logger log = LoggerFactory.getLogger(NoticeScans.class);

    private final Notices notices;
    private final ReleaseQueries releaseQueries;
    private final Windows calendarWindows;
    private final CommunicationsProperties properties;
    private final Clock clock;

    NoticeScans(
            Notices notices,
            ReleaseQueries releaseQueries,
            Windows calendarWindows,
            CommunicationsProperties properties,
            Clock clock) {
        this.notices = notices;
        this.releaseQueries = releaseQueries;
        this.calendarWindows = calendarWindows;
        this.properties = properties;
        this.clock = clock;
    }

    private ZoneId zone() {
        return ZoneId.of(properties.zone());
    }

    @Scheduled(
            fixedDelayString = "${almanac.communications.scan-interval:60s}",
            initialDelayString = "20s")
    @net.javacrumbs.shedlock.spring.annotation.SchedulerLock(
            name = "notice-scans",
            lockAtLeastFor = "PT50S",
            lockAtMostFor = "PT10M")
    void scan() {
        if (!properties.dispatch()) {
            return;
        }
        try {
            overdue(clock.instant());
            freezes(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Scanning for overdue tasks and freezes failed: {}", e.getMessage());
        }
    }

    /** Every open task past its due date, once. */
    @Transactional
    public int overdue(Instant now) {
        int raised = 0;
        for (ReleaseTask task : releaseQueries.overdueTasks(now)) {
            if (notices.raised("task-overdue:" + task.taskId())) {
                continue; // told already: a task stays overdue for every scan until it is done
            }
            Duration late = Duration.between(task.due(), now);
            raised +=
                    notices.raise(
                                            new NoticeDraft(
                                                    "task-overdue:" + task.taskId(),
                                                    NoticeType.TASK_OVERDUE,
                                                    task.releaseKey(),
                                                    null,
                                                    null,
                                                    task.name()
                                                            + " for "
                                                            + task.releaseKey()
                                                            + " is overdue",
                                                    "'"
                                                            + task.name()
                                                            + "' of release "
                                                            + task.releaseKey()
                                                            + " was due "
                                                            + NoticeTexts.format(task.due(), zone())
                                                            + " ("
                                                            + NoticeTexts.days(late)
                                                            + " ago)"
                                                            + (task.assignee() == null
                                                                    ? ", and nobody has claimed it."
                                                                    : ", assigned to "
                                                                            + task.assignee()
                                                                            + ".")
                                                            + "\nEverything after it on the calendar moves while it waits.",
                                                    NoticeTexts.taskLink(task.taskId()),
                                                    Map.of(
                                                            "taskId",
                                                            task.taskId(),
                                                            "task",
                                                            task.name(),
                                                            "due",
                                                            task.due().toString(),
                                                            "groups",
                                                            task.groups()),
                                                    task.groups()))
                                    > 0
                            ? 1
                            : 0;
        }
        return raised;
    }

    /**
     * Freezes that started or ended in the last day, once each: to the stakeholders of what they
     * freeze.
     */
    @Transactional
    public int freezes(Instant now) {
        ReleaseWindows windows =
                ReleaseWindows.expand(
                        calendarWindows.windowRules(),
                        now.minus(Duration.ofDays(30)),
                        now.plus(Duration.ofDays(1)));
        Instant since = now.minus(Duration.ofDays(1));
        int raised = 0;
        for (WindowOccurrence o : windows.occurrences(since, now.plusSeconds(1))) {
            if (o.rule().kind() != WindowKind.FREEZE) {
                continue;
            }
            String productLine =
                    o.rule().scope() == dev.almanac.projection.WindowScope.PRODUCT_LINE
                            ? o.rule().scopeKey()
                            : null;
            String model =
                    o.rule().scope() == dev.almanac.projection.WindowScope.MODEL
                            ? o.rule().scopeKey()
                            : null;
            String scope =
                    productLine != null
                            ? "product line " + productLine
                            : model != null ? "model " + model : "every release";
            Map<String, Object> payload =
                    Map.of(
                            "window",
                            o.rule().name(),
                            "start",
                            o.start().toString(),
                            "end",
                            o.end().toString(),
                            "scope",
                            scope);
            if (!o.start().isBefore(since) && !o.start().isAfter(now)) {
                raised +=
                        notices.raise(
                                                new NoticeDraft(
                                                        "freeze-started:"
                                                                + o.rule().id()
                                                                + ":"
                                                                + o.start().toEpochMilli(),
                                                        NoticeType.FREEZE_STARTED,
                                                        null,
                                                        productLine,
                                                        model,
                                                        "Freeze started: " + o.rule().name(),
                                                        o.rule().name()
                                                                + " started "
                                                                + NoticeTexts.format(
                                                                        o.start(), zone())
                                                                + " and holds deploys of "
                                                                + scope
                                                                + " until "
                                                                + NoticeTexts.format(
                                                                        o.end(), zone())
                                                                + ".\nDeploys waiting for it go by themselves when it ends; an urgent one needs a freeze override.",
                                                        "/calendar",
                                                        payload,
                                                        List.of()))
                                        > 0
                                ? 1
                                : 0;
            }
            if (!o.end().isBefore(since) && !o.end().isAfter(now)) {
                raised +=
                        notices.raise(
                                                new NoticeDraft(
                                                        "freeze-ended:"
                                                                + o.rule().id()
                                                                + ":"
                                                                + o.end().toEpochMilli(),
                                                        NoticeType.FREEZE_ENDED,
                                                        null,
                                                        productLine,
                                                        model,
                                                        "Freeze ended: " + o.rule().name(),
                                                        o.rule().name()
                                                                + " ended "
                                                                + NoticeTexts.format(
                                                                        o.end(), zone())
                                                                + "; deploys of "
                                                                + scope
                                                                + " that waited for it go now.",
                                                        "/calendar",
                                                        payload,
                                                        List.of()))
                                        > 0
                                ? 1
                                : 0;
            }
        }
        return raised;
    }
}
