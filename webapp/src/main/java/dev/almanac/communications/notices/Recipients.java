package dev.almanac.communications.notices;

import dev.almanac.communications.Channel;
import dev.almanac.communications.Delivery;
import dev.almanac.communications.NoticeDraft;
import dev.almanac.communications.NoticeType;
import dev.almanac.communications.stakeholders.StakeholderRepository;
import dev.almanac.communications.stakeholders.StakeholderRow;
import dev.almanac.identity.People;
import dev.almanac.planning.PlanningCatalog;
import dev.almanac.releases.ReleaseQueries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who a notice reaches, on which channel and how soon: the groups and people it names, the
 * stakeholders of its release's model and product line, each with their chosen delivery.
 */
@Component
public class Recipients {

    private final StakeholderRepository stakeholders;
    private final NoticePreferenceRepository preferences;
    private final ReleaseQueries releaseQueries;
    private final PlanningCatalog catalog;
    private final People people;

    Recipients(
            StakeholderRepository stakeholders,
            NoticePreferenceRepository preferences,
            ReleaseQueries releaseQueries,
            PlanningCatalog catalog,
            People people) {
        this.stakeholders = stakeholders;
        this.preferences = preferences;
        this.releaseQueries = releaseQueries;
        this.catalog = catalog;
        this.people = people;
    }

    /** One recipient on one channel, before it is written. */
    public record Recipient(String id, Channel channel, String address, Delivery delivery) {}

    /**
     * Who is told of a draft: stakeholders of its scope in the type's roles, and the members of its
     * groups; each once per channel.
     */
    List<Recipient> of(NoticeDraft draft) {
        String model = draft.model();
        String productLine = draft.productLine();
        if (draft.releaseKey() != null) {
            model =
                    releaseQueries
                            .plannedRelease(draft.releaseKey())
                            .map(dev.almanac.releases.ReleaseSummary::model)
                            .orElse(model);
        }
        if (model != null && productLine == null) {
            productLine =
                    catalog.model(model).map(PlanningCatalog.ModelInfo::productLine).orElse(null);
        }
        List<StakeholderRow> scoped =
                model == null && productLine == null && draft.releaseKey() == null
                        ? stakeholders.findAll()
                        : stakeholders.forScope(productLine, model);
        Map<String, Recipient> result = new LinkedHashMap<>();
        Choices chosen = choices(draft.type());
        for (StakeholderRow s : scoped) {
            if (draft.type().roles().contains(s.role)) {
                addStakeholder(result, s, chosen);
            }
        }
        for (String group : draft.groups()) {
            for (People.Person member : people.membersOf(group)) {
                Delivery delivery = chosen.of(member.id());
                add(result, new Recipient(member.id(), Channel.IN_APP, member.id(), delivery));
                if (member.email() != null && !member.email().isBlank()) {
                    add(
                            result,
                            new Recipient(member.id(), Channel.EMAIL, member.email(), delivery));
                }
            }
        }
        return result.values().stream().filter(r -> r.delivery() != Delivery.OFF).toList();
    }

    /**
     * Everyone's choice for one notice type, read in one query; who made none gets the type's
     * default.
     */
    public record Choices(NoticeType type, Map<String, Delivery> chosen) {

        Delivery of(String user) {
            return chosen.getOrDefault(user, type.byDefault());
        }
    }

    Choices choices(NoticeType type) {
        Map<String, Delivery> chosen = new java.util.HashMap<>();
        preferences.findByType(type).forEach(p -> chosen.put(p.userId, p.delivery));
        return new Choices(type, chosen);
    }

    public void addStakeholder(Map<String, Recipient> result, StakeholderRow s, Choices chosen) {
        if (s.partyKind == StakeholderRow.PartyKind.USER) {
            Delivery delivery = chosen.of(s.party);
            for (Channel channel : Channel.values()) {
                if (s.on(channel)) {
                    String address =
                            switch (channel) {
                                case EMAIL ->
                                        s.email != null && !s.email.isBlank()
                                                ? s.email
                                                : emailOf(s.party).orElse(null);
                                case WEBHOOK -> s.webhookUrl;
                                case IN_APP -> s.party;
                            };
                    if (address != null) {
                        add(result, new Recipient(s.party, channel, address, delivery));
                    }
                }
            }
        } else {
            String id = "group:" + s.party;
            if (s.on(Channel.EMAIL) && s.email != null && !s.email.isBlank()) {
                add(result, new Recipient(id, Channel.EMAIL, s.email, Delivery.IMMEDIATE));
            }
            if (s.on(Channel.WEBHOOK) && s.webhookUrl != null && !s.webhookUrl.isBlank()) {
                add(result, new Recipient(id, Channel.WEBHOOK, s.webhookUrl, Delivery.IMMEDIATE));
            }
            if (s.on(Channel.IN_APP)) {
                for (People.Person member : people.membersOf(s.party)) {
                    add(
                            result,
                            new Recipient(
                                    member.id(),
                                    Channel.IN_APP,
                                    member.id(),
                                    chosen.of(member.id())));
                }
            }
        }
    }

    private static void add(Map<String, Recipient> result, Recipient r) {
        // a person who is both owner and approver, or in two groups, is told once per channel; the
        // more immediate choice wins
        result.merge(
                r.id() + "|" + r.channel(),
                r,
                (a, b) -> a.delivery().ordinal() <= b.delivery().ordinal() ? a : b);
    }

    Optional<String> emailOf(String userId) {
        return people.person(userId).map(People.Person::email).filter(email -> !email.isBlank());
    }
}
