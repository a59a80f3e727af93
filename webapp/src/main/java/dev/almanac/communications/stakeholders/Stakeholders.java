package dev.almanac.communications.stakeholders;

import dev.almanac.communications.Channel;
import dev.almanac.communications.CommunicationsRejected;
import dev.almanac.communications.Delivery;
import dev.almanac.communications.NewStakeholder;
import dev.almanac.communications.NoticeType;
import dev.almanac.communications.StakeholderRole;
import dev.almanac.communications.notices.NoticePreferenceRepository;
import dev.almanac.communications.notices.NoticePreferenceRow;
import dev.almanac.identity.People;
import dev.almanac.planning.PlanningCatalog;
import java.net.URI;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is told about which product lines and models, in which role, on which channels; and what each
 * person chooses to receive.
 */
@Service
@NamedInterface("stakeholders")
public class Stakeholders {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final StakeholderRepository stakeholders;
    private final NoticePreferenceRepository preferences;
    private final PlanningCatalog catalog;
    private final People people;

    private final dev.almanac.workers.Outbound outbound;

    Stakeholders(
            StakeholderRepository stakeholders,
            NoticePreferenceRepository preferences,
            PlanningCatalog catalog,
            People people,
            dev.almanac.workers.Outbound outbound) {
        this.outbound = outbound;
        this.stakeholders = stakeholders;
        this.preferences = preferences;
        this.catalog = catalog;
        this.people = people;
    }

    public record Stakeholder(
            long id,
            String scopeKind,
            String scope,
            String partyKind,
            String party,
            StakeholderRole role,
            List<Channel> channels,
            String email,
            String webhookUrl) {

        static Stakeholder of(StakeholderRow s) {
            return new Stakeholder(
                    s.id,
                    s.scopeKind.name(),
                    s.scope,
                    s.partyKind.name(),
                    s.party,
                    s.role,
                    java.util.Arrays.stream(s.channels.split(",")).map(Channel::valueOf).toList(),
                    s.email,
                    s.webhookUrl);
        }

        /**
         * Webhook URLs are secrets (anyone holding a Slack webhook URL can post): shown by host
         * only.
         */
        public Stakeholder masked() {
            if (webhookUrl == null) {
                return this;
            }
            String host;
            try {
                host = java.net.URI.create(webhookUrl).getHost();
            } catch (IllegalArgumentException e) {
                host = "?";
            }
            return new Stakeholder(
                    id,
                    scopeKind,
                    scope,
                    partyKind,
                    party,
                    role,
                    channels,
                    email,
                    "https://" + host + "/…");
        }

        public String scopeLabel() {
            return ("MODEL".equals(scopeKind) ? "model " : "product line ") + scope;
        }
    }

    @Transactional(readOnly = true)
    public List<Stakeholder> all() {
        return stakeholders.findAllByOrderByScopeKindAscScopeAscRoleAscPartyAsc().stream()
                .map(Stakeholder::of)
                .toList();
    }

