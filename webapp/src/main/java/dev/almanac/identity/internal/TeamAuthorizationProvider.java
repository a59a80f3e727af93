package dev.almanac.identity.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.operaton.bpm.engine.authorization.Authorization;
import org.operaton.bpm.engine.authorization.Permission;
import org.operaton.bpm.engine.identity.Group;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.operaton.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A group created any way (Almanac's team pages, Admin, {@code /engine-rest/group/create}) gets a
 * team's engine rights in the same transaction, as the engine's own default gives its members sight
 * of the group.
 */
class TeamAuthorizationProvider extends DefaultAuthorizationProvider {

    /** A new account may read and change itself (name, password), not delete itself. */
    @Override
    public AuthorizationEntity[] newUser(org.operaton.bpm.engine.identity.User user) {
        AuthorizationEntity own = new AuthorizationEntity(Authorization.AUTH_TYPE_GRANT);
        own.setUserId(user.getId());
        own.setResource(org.operaton.bpm.engine.authorization.Resources.USER);
        own.setResourceId(user.getId());
        own.addPermission(org.operaton.bpm.engine.authorization.Permissions.READ);
        own.addPermission(org.operaton.bpm.engine.authorization.Permissions.UPDATE);
        return new AuthorizationEntity[] {own};
    }

    @Override
    public AuthorizationEntity[] newGroup(Group group) {
        List<AuthorizationEntity> all = new ArrayList<>(Arrays.asList(super.newGroup(group)));
        for (EngineAuthorizations.Grant grant : EngineAuthorizations.teamGrants(group.getId())) {
            AuthorizationEntity authorization =
                    new AuthorizationEntity(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(group.getId());
            authorization.setResource(grant.resource());
            authorization.setResourceId(grant.resourceId());
            for (Permission permission : grant.permissions()) {
                authorization.addPermission(permission);
            }
            all.add(authorization);
        }
        return all.toArray(AuthorizationEntity[]::new);
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        AbstractProcessEnginePlugin teamAuthorizations() {
            return new AbstractProcessEnginePlugin() {
                @Override
                public void preInit(ProcessEngineConfigurationImpl configuration) {
                    configuration.setResourceAuthorizationProvider(new TeamAuthorizationProvider());
                }
            };
        }
    }
}
