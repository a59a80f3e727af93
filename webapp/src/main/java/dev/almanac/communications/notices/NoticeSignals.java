package dev.almanac.communications.notices;

import dev.almanac.communications.CommunicationsProperties;
import dev.almanac.communications.NoticeDraft;
import dev.almanac.communications.NoticeType;
import dev.almanac.processes.ModelRelease;
import dev.almanac.processes.StepProperties;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.DelegateTask;
import org.operaton.bpm.engine.delegate.ExecutionListener;
import org.operaton.bpm.engine.delegate.TaskListener;
import org.operaton.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.pvm.process.ActivityImpl;
import org.operaton.bpm.engine.impl.pvm.process.ScopeImpl;
import org.operaton.bpm.engine.impl.util.xml.Element;
import org.operaton.bpm.engine.task.IdentityLink;
import org.operaton.bpm.engine.task.IdentityLinkType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Notices the procedure raises, inside the engine's transaction: every user task asks its groups
 * for an approval when it is created; an activity with {@code notifyOnStart} / {@code notifyOnEnd}
 * raises that notice (rollback, release-deployed).
 */
@Component
class NoticeSignals extends AbstractProcessEnginePlugin {

    private final ObjectProvider<Notices> notices;
    private final ObjectProvider<CommunicationsProperties> properties;

    NoticeSignals(ObjectProvider<Notices> notices, ObjectProvider<CommunicationsProperties> properties) {
        this.notices = notices;
        this.properties = properties;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        StepProperties.afterParsing(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof org.operaton.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior user) {
                    user.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, NoticeSignals.this::approvalNeeded);
                }
            }

            @Override
            public void parseProcess(Element process, ProcessDefinitionEntity definition) {
                attach(process, definition);
            }
        });
    }

    private void attach(Element scope, ProcessDefinitionEntity definition) {
        for (Element element : scope.elements()) {
            Map<String, String> properties = StepProperties.of(element);
            ActivityImpl activity = element.attribute("id") == null ? null : definition.findActivity(element.attribute("id"));
            if (activity != null) {
                String onStart = properties.get(ModelRelease.NOTIFY_ON_START);
                String onEnd = properties.get(ModelRelease.NOTIFY_ON_END);
                if (onStart != null) {
                    activity.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) e -> stepNotice(e, onStart, activity));
                }
                if (onEnd != null) {
                    activity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) e -> stepNotice(e, onEnd, activity));
                }
            }
            if ("subProcess".equals(element.getTagName()) || "transaction".equals(element.getTagName())) {
                attach(element, definition);
            }
        }
    }

    private void approvalNeeded(DelegateTask task) {
        List<String> groups = new ArrayList<>();
        for (IdentityLink link : task.getCandidates()) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                groups.add(link.getGroupId());
            }
        }
        String releaseKey = task.getExecution().getProcessBusinessKey();
        ZoneId zone = ZoneId.of(properties.getObject().zone());
        String due = task.getDueDate() == null ? "no due date" : "due " + NoticeTexts.format(task.getDueDate().toInstant(), zone);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("taskId", task.getId());
        payload.put("task", task.getName());
        payload.put("groups", groups);
        payload.put("due", task.getDueDate() == null ? null : task.getDueDate().toInstant().toString());
        notices.getObject().raise(new NoticeDraft("approval-needed:" + task.getId(), NoticeType.APPROVAL_NEEDED, releaseKey, null, null,
                task.getName() + " needed for " + releaseKey + " (" + due + ")",
                "Release " + releaseKey + " waits for '" + task.getName() + "' from " + String.join(", ", groups) + ", " + due + ".\n"
                        + "Open the task in the task list to decide.",
                NoticeTexts.taskLink(task.getId()), payload, groups));
    }

    private void stepNotice(DelegateExecution execution, String code, ActivityImpl activity) {
        NoticeType type = NoticeType.ofCode(code).orElse(null);
        if (type == null) {
            return;
        }
        String releaseKey = execution.getProcessBusinessKey();
        Map<String, Object> payload = new HashMap<>();
        payload.put("step", activity.getName());
        String subject;
        String body;
        if (type == NoticeType.ROLLBACK) {
            Object finding = execution.getVariable(ModelRelease.Variables.HEALTH_FINDING);
            payload.put("healthFinding", finding);
            subject = "Rollback of " + releaseKey + " under way";
            body = "The health check after deploying " + releaseKey + " failed" + (finding == null ? "." : ": " + finding + ".")
                    + "\nRelease managers are rolling the deployment back.";
        } else if (type == NoticeType.RELEASE_DEPLOYED) {
            Object uri = execution.getVariable(ModelRelease.Variables.MODEL_URI);
            Object deployment = execution.getVariable(ModelRelease.Variables.DEPLOYMENT_ID);
            payload.put("modelUri", uri);
            payload.put("deploymentId", deployment);
            subject = releaseKey + " is deployed";
            body = "Release " + releaseKey + " was deployed" + (deployment == null ? "" : " as " + deployment)
                    + (uri == null ? "." : " from " + uri + ".") + "\nRelease notes are drafted and will follow once published.";
        } else {
            subject = activity.getName() + " of " + releaseKey;
            body = activity.getName() + " of release " + releaseKey + ".";
        }
        notices.getObject().raise(NoticeDraft.about(code + ":" + execution.getProcessInstanceId() + ":" + activity.getId() + ":"
                + execution.getActivityInstanceId(), type, releaseKey, subject, body, "/releases/" + releaseKey, payload));
    }
}
