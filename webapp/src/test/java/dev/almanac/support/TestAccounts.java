package dev.almanac.support;

import java.util.List;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.Group;
import org.operaton.bpm.engine.identity.User;

/** Accounts and teams for tests, created once per engine. */
public final class TestAccounts {

    public static final String PASSWORD = "s3cret-test-pw";

    private TestAccounts() {}

    public static void ensure(IdentityService identity) {
        for (String team :
                List.of(
                        "release-managers",
                        "risk-officers",
                        "data-engineers",
                        "ml-engineers",
                        "fraud-ml",
                        "process-owners",
                        "job-workers")) {
            if (identity.createGroupQuery().groupId(team).count() == 0) {
                Group group = identity.newGroup(team);
                group.setName(team);
                identity.saveGroup(group);
            }
        }
        user(identity, "rita", "release-managers");
        user(identity, "oscar", "risk-officers");
        user(identity, "mel", "ml-engineers", "fraud-ml");
        user(identity, "dana", "data-engineers");
        user(identity, "paula", "process-owners");
        user(identity, "worker", "job-workers");
    }

    /** An account with the test password in these (existing) groups, if it does not exist yet. */
    public static void person(IdentityService identity, String id, String... groups) {
        user(identity, id, groups);
    }

    private static void user(IdentityService identity, String id, String... groups) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            for (String group : groups) {
                identity.createMembership(id, group);
            }
        }
    }
}
