package dev.almanac.releases.web;

import dev.almanac.identity.People;
import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.ReleaseRejected;
import dev.almanac.releases.ReleaseSummary;
import dev.almanac.releases.Releases;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/releases")
class ReleaseController {

    static final String LIST_VIEW = "releases/list";
    static final String DETAIL_VIEW = "releases/detail";
    static final String FORM_VIEW = "releases/new";
    static final String EDIT_VIEW = "releases/edit";

    private final Releases releases;

    private final ReleaseQueries releaseQueries;
    private final People teams;

    private final dev.almanac.identity.AccessPolicy policy;

    ReleaseController(
            Releases releases,
            ReleaseQueries releaseQueries,
            People teams,
            dev.almanac.identity.AccessPolicy policy) {
        this.policy = policy;
        this.releases = releases;
        this.releaseQueries = releaseQueries;
        this.teams = teams;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping
    String list(
            @org.springframework.web.bind.annotation.RequestParam(required = false) String model,
            @org.springframework.web.bind.annotation.RequestParam(required = false)
                    String productLine,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String lane,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String status,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String step,
            @org.springframework.web.bind.annotation.RequestParam(required = false)
                    String ownerTeam,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "0") String page,
            Model view) {
        view.addAttribute("lanes", Lane.values());
        view.addAttribute("statuses", dev.almanac.releases.ReleaseFilter.Status.values());
        view.addAttribute("teams", teams.all());
        view.addAttribute(
                "filter",
                java.util.Map.of(
                        "model", blank(model),
                        "productLine", blank(productLine),
                        "lane", blank(lane),
                        "status", blank(status),
                        "step", blank(step),
                        "ownerTeam", blank(ownerTeam)));
        try {
            dev.almanac.releases.ReleaseFilter filter =
                    dev.almanac.releases.ReleaseFilters.parse(
                            model, productLine, lane, status, step, ownerTeam);
            view.addAttribute(
                    "page",
                    releaseQueries.page(
                            filter, dev.almanac.releases.ReleaseFilters.page(page), PAGE_SIZE));
        } catch (ReleaseRejected rejected) {
            view.addAttribute("filterError", rejected.getMessage());
            view.addAttribute(
                    "page", new dev.almanac.releases.ReleasePage(java.util.List.of(), 0, 1, false));
        }
        return LIST_VIEW;
    }

    static final int PAGE_SIZE = 50;

    private static String blank(String value) {
        return value == null ? "" : value;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.PLAN_RELEASE)
    @GetMapping("/new")
    String newRelease(Model model) {
        model.addAttribute("release", new ReleaseForm());
        return form(model);
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.PLAN_RELEASE)
    @PostMapping
    String create(
            @ModelAttribute("release") ReleaseForm form,
            BindingResult binding,
            Model model,
            Principal principal,
            RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return form(model);
        }
        var refusal =
                policy.planningRefusal(
                        (org.springframework.security.core.Authentication) principal,
                        form.getOwnerTeam(),
                        form.getModel());
        if (refusal.isPresent()) {
            binding.rejectValue("ownerTeam", "refused", refusal.get());
            return form(model);
        }
        try {
            ReleaseSummary created = releases.plan(form.toRequest(), principal.getName());
            redirect.addFlashAttribute(
                    "message",
                    "Release " + created.key() + " is planned and its procedure has started.");
            return "redirect:/releases/" + created.key();
        } catch (ReleaseRejected rejected) {
            binding.rejectValue(rejected.field(), "rejected", rejected.getMessage());
            return form(model);
        }
    }

    private String form(Model model) {
        model.addAttribute("teams", teams.all());
        model.addAttribute("lanes", Lane.values());
        model.addAttribute("riskTiers", RiskTier.values());
        return FORM_VIEW;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/{key}")
    String show(@PathVariable String key, Model model) {
        model.addAttribute(
                "release",
                releaseQueries
                        .find(key)
                        .orElseThrow(
                                () ->
                                        new ResponseStatusException(
                                                HttpStatus.NOT_FOUND, "No release " + key)));
        return DETAIL_VIEW;
    }

    @dev.almanac.identity.Permits(value = dev.almanac.identity.Action.CHANGE_PLAN, subject = "key")
    @GetMapping("/{key}/edit")
    String edit(@PathVariable String key, Model model) {
        ReleaseSummary release =
                releaseQueries
                        .plannedRelease(key)
                        .orElseThrow(
                                () ->
                                        new ResponseStatusException(
                                                HttpStatus.NOT_FOUND, "No release " + key));
        model.addAttribute("release", ReleaseForm.of(release));
        return editForm(model, key);
    }

    @dev.almanac.identity.Permits(value = dev.almanac.identity.Action.CHANGE_PLAN, subject = "key")
    @PostMapping("/{key}/edit")
    String replan(
            @PathVariable String key,
            @ModelAttribute("release") ReleaseForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect,
            java.security.Principal principal) {
        if (releaseQueries.plannedRelease(key).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No release " + key);
        }
        if (binding.hasErrors()) {
            return editForm(model, key);
        }
        try {
            releases.replan(
                    key,
                    new Releases.ReleaseChange(
                            form.getLane(),
                            form.getRiskTier(),
                            form.getOwnerTeam(),
                            form.getTargetDate(),
                            // a person always gives one: a missing field is an empty reason
                            form.getReason() == null ? "" : form.getReason()),
                    principal.getName());
        } catch (ReleaseRejected rejected) {
            binding.rejectValue(rejected.field(), "rejected", rejected.getMessage());
            return editForm(model, key);
        }
        redirect.addFlashAttribute("message", "Plan of " + key + " changed; the calendar follows.");
        return "redirect:/releases/" + key;
    }

    @dev.almanac.identity.Permits(
            value = dev.almanac.identity.Action.CANCEL_RELEASE,
            subject = "key")
    @PostMapping("/{key}/cancel")
    String cancel(
            @PathVariable String key,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String reason,
            java.security.Principal principal,
            RedirectAttributes redirect) {
        try {
            releases.cancel(key, reason, principal == null ? null : principal.getName());
            redirect.addFlashAttribute(
                    "message", "Release " + key + " was cancelled: " + reason.trim());
        } catch (ReleaseRejected rejected) {
            redirect.addFlashAttribute("error", rejected.getMessage());
        }
        return "redirect:/releases/" + key;
    }

    private String editForm(Model model, String key) {
        model.addAttribute("key", key);
        model.addAttribute("teams", teams.all());
        model.addAttribute("lanes", Lane.values());
        model.addAttribute("riskTiers", RiskTier.values());
        return EDIT_VIEW;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping(value = "/{key}/diagram.bpmn", produces = MediaType.APPLICATION_XML_VALUE)
    @ResponseBody
    ResponseEntity<String> diagram(@PathVariable String key) {
        return releaseQueries
                .diagram(key)
                .map(ResponseEntity::ok)
                .orElseThrow(
                        () ->
                                new ResponseStatusException(
                                        HttpStatus.NOT_FOUND, "No release " + key));
    }
}
