package dev.almanac.scenarios.web;

import dev.almanac.planning.PlanningCatalog;
import dev.almanac.projection.ReleaseStatus;
import dev.almanac.scenarios.AddFreeze;
import dev.almanac.scenarios.AddLeave;
import dev.almanac.scenarios.ChangeCapacity;
import dev.almanac.scenarios.DelayRelease;
import dev.almanac.scenarios.MoveStepEnd;
import dev.almanac.scenarios.PlanDuration;
import dev.almanac.scenarios.RemoveDependency;
import dev.almanac.scenarios.ScenarioRejected;
import dev.almanac.scenarios.Scenarios;
import dev.almanac.schedule.ReleaseCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What-if scenarios for planners: open, draft changes, see the diff, share by URL, discard or
 * apply; and the decision log.
 */
@Controller
public class ScenarioController {

    static final String LIST = "calendar/scenarios";
    static final String PAGE = "calendar/scenario";

    private final Scenarios scenarios;
    private final ReleaseCalendar calendar;
    private final PlanningCatalog catalog;
    private final dev.almanac.dependencies.Dependencies dependencies;
    private final java.time.Clock clock;
    private final dev.almanac.planning.Resources resources;

    ScenarioController(
            dev.almanac.planning.Resources resources,
            Scenarios scenarios,
            ReleaseCalendar calendar,
            PlanningCatalog catalog,
            dev.almanac.dependencies.Dependencies dependencies,
            java.time.Clock clock) {
        this.resources = resources;
        this.scenarios = scenarios;
        this.calendar = calendar;
        this.catalog = catalog;
        this.dependencies = dependencies;
        this.clock = clock;
    }

    static class ChangeForm {
        public Scenarios.ChangeKind kind;
        public String releaseKey;
        public String activityId;
        public Integer days;

        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
        public LocalDateTime date;

        public Double durationDays;
        public String windowName;

        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
        public LocalDateTime windowStart;

        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
        public LocalDateTime windowEnd;

        public String productLine;
        public Long dependencyId;
        public String resource;
        public String member;

        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        public java.time.LocalDate from;

        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        public java.time.LocalDate until;

        public Double capacity;

        /**
         * The change of the chosen kind, from the fields that kind has; none without a kind, which
         * the service refuses.
         */
        Scenarios.Change change(java.time.ZoneId zone) {
            if (kind == null) {
                return null;
            }
            Instant end = date == null ? null : date.atZone(zone).toInstant();
            Duration planned =
                    durationDays == null
                            ? null
                            : Duration.ofMinutes(Math.round(durationDays * 24 * 60));
            return switch (kind) {
                case DELAY_RELEASE -> new DelayRelease(releaseKey, days);
                case MOVE_STEP -> new MoveStepEnd(releaseKey, activityId, end);
                case ADD_FREEZE -> new AddFreeze(windowName, windowStart, windowEnd, productLine);
                case PLAN_DURATION -> new PlanDuration(releaseKey, activityId, planned);
                case REMOVE_DEPENDENCY -> new RemoveDependency(dependencyId);
                case CHANGE_CAPACITY -> new ChangeCapacity(resource, from, capacity);
                case ADD_LEAVE -> new AddLeave(resource, member, from, until);
            };
        }
    }

    private static final java.util.Set<String> FORM_FIELDS =
            java.util.Set.of(
                    "kind",
                    "releaseKey",
                    "activityId",
                    "days",
                    "date",
                    "durationDays",
                    "windowName",
                    "windowStart",
                    "windowEnd",
                    "productLine",
                    "dependencyId",
                    "resource",
                    "member",
                    "from",
                    "until",
                    "capacity");

    static class ApplyForm {
        public String justification;

        /** The version of the changes the page showed. */
        public String revision;
    }

