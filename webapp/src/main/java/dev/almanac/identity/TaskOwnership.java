package dev.almanac.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.task.IdentityLink;
import org.operaton.bpm.engine.task.IdentityLinkType;
import org.operaton.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * A task belongs to its candidate groups and users: only they (and administrators) claim and
 * complete it. The engine enforces it through its task permissions; this says it in a sentence
 * naming the group before the engine is asked, on our pages, over {@code /engine-rest} and in
 * Tasklist.
 */
@Service
public class TaskOwnership {

    private final TaskService tasks;
    private final People people;

    TaskOwnership(TaskService tasks, People people) {
        this.tasks = tasks;
        this.people = people;
    }

    /**
     * Why the person may not work on the task, or empty if they may (or there is no such task,
     * which the engine then answers).
     */
    public Optional<String> refusal(String userId, String taskId) {
        if (userId == null || taskId == null) {
            return Optional.empty();
        }
        return people.asSystem(() -> check(userId, taskId));
    }

    private Optional<String> check(String userId, String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            return Optional.empty();
        }
        List<String> teams = people.teamsOf(userId);
        if (teams.contains(AccessPolicy.ADMINS) || userId.equals(task.getAssignee())) {
            return Optional.empty();
        }
        Set<String> groups = new TreeSet<>();
        Set<String> users = new TreeSet<>();
        for (IdentityLink link : tasks.getIdentityLinksForTask(taskId)) {
            if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                continue;
            }
            if (link.getGroupId() != null) {
                groups.add(link.getGroupId());
            }
            if (link.getUserId() != null) {
                users.add(link.getUserId());
            }
        }
        if (users.contains(userId) || groups.stream().anyMatch(teams::contains)) {
            return Optional.empty();
        }
        String owners =
                groups.isEmpty()
                        ? users.isEmpty() ? "nobody you belong to" : String.join(", ", users)
                        : "the group " + String.join(" or ", groups);
        return Optional.of(
                userId
                        + " may not work on '"
                        + task.getName()
                        + "': it belongs to "
                        + owners
                        + (users.isEmpty() || groups.isEmpty()
                                ? ""
                                : " (or " + String.join(", ", users) + ")")
                        + ". Someone in "
                        + (groups.isEmpty() ? "that list" : String.join(" or ", groups))
                        + " must decide it.");
    }
}
