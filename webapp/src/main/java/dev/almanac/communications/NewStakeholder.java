package dev.almanac.communications;

import java.util.Set;

/**
 * A stakeholder to add: a product line or a model; a user or a group; a role; channels and their
 * addresses.
 */
public record NewStakeholder(
        String scopeKind,
        String scope,
        String partyKind,
        String party,
        StakeholderRole role,
        Set<Channel> channels,
        String email,
        String webhookUrl) {}
