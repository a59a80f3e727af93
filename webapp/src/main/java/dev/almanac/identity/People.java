package dev.almanac.identity;

import java.util.List;

import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.Group;
import org.springframework.stereotype.Service;

/**
 * The people and groups adapter: accounts and teams live in the engine's identity service, and this is
 * the only class that reads or writes them. Teams (engine groups) own releases and act on their steps.
 */
@Service
public class People {

    private final IdentityService identity;

    People(IdentityService identity) {
        this.identity = identity;
    }

    /** Whether the person still has an account (a removed person's calendar links stop working). */
    public boolean personExists(String userId) {
        return userId != null && identity.createUserQuery().userId(userId).count() > 0;
    }

    public boolean exists(String teamId) {
        return teamId != null && identity.createGroupQuery().groupId(teamId).count() > 0;
    }

    /** Every team, by id, for choosing a release's owner. */
    public List<Team> all() {
        return identity.createGroupQuery().orderByGroupId().asc().list().stream()
                .map(g -> new Team(g.getId(), g.getName() == null ? g.getId() : g.getName()))
                .toList();
    }

    /** Creates the engine group if it does not exist yet; an existing group keeps its name. */
    public void ensure(String groupId, String name) {
        if (!exists(groupId)) {
            Group group = identity.newGroup(groupId);
            group.setName(name);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
    }

    public List<String> teamsOf(String userId) {
        return identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    }

    public record Team(String id, String name) {
    }
}
