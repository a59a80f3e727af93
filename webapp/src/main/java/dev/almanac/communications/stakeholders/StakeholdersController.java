package dev.almanac.communications.stakeholders;

import dev.almanac.communications.Channel;
import dev.almanac.communications.CommunicationsRejected;
import dev.almanac.communications.NewStakeholder;
import dev.almanac.communications.StakeholderRole;
import dev.almanac.identity.AccessPolicy;
import dev.almanac.identity.People;
import dev.almanac.planning.PlanningCatalog;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Stakeholders, under Planning: who is told about a product line's or a model's releases, in which
 * role, and where.
 */
@Controller
class StakeholdersController {

    private final Stakeholders stakeholders;
    private final PlanningCatalog catalog;
    private final People people;
    private final AccessPolicy policy;

    StakeholdersController(
            Stakeholders stakeholders,
            PlanningCatalog catalog,
            People people,
            AccessPolicy policy) {
        this.stakeholders = stakeholders;
        this.catalog = catalog;
        this.people = people;
        this.policy = policy;
    }

    /** The stakeholder form as posted. */
    public static class StakeholderForm {
        public String scopeKind = "PRODUCT_LINE";
        public String scope;
        public String partyKind = "USER";
        public String party;
        public StakeholderRole role;
        public Set<Channel> channels = new LinkedHashSet<>(Set.of(Channel.IN_APP));
        public String email;
        public String webhookUrl;

        public String getScopeKind() {
            return scopeKind;
        }

        public void setScopeKind(String scopeKind) {
            this.scopeKind = scopeKind;
        }

        public String getScope() {
            return scope;
        }

        public void setScope(String scope) {
            this.scope = scope;
        }

        public String getPartyKind() {
            return partyKind;
        }

        public void setPartyKind(String partyKind) {
            this.partyKind = partyKind;
        }

        public String getParty() {
            return party;
        }

        public void setParty(String party) {
            this.party = party;
        }

        public StakeholderRole getRole() {
            return role;
        }

        public void setRole(StakeholderRole role) {
            this.role = role;
        }

        public Set<Channel> getChannels() {
            return channels;
        }

        public void setChannels(Set<Channel> channels) {
            this.channels = channels;
        }

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public String getWebhookUrl() {
            return webhookUrl;
        }

        public void setWebhookUrl(String webhookUrl) {
            this.webhookUrl = webhookUrl;
        }
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/planning/stakeholders")
    String stakeholders(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new StakeholderForm());
        }
        model.addAttribute(
                "stakeholders",
                stakeholders.all().stream().map(Stakeholders.Stakeholder::masked).toList());
        model.addAttribute("productLines", catalog.productLines());
        model.addAttribute("models", catalog.models());
        model.addAttribute("roles", StakeholderRole.values());
        model.addAttribute("channels", Channel.values());
        model.addAttribute("users", people.everyone());
        model.addAttribute("groups", people.all());
        return "communications/stakeholders";
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.MANAGE_STAKEHOLDERS)
    @PostMapping("/planning/stakeholders")
    String addStakeholder(
            @ModelAttribute("form") StakeholderForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect,
            Authentication user) {
        if (binding.hasErrors()) {
            return stakeholders(model);
        }
        try {
            Stakeholders.Stakeholder added =
                    stakeholders.add(
                            new NewStakeholder(
                                    form.scopeKind,
                                    form.scope,
                                    form.partyKind,
                                    form.party,
                                    form.role,
                                    form.channels,
                                    form.email,
                                    form.webhookUrl));
            redirect.addFlashAttribute(
                    "message",
                    added.party()
                            + " is now "
                            + added.role().label().toLowerCase()
                            + " of "
                            + added.scopeLabel()
                            + ".");
            return "redirect:/planning/stakeholders";
        } catch (CommunicationsRejected rejected) {
            binding.rejectValue(shownAt(rejected.field()), "rejected", rejected.getMessage());
            return stakeholders(model);
        }
    }

    /**
     * A kind and its value read as one question on the form (about what, who): a refused kind is
     * told at its value.
     */
    private static String shownAt(String field) {
        return switch (field) {
            case "scopeKind" -> "scope";
            case "partyKind" -> "party";
            default -> field;
        };
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.MANAGE_STAKEHOLDERS)
    @PostMapping("/planning/stakeholders/{id}/delete")
    String removeStakeholder(
            @PathVariable long id, RedirectAttributes redirect, Authentication user) {
        stakeholders.remove(id);
        redirect.addFlashAttribute("message", "Stakeholder removed.");
        return "redirect:/planning/stakeholders";
    }
}
