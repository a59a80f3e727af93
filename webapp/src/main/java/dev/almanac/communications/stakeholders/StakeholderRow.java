package dev.almanac.communications.stakeholders;

import dev.almanac.communications.Channel;
import dev.almanac.communications.StakeholderRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person or group told about a product line's or model's releases, in a role, on some channels.
 */
@Entity
@Table(name = "stakeholder")
public class StakeholderRow {

    public enum ScopeKind {
        PRODUCT_LINE,
        MODEL
    }

    public enum PartyKind {
        USER,
        GROUP
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "scope_kind", nullable = false)
    public ScopeKind scopeKind;

    @Column(nullable = false)
    public String scope;

    @Enumerated(EnumType.STRING)
    @Column(name = "party_kind", nullable = false)
    public PartyKind partyKind;

    @Column(nullable = false)
    public String party;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StakeholderRole role;

    /** Comma-separated {@link Channel} names. */
    @Column(nullable = false)
    String channels;

    public String email;

    @Column(name = "webhook_url")
    public String webhookUrl;

    public boolean on(Channel channel) {
        return java.util.Arrays.asList(channels.split(",")).contains(channel.name());
    }
}