    /**
     * @throws CommunicationsRejected naming the field when the stakeholder cannot be used
     */
    @Transactional
    public Stakeholder add(NewStakeholder request) {
        StakeholderRow.ScopeKind scopeKind;
        try {
            scopeKind =
                    StakeholderRow.ScopeKind.valueOf(
                            request.scopeKind() == null ? "" : request.scopeKind());
        } catch (IllegalArgumentException e) {
            throw new CommunicationsRejected(
                    "scopeKind", "Choose whether this is about a product line or a model.");
        }
        String scope = request.scope() == null ? "" : request.scope().trim();
        if (scopeKind == StakeholderRow.ScopeKind.MODEL
                ? catalog.model(scope).isEmpty()
                : catalog.productLines().stream().noneMatch(p -> p.key().equals(scope))) {
            throw new CommunicationsRejected(
                    "scope",
                    "There is no "
                            + (scopeKind == StakeholderRow.ScopeKind.MODEL
                                    ? "model"
                                    : "product line")
                            + " '"
                            + scope
                            + "'; choose one from the list.");
        }
        StakeholderRow.PartyKind partyKind;
        try {
            partyKind =
                    StakeholderRow.PartyKind.valueOf(
                            request.partyKind() == null ? "" : request.partyKind());
        } catch (IllegalArgumentException e) {
            throw new CommunicationsRejected("partyKind", "Choose a person or a group.");
        }
        String party = request.party() == null ? "" : request.party().trim();
        boolean known =
                partyKind == StakeholderRow.PartyKind.USER
                        ? people.personExists(party)
                        : people.exists(party);
        if (!known) {
            throw new CommunicationsRejected(
                    "party",
                    "There is no "
                            + (partyKind == StakeholderRow.PartyKind.USER ? "user" : "group")
                            + " '"
                            + party
                            + "' in Almanac's accounts.");
        }
        if (request.role() == null) {
            throw new CommunicationsRejected(
                    "role",
                    "Choose a role: owner, approver, risk, consumer, leadership or on-call.");
        }
        Set<Channel> channels =
                request.channels() == null ? Set.of() : new LinkedHashSet<>(request.channels());
        if (channels.isEmpty()) {
            throw new CommunicationsRejected(
                    "channels", "Choose at least one channel: email, webhook or in Almanac.");
        }
        String email =
                request.email() == null || request.email().isBlank()
                        ? null
                        : request.email().trim();
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            throw new CommunicationsRejected("email", "'" + email + "' is not an email address.");
        }
        if (channels.contains(Channel.EMAIL) && email == null) {
            var user =
                    partyKind == StakeholderRow.PartyKind.USER
                            ? people.person(party).orElse(null)
                            : null;
            boolean userHasEmail = user != null && user.email() != null && !user.email().isBlank();
            if (!userHasEmail) {
                throw new CommunicationsRejected(
                        "email",
                        partyKind == StakeholderRow.PartyKind.GROUP
                                ? "Give the group's mailing list address for email."
                                : party + " has no email address in their account; give one here.");
            }
        }
        String webhook =
                request.webhookUrl() == null || request.webhookUrl().isBlank()
                        ? null
                        : request.webhookUrl().trim();
        if (channels.contains(Channel.WEBHOOK) && webhook == null) {
            throw new CommunicationsRejected(
                    "webhookUrl",
                    "Give the webhook URL (a Slack or People incoming webhook) for the webhook channel.");
        }
        if (webhook != null && webhook.length() > 1000) {
            throw new CommunicationsRejected(
                    "webhookUrl", "A webhook URL is at most 1,000 characters.");
        }
        if (webhook != null) {
            try {
                URI uri = URI.create(webhook);
                if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                        || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw new CommunicationsRejected(
                        "webhookUrl", "'" + webhook + "' is not an http(s) URL.");
            }
            try {
                outbound.check(URI.create(webhook));
            } catch (dev.almanac.workers.Outbound.Refused refused) {
                throw new CommunicationsRejected("webhookUrl", refused.getMessage());
            }
        }
        if (stakeholders.existsByScopeKindAndScopeAndPartyKindAndPartyAndRole(
                scopeKind, scope, partyKind, party, request.role())) {
            throw new CommunicationsRejected(
                    "party",
                    party
                            + " is already "
                            + request.role().label().toLowerCase(java.util.Locale.ROOT)
                            + " of "
                            + scope
                            + ".");
        }
        StakeholderRow row = new StakeholderRow();
        row.scopeKind = scopeKind;
        row.scope = scope;
        row.partyKind = partyKind;
        row.party = party;
        row.role = request.role();
        row.channels = channels.stream().map(Channel::name).collect(Collectors.joining(","));
        row.email = email;
        row.webhookUrl = webhook;
        return Stakeholder.of(stakeholders.save(row));
    }

    @Transactional
    public void remove(long id) {
        stakeholders.deleteById(id);
    }

    /** A person's choice for every notice type (the default where they made none). */
    @Transactional(readOnly = true)
    public Map<NoticeType, Delivery> preferences(String userId) {
        Map<NoticeType, Delivery> result = new EnumMap<>(NoticeType.class);
        for (NoticeType type : NoticeType.values()) {
            if (type.choosable()) {
                result.put(type, type.byDefault());
            }
        }
        preferences.findByUserId(userId).forEach(p -> result.put(p.type, p.delivery));
        return result;
    }

    @Transactional
    public void choose(String userId, Map<NoticeType, Delivery> choices) {
        for (var entry : choices.entrySet()) {
            if (!entry.getKey().choosable() || entry.getValue() == null) {
                throw new CommunicationsRejected(
                        entry.getKey().code(),
                        "Choose immediately, in my digest, or not at all for "
                                + entry.getKey().label()
                                + ".");
            }
        }
        choices.forEach(
                (type, delivery) -> {
                    NoticePreferenceRow row =
                            preferences
                                    .findByUserIdAndType(userId, type)
                                    .orElseGet(
                                            () -> {
                                                NoticePreferenceRow created =
                                                        new NoticePreferenceRow();
                                                created.userId = userId;
                                                created.type = type;
                                                return created;
                                            });
                    row.delivery = delivery;
                    preferences.save(row);
                });
    }
}
