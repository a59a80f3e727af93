package dev.almanac.planning.web;

import dev.almanac.planning.Cadences;
import dev.almanac.planning.Lane;
import dev.almanac.planning.PlanningCatalog;
import dev.almanac.planning.PlanningRejected;
import dev.almanac.planning.Windows;
import java.security.Principal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Release trains: list, create and edit; each shows its next releases. */
@Controller
@RequestMapping("/cadences")
class CadenceController {

    static final String VIEW = "calendar/cadences";

    private final Cadences cadences;
    private final PlanningCatalog catalog;
    private final java.time.Clock clock;

    CadenceController(Cadences cadences, PlanningCatalog catalog, java.time.Clock clock) {
        this.clock = clock;
        this.cadences = cadences;
        this.catalog = catalog;
    }

    static class CadenceForm {
        public String name;
        public String model;
        public Lane lane = Lane.PRODUCTION;

        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
        public LocalDateTime firstStart;

        public String zone = "UTC";
        public String rrule = "FREQ=MONTHLY;BYMONTHDAY=1";
        public String versionPattern = "yyyy.MM";
        public Integer targetDays = 21;
        public boolean active = true;

        static CadenceForm of(Cadences.CadenceInfo info) {
            CadenceForm form = new CadenceForm();
            form.name = info.name();
            form.model = info.model();
            form.lane = info.lane();
            form.firstStart = info.firstStart();
            form.zone = info.zone().getId();
            form.rrule = info.rrule();
            form.versionPattern = info.versionPattern();
            form.targetDays = info.targetDays();
            form.active = info.active();
            return form;
        }

        Cadences.CadenceChange change() {
            ZoneId zoneId = Windows.zoneOf(zone);
            return new Cadences.CadenceChange(
                    name == null ? null : name.trim(),
                    model,
                    lane,
                    firstStart,
                    zoneId,
                    rrule == null ? null : rrule.trim(),
                    versionPattern == null ? "" : versionPattern.trim(),
                    targetDays == null ? 0 : targetDays,
                    active);
        }
    }

    @InitBinder
    void fields(WebDataBinder binder) {
        binder.initDirectFieldAccess();
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping
    String list(Model model) {
        return page(model, new CadenceForm(), null);
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        return page(
                model,
                CadenceForm.of(
                        cadences.find(id)
                                .orElseThrow(
                                        () ->
                                                new ResponseStatusException(
                                                        HttpStatus.NOT_FOUND, "No cadence " + id))),
                id);
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.EDIT_CADENCES)
    @PostMapping({"", "/{id}"})
    String save(
            @PathVariable(required = false) Long id,
            @ModelAttribute("form") CadenceForm form,
            BindingResult binding,
            Model model,
            Principal principal,
            RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return page(model, form, id);
        }
        try {
            cadences.save(id, form.change(), principal.getName());
        } catch (PlanningRejected rejected) {
            binding.rejectValue(rejected.field(), "rejected", rejected.getMessage());
            return page(model, form, id);
        }
        redirect.addFlashAttribute(
                "message",
                "Cadence '" + form.name + "' saved; its next releases are on the calendar.");
        return "redirect:/cadences";
    }

    private String page(Model model, CadenceForm form, Long editing) {
        var now = clock.instant();
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("cadences", cadences.all());
        model.addAttribute(
                "upcoming", cadences.upcoming(now, now.plus(java.time.Duration.ofDays(120))));
        model.addAttribute("models", catalog.models());
        model.addAttribute("lanes", Lane.values());
        return VIEW;
    }
}
