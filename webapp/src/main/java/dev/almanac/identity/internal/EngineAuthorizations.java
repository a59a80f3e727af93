package dev.almanac.identity.internal;

import dev.almanac.identity.AccessPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.operaton.bpm.engine.AuthorizationService;
import org.operaton.bpm.engine.FilterService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.authorization.Authorization;
import org.operaton.bpm.engine.authorization.BatchPermissions;
import org.operaton.bpm.engine.authorization.Permission;
import org.operaton.bpm.engine.authorization.Permissions;
import org.operaton.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.operaton.bpm.engine.authorization.ProcessInstancePermissions;
import org.operaton.bpm.engine.authorization.Resource;
import org.operaton.bpm.engine.authorization.Resources;
import org.operaton.bpm.engine.filter.Filter;
import org.operaton.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine's authorizations, as Almanac's roles need them, created at start-up and for every new
 * team ({@link TeamAuthorizationProvider}); idempotent, so every node may run it on every start.
 * With authorization checks on, an engine call made in a person's name (over {@code /engine-rest},
 * in Cockpit, Tasklist or Admin, or by our pages completing their task) may do only what these
 * grant; Almanac's own calls run as the system.
 *
 * <ul>
 *   <li>{@code operaton-admin}: everything.
 *   <li>{@code process-owners}: deploy and delete procedure versions, read definitions, instances
 *       and history, migrate instances (also as a batch); Cockpit.
 *   <li>{@code job-workers} (accounts of standalone worker processes): fetch, lock and complete
 *       external tasks, read the history the production baseline comes from.
 *   <li>every other team (release managers, risk officers, reviewers, owner teams, data and ML
 *       engineers): read definitions, releases and their history; Cockpit for release managers.
 *       Their tasks they get from the engine when a task names them as candidates (claim and
 *       complete only: {@code defaultUserPermissionNameForTask=TASK_WORK}).
 *   <li>everyone signed in: Tasklist and its shared filters, read only.
 * </ul>
 */
@Component
public class EngineAuthorizations {

    private static final Logger log = LoggerFactory.getLogger(EngineAuthorizations.class);

    static final String ANY = Authorization.ANY;

    /** The shared Tasklist filters, by name, with the task query each runs. */
    static final List<String> FILTERS = List.of("My group's approvals", "Due soon", "Overdue");

    private static final String OLD_SHARED_FILTER = "All tasks";

    private final AuthorizationService authorizations;
    private final IdentityService identity;
    private final FilterService filters;
    private final TaskService tasks;
    private final String adminId;

    EngineAuthorizations(
            AuthorizationService authorizations,
            IdentityService identity,
            FilterService filters,
            TaskService tasks,
            @Value("${almanac.admin.id:admin}") String adminId) {
        this.authorizations = authorizations;
        this.identity = identity;
        this.filters = filters;
        this.tasks = tasks;
        this.adminId = adminId;
    }

    /**
     * Whether the signed-in person may open a webapp ({@code cockpit}, {@code tasklist}, {@code
     * admin}), as the engine's application authorizations say: the webapps' APIs are closed to the
     * others, not only their pages.
     */
    org.springframework.security.authorization.AuthorizationManager<
                    org.springframework.security.web.access.intercept.RequestAuthorizationContext>
            mayOpen(String application) {
        return (authentication, context) -> {
            var who = authentication.get();
            if (who == null || !who.isAuthenticated() || who.getName() == null) {
                return new org.springframework.security.authorization.AuthorizationDecision(false);
            }
            // the groups the person signed in with: no query per request
            return new org.springframework.security.authorization.AuthorizationDecision(
                    authorizations.isUserAuthorized(
                            who.getName(),
                            List.copyOf(AccessPolicy.groups(who)),
                            Permissions.ACCESS,
                            Resources.APPLICATION,
                            application));
        };
    }

