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
                        "fraud-ml")) {
            if (identity.createGroupQuery().groupId(team).count() == 0) {
                Group group = identity.newGroup(team);
                group.setName(team);
                identity.saveGroup(group);
            }
        }
        user(identity, "rita", "release-managers");
        user(identity, "oscar", "risk-officers");
        user(identity, "mel", "ml-engineers", "fraud-ml");
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
