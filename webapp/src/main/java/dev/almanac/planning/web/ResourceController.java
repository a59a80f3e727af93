package dev.almanac.planning.web;

import dev.almanac.planning.PlanningCatalog;
import dev.almanac.planning.PlanningRejected;
import dev.almanac.planning.Reserves;
import dev.almanac.planning.Resources;
import dev.almanac.planning.Windows;
import dev.almanac.projection.Capacity;
import java.security.Principal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Planning › Resources: pools, their capacity over time, holidays, experimentation reserves and
 * demand overrides.
 */
@Controller
class ResourceController {

    static final String VIEW = "planning/resources";

    private final Resources resources;

    private final Reserves reserves;
    private final PlanningCatalog catalog;
    private final Windows windows;

    ResourceController(
            Resources resources, Reserves reserves, PlanningCatalog catalog, Windows windows) {
        this.resources = resources;
        this.reserves = reserves;
        this.catalog = catalog;
        this.windows = windows;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/planning/resources")
    String page(Model model) {
        model.addAttribute("resources", resources.all());
        model.addAttribute("reservations", reserves.reservations());
        model.addAttribute("demands", resources.demandOverrides());
        model.addAttribute("overrides", reserves.overrides());
        model.addAttribute("kinds", Capacity.ResourceKind.values());
        model.addAttribute("granularities", Capacity.Granularity.values());
        model.addAttribute(
                "experiments",
                windows.windows().stream()
                        .filter(
                                w ->
                                        w.rule().kind()
                                                == dev.almanac.projection.WindowKind
                                                        .EXPERIMENTATION)
                        .toList());
        model.addAttribute("models", catalog.models());
        return VIEW;
    }

    private String rejected(
            String form, PlanningRejected e, Map<String, String> values, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("field", e.field());
        model.addAttribute("error", e.getMessage());
        model.addAttribute("values", values);
        return page(model);
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.EDIT_RESOURCES)
    @PostMapping("/planning/resources")
    String save(
            @RequestParam(required = false) String key,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) Capacity.ResourceKind kind,
            @RequestParam(required = false) Capacity.Granularity granularity,
            @RequestParam(required = false) Double capacity,
            @RequestParam(required = false) String members,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        try {
            resources.save(
                    new Resources.ResourceChange(
                            key == null ? null : key.trim(),
                            name,
                            unit,
                            kind,
                            granularity,
                            capacity,
                            members == null ? List.of() : Arrays.asList(members.split(","))),
                    principal.getName());
        } catch (PlanningRejected e) {
            return rejected(
                    "resource",
                    e,
                    Map.of(
                            "key",
                            str(key),
                            "name",
                            str(name),
                            "unit",
                            str(unit),
                            "members",
                            str(members)),
                    model);
        }
        redirect.addFlashAttribute("message", "Resource " + key + " saved; bookings follow it.");
        return "redirect:/planning/resources";
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.EDIT_RESOURCES)
    @PostMapping("/planning/resources/{key}/capacity")
    String capacity(
            @PathVariable String key,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate from,
            @RequestParam(required = false) Double capacity,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        try {
            resources.changeCapacity(key, from, capacity, principal.getName());
        } catch (PlanningRejected e) {
            return rejected("capacity-" + key, e, Map.of(), model);
        }
        redirect.addFlashAttribute("message", key + " has a new capacity from " + from + ".");
        return "redirect:/planning/resources";
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.EDIT_RESOURCES)
    @PostMapping("/planning/resources/{key}/holidays")
    String holiday(
            @PathVariable String key,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate start,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate end,
            @RequestParam(required = false) String rrule,
            @RequestParam(required = false) String member,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        try {
            resources.addHoliday(
                    key, new Capacity.Holiday(start, end, rrule, member), principal.getName());
        } catch (PlanningRejected e) {
            return rejected("holiday-" + key, e, Map.of(), model);
        }
        redirect.addFlashAttribute("message", "Holiday added to " + key + ".");
        return "redirect:/planning/resources";
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.EDIT_RESOURCES)
    @PostMapping("/planning/resources/{key}/holidays/{index}/delete")
    String removeHoliday(@PathVariable String key, @PathVariable int index, Principal principal) {
        resources.removeHoliday(key, index, principal.getName());
        return "redirect:/planning/resources";
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.EDIT_RESOURCES)
    @PostMapping("/planning/reservations")
    String reserve(
            @RequestParam(required = false) Long windowId,
            @RequestParam(required = false) String resource,
            @RequestParam(required = false) Double sharePercent,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        try {
            reserves.reserve(
                    windowId,
                    resource,
                    sharePercent == null ? null : sharePercent / 100,
                    principal.getName());
        } catch (PlanningRejected e) {
            return rejected("reservation", e, Map.of(), model);
        }
        redirect.addFlashAttribute("message", "Reserve saved.");
        return "redirect:/planning/resources";
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.EDIT_RESOURCES)
    @PostMapping("/planning/demands")
    String demand(
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String scopeKey,
            @RequestParam(required = false) String activityId,
            @RequestParam(required = false) String resource,
            @RequestParam(required = false) Double amount,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        try {
            resources.setDemand(scope, scopeKey, activityId, resource, amount, principal.getName());
        } catch (PlanningRejected e) {
            return rejected("demand", e, Map.of(), model);
        }
        redirect.addFlashAttribute("message", "Demand saved.");
        return "redirect:/planning/resources";
    }

    private static String str(String s) {
        return s == null ? "" : s;
    }
}
