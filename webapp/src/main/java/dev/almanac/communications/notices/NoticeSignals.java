package dev.almanac.communications.notices;

import dev.almanac.communications.CommunicationsProperties;
import dev.almanac.communications.NoticeDraft;
import dev.almanac.communications.NoticeType;
import dev.almanac.processes.ModelRelease;
import dev.almanac.processes.ProcedureListener;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Notices the procedure raises, inside the engine's transaction: every user task asks its groups
 * for an approval when it is created; an activity with {@code notifyOnStart} / {@code notifyOnEnd}
 * raises that notice (rollback, release-deployed).
 */
@Component
class NoticeSignals implements ProcedureListener {

    private final ObjectProvider<Notices> notices;
    private final ObjectProvider<CommunicationsProperties> properties;

    NoticeSignals(
            ObjectProvider<Notices> notices, ObjectProvider<CommunicationsProperties> properties) {
        this.notices = notices;
        this.properties = properties;
    }

    @Override
    public void taskCreated(Task task) {
        approvalNeeded(task);
    }

    @Override
    public void stepStarted(Step step) {
        String code = step.properties().get(ModelRelease.NOTIFY_ON_START);
        if (code != null) {
            stepNotice(step, code);
        }
    }

    @Override
    public void stepEnded(Step step) {
        String code = step.properties().get(ModelRelease.NOTIFY_ON_END);
        if (code != null) {
            stepNotice(step, code);
        }
    }

    private void approvalNeeded(Task task) {
        List<String> groups = task.candidateGroups();
        String releaseKey = task.releaseKey();
        ZoneId zone = ZoneId.of(properties.getObject().zone());
        String due =
                task.due() == null ? "no due date" : "due " + NoticeTexts.format(task.due(), zone);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("taskId", task.taskId());
        payload.put("task", task.name());
        payload.put("groups", groups);
        payload.put("due", task.due() == null ? null : task.due().toString());
        notices.getObject()
                .raise(
                        new NoticeDraft(
                                "approval-needed:" + task.taskId(),
                                NoticeType.APPROVAL_NEEDED,
                                releaseKey,
                                null,
                                null,
                                task.name() + " needed for " + releaseKey + " (" + due + ")",
                                "Release "
                                        + releaseKey
                                        + " waits for '"
                                        + task.name()
                                        + "' from "
                                        + String.join(", ", groups)
                                        + ", "
                                        + due
                                        + ".\n"
                                        + "Open the task in the task list to decide.",
                                NoticeTexts.taskLink(task.taskId()),
                                payload,
                                groups));
    }

    private void stepNotice(Step step, String code) {
        NoticeType type = NoticeType.ofCode(code).orElse(null);
        if (type == null) {
            return;
        }
        String releaseKey = step.releaseKey();
        Map<String, Object> payload = new HashMap<>();
        payload.put("step", step.activityName());
        String subject;
        String body;
        if (type == NoticeType.ROLLBACK) {
            Object finding = step.variable(ModelRelease.Variables.HEALTH_FINDING);
            payload.put("healthFinding", finding);
            subject = "Rollback of " + releaseKey + " under way";
            body =
                    "The health check after deploying "
                            + releaseKey
                            + " failed"
                            + (finding == null ? "." : ": " + finding + ".")
                            + "\nRelease managers are rolling the deployment back.";
        } else if (type == NoticeType.RELEASE_DEPLOYED) {
            Object uri = step.variable(ModelRelease.Variables.MODEL_URI);
            Object deployment = step.variable(ModelRelease.Variables.DEPLOYMENT_ID);
            payload.put("modelUri", uri);
            payload.put("deploymentId", deployment);
            subject = releaseKey + " is deployed";
            body =
                    "Release "
                            + releaseKey
                            + " was deployed"
                            + (deployment == null ? "" : " as " + deployment)
                            + (uri == null ? "." : " from " + uri + ".")
                            + "\nRelease notes are drafted and will follow once published.";
        } else {
            subject = step.activityName() + " of " + releaseKey;
            body = step.activityName() + " of release " + releaseKey + ".";
        }
        notices.getObject()
                .raise(
                        NoticeDraft.about(
                                code
                                        + ":"
                                        + step.processInstanceId()
                                        + ":"
                                        + step.activityId()
                                        + ":"
                                        + step.activityInstanceId(),
                                type,
                                releaseKey,
                                subject,
                                body,
                                "/releases/" + releaseKey,
                                payload));
    }
}
