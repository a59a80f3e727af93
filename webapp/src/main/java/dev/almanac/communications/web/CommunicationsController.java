package dev.almanac.communications.web;

import dev.almanac.identity.AccessPolicy;
import dev.almanac.identity.People;
import dev.almanac.communications.NewStakeholder;
import dev.almanac.communications.Channel;
import dev.almanac.communications.CommunicationsRejected;
import dev.almanac.communications.Delivery;
import dev.almanac.communications.NoticeType;
import dev.almanac.communications.StakeholderRole;
import dev.almanac.communications.notices.Dispatcher;
import dev.almanac.communications.notices.Notices;
import dev.almanac.communications.stakeholders.Stakeholders;
import dev.almanac.planning.PlanningCatalog;
import java.security.Principal;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Stakeholders (under Planning), each person's notice preferences, their inbox, and the admin page of deliveries that failed. */
@Controller
class CommunicationsController {

    private final Stakeholders stakeholders;
    private final Notices notices;
    private final Dispatcher dispatcher;
    private final PlanningCatalog catalog;
    private final People people;
    private final AccessPolicy policy;

    CommunicationsController(Stakeholders stakeholders, Notices notices, Dispatcher dispatcher, PlanningCatalog catalog, People people,
            AccessPolicy policy) {
        this.stakeholders = stakeholders;
        this.notices = notices;
        this.dispatcher = dispatcher;
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

    @GetMapping("/planning/stakeholders")
    String stakeholders(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new StakeholderForm());
        }
        model.addAttribute("stakeholders", stakeholders.all().stream().map(Stakeholders.Stakeholder::masked).toList());
        model.addAttribute("productLines", catalog.productLines());
        model.addAttribute("models", catalog.models());
        model.addAttribute("roles", StakeholderRole.values());
        model.addAttribute("channels", Channel.values());
        model.addAttribute("users", people.everyone());
        model.addAttribute("groups", people.all());
        return "communications/stakeholders";
    }

    @PostMapping("/planning/stakeholders")
    String addStakeholder(@ModelAttribute("form") StakeholderForm form, Model model, RedirectAttributes redirect,
            org.springframework.security.core.Authentication user) {
        if (!policy.mayManageStakeholders(user)) {
            model.addAttribute("fieldError", "party");
            model.addAttribute("error", "Only release managers and administrators change who is told what; nothing was saved.");
            return stakeholders(model);
        }
        try {
            Stakeholders.Stakeholder added = stakeholders.add(new NewStakeholder(form.scopeKind, form.scope, form.partyKind, form.party,
                    form.role, form.channels, form.email, form.webhookUrl));
            redirect.addFlashAttribute("message", added.party() + " is now " + added.role().label().toLowerCase() + " of " + added.scopeLabel() + ".");
            return "redirect:/planning/stakeholders";
        } catch (CommunicationsRejected rejected) {
            model.addAttribute("fieldError", rejected.field());
            model.addAttribute("error", rejected.getMessage());
            return stakeholders(model);
        }
    }

    @PostMapping("/planning/stakeholders/{id}/delete")
    String removeStakeholder(@PathVariable long id, RedirectAttributes redirect, org.springframework.security.core.Authentication user) {
        if (!policy.mayManageStakeholders(user)) {
            redirect.addFlashAttribute("message", "Only release managers and administrators change who is told what; nothing was removed.");
            return "redirect:/planning/stakeholders";
        }
        stakeholders.remove(id);
        redirect.addFlashAttribute("message", "Stakeholder removed.");
        return "redirect:/planning/stakeholders";
    }

    @GetMapping("/notices/preferences")
    String preferences(Model model, Principal principal) {
        model.addAttribute("preferences", stakeholders.preferences(principal.getName()));
        model.addAttribute("deliveries", Delivery.values());
        return "communications/preferences";
    }

    @PostMapping("/notices/preferences")
    String choose(@RequestParam Map<String, String> form, Principal principal, Model model, RedirectAttributes redirect) {
        Map<NoticeType, Delivery> choices = new EnumMap<>(NoticeType.class);
        for (NoticeType type : NoticeType.values()) {
            String value = form.get(type.code());
            if (value == null || !type.choosable()) {
                continue;
            }
            try {
                choices.put(type, Delivery.valueOf(value));
            } catch (IllegalArgumentException e) {
                model.addAttribute("error", "Choose immediately, in my digest, or not at all for " + type.label() + ".");
                model.addAttribute("fieldError", type.code());
                return preferences(model, principal);
            }
        }
        stakeholders.choose(principal.getName(), choices);
        redirect.addFlashAttribute("message", "Saved: this is what reaches you from now on.");
        return "redirect:/notices/preferences";
    }

    @GetMapping("/inbox")
    String inbox(Model model, Principal principal) {
        model.addAttribute("items", notices.inbox(principal.getName(), 200));
        return "communications/inbox";
    }

    @PostMapping("/inbox/read")
    String read(Principal principal) {
        notices.markRead(principal.getName());
        return "redirect:/inbox";
    }

    @GetMapping("/admin/notices")
    String admin(Model model) {
        model.addAttribute("counts", notices.counts());
        model.addAttribute("troubled", notices.troubled(200));
        return "communications/admin";
    }

    @PostMapping("/admin/notices/{id}/retry")
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        try {
            notices.retry(id);
            redirect.addFlashAttribute("message", "Delivery " + id + " is queued again.");
        } catch (CommunicationsRejected rejected) {
            redirect.addFlashAttribute("message", rejected.getMessage());
        }
        return "redirect:/admin/notices";
    }
}
