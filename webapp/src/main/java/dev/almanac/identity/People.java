package dev.almanac.identity;

import java.util.List;
import java.util.Optional;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.Group;
import org.operaton.bpm.engine.identity.User;
import org.springframework.stereotype.Service;

/**
 * The people and groups adapter: accounts and teams live in the engine's identity service, and this
 * is the only class that reads or writes them. Teams (engine groups) own releases and act on their
 * steps.
 */
@Service
public class People {

    private final IdentityService identity;
    private final org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl engine;

    People(
            IdentityService identity,
            org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl engine) {
        this.identity = identity;
        this.engine = engine;
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

    /**
     * Creates the engine group if it does not exist yet, with the engine rights of a team (reading
     * releases and their history); an existing group keeps its name.
     */
    public void ensure(String groupId, String name) {
        if (!exists(groupId)) {
            Group group = identity.newGroup(groupId);
            group.setName(name);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
        }
    }

    public List<String> teamsOf(String userId) {
        return identity.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId)
                .toList();
    }

    /**
     * Runs engine calls in the person's name: the engine checks their authorizations and its
     * operation log names them. Whatever was signed in to the engine before is restored after.
     */
    public <T> T actingAs(String userId, java.util.function.Supplier<T> work) {
        return signedIn(
                new org.operaton.bpm.engine.impl.identity.Authentication(userId, teamsOf(userId)),
                work);
    }

    /**
     * Runs engine calls that Almanac's policy has already allowed, in the person's name: the
     * engine's user operation log names them, but the engine does not check its own authorizations
     * again (an owner team may cancel its release here without rights on the engine's API).
     */
    public <T> T recordedAs(String userId, java.util.function.Supplier<T> work) {
        if (userId == null) {
            return asSystem(work);
        }
        return signedIn(
                new org.operaton.bpm.engine.impl.identity.Authentication(userId, teamsOf(userId)),
                () ->
                        engine.getCommandExecutorTxRequired()
                                .execute(
                                        context -> {
                                            context.disableAuthorizationCheck();
                                            return work.get();
                                        }));
    }

    /**
     * Runs engine calls as the system, whoever is signed in to the engine on this thread (a REST
     * call sets its caller): for Almanac's own look-ups, which must see everything.
     */
    public <T> T asSystem(java.util.function.Supplier<T> work) {
        return signedIn(null, work);
    }

    /**
     * Runs the work with this engine authentication (none: the system), then restores the one
     * before.
     */
    private <T> T signedIn(
            org.operaton.bpm.engine.impl.identity.Authentication who,
            java.util.function.Supplier<T> work) {
        var before = identity.getCurrentAuthentication();
        if (who == null) {
            identity.clearAuthentication();
        } else {
            identity.setAuthentication(who);
        }
        try {
            return work.get();
        } finally {
            if (before == null) {
                identity.clearAuthentication();
            } else {
                identity.setAuthentication(before);
            }
        }
    }

    /** A person with an account: who they are and where to reach them. */
    public record Person(String id, String name, String email) {}

    public record Team(String id, String name) {}

    /** Whether the user name and password match an account. */
    public boolean passwordMatches(String userId, String password) {
        return userId != null
                && !userId.isBlank()
                && password != null
                && identity.checkPassword(userId, password);
    }

    public Optional<Person> person(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult())
                .map(People::person);
    }

    /** Everyone with an account, by user id. */
    public List<Person> everyone() {
        return identity.createUserQuery().orderByUserId().asc().list().stream()
                .map(People::person)
                .toList();
    }

    /** The members of a team, by user id. */
    public List<Person> membersOf(String teamId) {
        return identity
                .createUserQuery()
                .memberOfGroup(teamId)
                .orderByUserId()
                .asc()
                .list()
                .stream()
                .map(People::person)
                .toList();
    }

    /**
     * Creates the account if it does not exist yet; an existing account keeps its name and
     * password.
     */
    public void ensurePerson(
            String userId, String firstName, String lastName, String email, String password) {
        if (identity.createUserQuery().userId(userId).count() == 0) {
            User user = identity.newUser(userId);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(email);
            user.setPassword(password);
            identity.saveUser(user);
        }
    }

    /** Makes the person a member of the team, if they are not one yet. */
    public void ensureMember(String userId, String teamId) {
        if (identity.createUserQuery().userId(userId).memberOfGroup(teamId).count() == 0) {
            identity.createMembership(userId, teamId);
        }
    }

    private static Person person(User user) {
        String name =
                ((user.getFirstName() == null ? "" : user.getFirstName())
                                + " "
                                + (user.getLastName() == null ? "" : user.getLastName()))
                        .trim();
        return new Person(user.getId(), name.isEmpty() ? user.getId() : name, user.getEmail());
    }
}