    /** Everything Almanac needs, for the groups that exist now. */
    public void ensureAll() {
        group(AccessPolicy.PROCESS_OWNERS, "Process owners");
        group(AccessPolicy.JOB_WORKERS, "Job workers");
        group(AccessPolicy.METRICS_SCRAPERS, "Metrics scrapers");
        for (Resources resource : Resources.values()) {
            grant(AccessPolicy.ADMINS, resource, ANY, Permissions.ALL);
        }
        processOwners();
        jobWorkers();
        for (Group group : identity.createGroupQuery().list()) {
            team(group.getId());
        }
        ownAccountsOnly();
        grantEveryone(Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grantEveryone(Resources.APPLICATION, "welcome", Permissions.ACCESS);
        sharedFilters();
    }

    /**
     * What a team may do in the engine: read releases and their history; Cockpit for release
     * managers.
     */
    static List<Grant> teamGrants(String groupId) {
        List<Grant> grants = new ArrayList<>();
        if (AccessPolicy.ADMINS.equals(groupId) || AccessPolicy.JOB_WORKERS.equals(groupId)) {
            // administrators have everything; worker accounts read only what their work needs
            return grants;
        }
        grants.add(
                new Grant(
                        Resources.PROCESS_DEFINITION,
                        ANY,
                        ProcessDefinitionPermissions.READ,
                        ProcessDefinitionPermissions.READ_INSTANCE,
                        ProcessDefinitionPermissions.READ_HISTORY));
        grants.add(new Grant(Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ));
        grants.add(
                new Grant(
                        Resources.DECISION_DEFINITION,
                        ANY,
                        Permissions.READ,
                        Permissions.READ_HISTORY));
        grants.add(new Grant(Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ));
        if (AccessPolicy.RELEASE_MANAGERS.equals(groupId)) {
            grants.add(new Grant(Resources.APPLICATION, "cockpit", Permissions.ACCESS));
        }
        return grants;
    }

    /** Permissions on one resource (or all of its kind, {@code *}). */
    record Grant(Resource resource, String resourceId, Permission... permissions) {}

    private void team(String groupId) {
        for (Grant grant : teamGrants(groupId)) {
            grant(groupId, grant.resource(), grant.resourceId(), grant.permissions());
        }
    }

    /**
     * The engine gives every new account everything on itself, deleting itself included; a person
     * may read and change their own account (name, password), no more. Accounts made before keep no
     * more than that either.
     */
    private void ownAccountsOnly() {
        for (Authorization own :
                authorizations
                        .createAuthorizationQuery()
                        .authorizationType(Authorization.AUTH_TYPE_GRANT)
                        .resourceType(Resources.USER)
                        .list()) {
            if (own.getUserId() != null
                    && own.getUserId().equals(own.getResourceId())
                    && own.isPermissionGranted(Permissions.DELETE)) {
                own.setPermissions(new Permission[] {Permissions.READ, Permissions.UPDATE});
                authorizations.saveAuthorization(own);
            }
        }
    }

    private void processOwners() {
        String g = AccessPolicy.PROCESS_OWNERS;
        grant(
                g,
                Resources.DEPLOYMENT,
                ANY,
                Permissions.CREATE,
                Permissions.READ,
                Permissions.DELETE);
        grant(
                g,
                Resources.PROCESS_DEFINITION,
                ANY,
                ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.MIGRATE_INSTANCE);
        grant(g, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
        grant(g, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
        grant(g, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
        grant(
                g,
                Resources.BATCH,
                ANY,
                BatchPermissions.CREATE_BATCH_MIGRATE_PROCESS_INSTANCES,
                BatchPermissions.READ);
        grant(g, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    }

    private void jobWorkers() {
        String g = AccessPolicy.JOB_WORKERS;
        grant(
                g,
                Resources.PROCESS_DEFINITION,
                ANY,
                ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.UPDATE_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY);
        grant(
                g,
                Resources.PROCESS_INSTANCE,
                ANY,
                ProcessInstancePermissions.READ,
                ProcessInstancePermissions.UPDATE);
    }

    private void group(String id, String name) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType("SYSTEM");
            try {
                identity.saveGroup(group);
            } catch (ProcessEngineException e) {
                // another node created it first
                if (identity.createGroupQuery().groupId(id).count() == 0) {
                    throw e;
                }
            }
        }
    }

    private void grantEveryone(Resource resource, String resourceId, Permission... permissions) {
        ensure(Authorization.AUTH_TYPE_GLOBAL, null, resource, resourceId, permissions);
    }

    private void grant(
            String groupId, Resource resource, String resourceId, Permission... permissions) {
        ensure(Authorization.AUTH_TYPE_GRANT, groupId, resource, resourceId, permissions);
    }

    private void ensure(
            int type,
            String groupId,
            Resource resource,
            String resourceId,
            Permission... permissions) {
        for (int attempt = 0; ; attempt++) {
            try {
                Authorization existing = find(type, groupId, resource, resourceId);
                Authorization authorization = existing;
                if (authorization == null) {
                    authorization = authorizations.createNewAuthorization(type);
                    authorization.setResource(resource);
                    authorization.setResourceId(resourceId);
                    if (type == Authorization.AUTH_TYPE_GLOBAL) {
                        authorization.setUserId(ANY);
                    } else {
                        authorization.setGroupId(groupId);
                    }
                }
                boolean changed = existing == null;
                for (Permission permission : permissions) {
                    if (!authorization.isPermissionGranted(permission)) {
                        authorization.addPermission(permission);
                        changed = true;
                    }
                }
                if (changed) {
                    authorizations.saveAuthorization(authorization);
                }
                return;
            } catch (ProcessEngineException e) {
                // two nodes starting at once: the other one's row wins, read it again
                if (attempt > 2) {
                    throw e;
                }
            }
        }
    }

    private Authorization find(int type, String groupId, Resource resource, String resourceId) {
        var query =
                authorizations
                        .createAuthorizationQuery()
                        .authorizationType(type)
                        .resourceType(resource)
                        .resourceId(resourceId);
        query =
                type == Authorization.AUTH_TYPE_GLOBAL
                        ? query.userIdIn(ANY)
                        : query.groupIdIn(groupId);
        return query.list().stream().findFirst().orElse(null);
    }

    /**
     * The shared filters: each shows the tasks of the signed-in person's groups, with the release
     * key and model as columns; everyone may read them, only administrators change them.
     */
    private void sharedFilters() {
        for (Filter old : filters.createFilterQuery().filterName(OLD_SHARED_FILTER).list()) {
            filters.deleteFilter(old.getId());
            log.info(
                    "Removed the shared filter '{}': it showed every group's tasks",
                    OLD_SHARED_FILTER);
        }
        int priority = -10;
        for (String name : FILTERS) {
            Filter filter = filters.createFilterQuery().filterName(name).singleResult();
            if (filter == null) {
                filter = filters.newTaskFilter(name);
                filter.setOwner(adminId);
                filter.setQuery(query(name));
                filter.setProperties(properties(name, priority));
                filter = filters.saveFilter(filter);
            }
            grantEveryone(Resources.FILTER, filter.getId(), Permissions.READ);
            priority += 10;
        }
    }

    private org.operaton.bpm.engine.task.TaskQuery query(String name) {
        var query =
                tasks.createTaskQuery()
                        .taskCandidateGroupInExpression("${currentUserGroups()}")
                        .includeAssignedTasks();
        return switch (name) {
            case "Due soon" ->
                    query.dueBeforeExpression("${dateTime().plusDays(2).toDate()}")
                            .orderByDueDate()
                            .asc();
            case "Overdue" -> query.dueBeforeExpression("${now()}").orderByDueDate().asc();
            default -> query.orderByTaskCreateTime().desc();
        };
    }

    private static Map<String, Object> properties(String name, int priority) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(
                "description",
                switch (name) {
                    case "Due soon" -> "Tasks of your groups due within two days";
                    case "Overdue" -> "Tasks of your groups past their due date";
                    default -> "Approvals and steps waiting for one of your groups";
                });
        properties.put("priority", priority);
        properties.put("refresh", true);
        List<Map<String, String>> variables = new ArrayList<>();
        variables.add(Map.of("name", "releaseKey", "label", "Release"));
        variables.add(Map.of("name", "model", "label", "Model"));
        properties.put("variables", variables);
        return properties;
    }
}