    @InitBinder
    void fields(WebDataBinder binder) {
        binder.initDirectFieldAccess();
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/scenarios")
    String list(Model model) {
        model.addAttribute("scenarios", scenarios.recent());
        return LIST;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.DRAFT_SCENARIOS)
    @PostMapping("/scenarios")
    String open(
            @RequestParam(required = false) String name,
            Authentication user,
            Model model,
            RedirectAttributes redirect) {
        try {
            var scenario = scenarios.open(name, user.getName());
            return "redirect:/scenarios/" + scenario.token();
        } catch (ScenarioRejected rejected) {
            model.addAttribute("scenarios", scenarios.recent());
            model.addAttribute("nameError", rejected.getMessage());
            return LIST;
        }
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/scenarios/{token}")
    String page(@PathVariable String token, Model model) {
        return page(token, model, new ChangeForm(), null, new ApplyForm(), null);
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.DRAFT_SCENARIOS)
    @PostMapping("/scenarios/{token}/changes")
    String add(
            @PathVariable String token,
            @ModelAttribute("change") ChangeForm form,
            BindingResult binding,
            Model model,
            Authentication user,
            RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return page(token, model, form, binding, new ApplyForm(), null);
        }
        try {
            scenarios.addChange(token, form.change(calendar.zone()), user.getName());
        } catch (ScenarioRejected rejected) {
            if ("token".equals(rejected.field())) {
                redirect.addFlashAttribute("error", rejected.getMessage());
                return "redirect:/scenarios/" + token;
            }
            String field = "duration".equals(rejected.field()) ? "durationDays" : rejected.field();
            if (FORM_FIELDS.contains(field)) {
                binding.rejectValue(field, "rejected", rejected.getMessage());
            } else {
                binding.reject("rejected", rejected.getMessage());
            }
            return page(token, model, form, binding, new ApplyForm(), null);
        }
        return "redirect:/scenarios/" + token;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.DRAFT_SCENARIOS)
    @PostMapping("/scenarios/{token}/changes/{index}/delete")
    String remove(
            @PathVariable String token, @PathVariable int index, RedirectAttributes redirect) {
        try {
            scenarios.removeChange(token, index);
        } catch (ScenarioRejected rejected) {
            redirect.addFlashAttribute("error", rejected.getMessage());
        }
        return "redirect:/scenarios/" + token;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.DRAFT_SCENARIOS)
    @PostMapping("/scenarios/{token}/discard")
    String discard(@PathVariable String token, Authentication user, RedirectAttributes redirect) {
        try {
            scenarios.discard(token, user.getName());
            redirect.addFlashAttribute("message", "Scenario discarded; the plan is unchanged.");
        } catch (ScenarioRejected rejected) {
            redirect.addFlashAttribute("error", rejected.getMessage());
        }
        return "redirect:/scenarios/" + token;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.APPLY_SCENARIOS)
    @PostMapping("/scenarios/{token}/apply")
    String apply(
            @PathVariable String token,
            @ModelAttribute("apply") ApplyForm form,
            Model model,
            Authentication user,
            RedirectAttributes redirect) {
        try {
            scenarios.apply(
                    token, form.justification, form.revision, user.getName(), clock.instant());
        } catch (ScenarioRejected rejected) {
            return page(token, model, new ChangeForm(), null, form, rejected);
        }
        calendar.refresh();
        redirect.addFlashAttribute(
                "message",
                "Scenario applied: the engine's dates moved and the decision is logged.");
        return "redirect:/decisions";
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/decisions")
    String decisions(Model model) {
        model.addAttribute("decisions", scenarios.decisions());
        model.addAttribute("zone", calendar.zone());
        return "calendar/decisions";
    }

    // whether the reader may apply the scenario, the template asks the policy (@policy) itself
    private String page(
            String token,
            Model model,
            ChangeForm form,
            BindingResult binding,
            ApplyForm apply,
            ScenarioRejected applyError) {
        var scenario =
                scenarios
                        .find(token)
                        .orElseThrow(
                                () ->
                                        new ResponseStatusException(
                                                HttpStatus.NOT_FOUND, "No scenario " + token));
        var projection = calendar.current();
        model.addAttribute("scenario", scenario);
        model.addAttribute(
                "shareUrl",
                org.springframework.web.servlet.support.ServletUriComponentsBuilder
                        .fromCurrentContextPath()
                        .path("/scenarios/{token}")
                        .buildAndExpand(token)
                        .toUriString());
        model.addAttribute("diff", scenarios.diff(token, clock.instant()));
        model.addAttribute("change", form);
        // the form has public fields: read them directly, as the binder does
        model.addAttribute(
                "org.springframework.validation.BindingResult.change",
                binding != null
                        ? binding
                        : new org.springframework.validation.DirectFieldBindingResult(
                                form, "change"));
        model.addAttribute("apply", apply);
        model.addAttribute("applyError", applyError);
        model.addAttribute("kinds", Scenarios.ChangeKind.values());
        model.addAttribute(
                "running",
                projection.releases().values().stream()
                        .filter(r -> r.status() == ReleaseStatus.ACTIVE)
                        .map(dev.almanac.projection.ReleaseState::key)
                        .sorted()
                        .toList());
        model.addAttribute(
                "steps",
                projection.snapshot().procedures().values().stream()
                        .flatMap(p -> p.steps().stream())
                        .filter(s -> s.expected() && s.milestone() != null)
                        .map(s -> new String[] {s.activityId(), s.milestone() + " · " + s.name()})
                        .collect(
                                java.util.stream.Collectors.toMap(
                                        a -> a[0],
                                        a -> a[1],
                                        (a, b) -> a,
                                        java.util.LinkedHashMap::new)));
        model.addAttribute("productLines", catalog.productLines());
        model.addAttribute("dependencies", dependencies.all());
        model.addAttribute("resources", resources.all());
        model.addAttribute("zone", calendar.zone());
        return PAGE;
    }
}
