package dev.almanac.planning.web;

import dev.almanac.identity.People;
import dev.almanac.planning.PlanningCatalog;
import dev.almanac.planning.PlanningRejected;
import dev.almanac.planning.RiskTier;
import dev.almanac.planning.Windows;
import dev.almanac.projection.WindowKind;
import dev.almanac.projection.WindowScope;
import java.security.Principal;
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

/** Pages to list, create and edit product lines, teams, models and windows. */
@Controller
@RequestMapping("/planning")
class PlanningController {

    static final String PRODUCT_LINES_VIEW = "planning/product-lines";
    static final String TEAMS_VIEW = "planning/teams";
    static final String MODELS_VIEW = "planning/models";
    static final String WINDOWS_VIEW = "planning/windows";

    private final PlanningCatalog catalog;

    private final Windows windows;
    private final People engineGroups;

    PlanningController(PlanningCatalog catalog, Windows windows, People engineGroups) {
        this.catalog = catalog;
        this.windows = windows;
        this.engineGroups = engineGroups;
    }

    @InitBinder
    void fields(WebDataBinder binder) {
        binder.initDirectFieldAccess();
    }

    // ---- product lines

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/product-lines")
    String productLines(Model model) {
        return productLinePage(model, new PlanningForms.ProductLineForm(), null);
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/product-lines/{key}")
    String editProductLine(@PathVariable String key, Model model) {
        return productLinePage(
                model,
                PlanningForms.ProductLineForm.of(
                        catalog.productLine(key).orElseThrow(() -> notFound("product line", key))),
                key);
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.EDIT_CATALOG)
    @PostMapping({"/product-lines", "/product-lines/{key}"})
    String saveProductLine(
            @PathVariable(required = false) String key,
            @ModelAttribute("form") PlanningForms.ProductLineForm form,
            BindingResult binding,
            Model model,
            Principal principal,
            RedirectAttributes redirect) {
        if (!binding.hasErrors()
                && saved(
                        binding,
                        () -> catalog.saveProductLine(key, form.change(), principal.getName()))) {
            redirect.addFlashAttribute(
                    "message", "Product line " + (key == null ? form.key : key) + " saved.");
            return "redirect:/planning/product-lines";
        }
        return productLinePage(model, form, key);
    }

    private String productLinePage(
            Model model, PlanningForms.ProductLineForm form, String editing) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("productLines", catalog.productLines());
        return PRODUCT_LINES_VIEW;
    }

    // ---- teams

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/teams")
    String teams(Model model) {
        return teamPage(model, new PlanningForms.TeamForm(), null);
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/teams/{key}")
    String editTeam(@PathVariable String key, Model model) {
        return teamPage(
                model,
                PlanningForms.TeamForm.of(
                        catalog.team(key).orElseThrow(() -> notFound("team", key))),
                key);
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.EDIT_CATALOG)
    @PostMapping({"/teams", "/teams/{key}"})
    String saveTeam(
            @PathVariable(required = false) String key,
            @ModelAttribute("form") PlanningForms.TeamForm form,
            BindingResult binding,
            Model model,
            Principal principal,
            RedirectAttributes redirect) {
        if (!binding.hasErrors()
                && saved(
                        binding, () -> catalog.saveTeam(key, form.change(), principal.getName()))) {
            redirect.addFlashAttribute(
                    "message", "Team " + (key == null ? form.key : key) + " saved.");
            return "redirect:/planning/teams";
        }
        return teamPage(model, form, key);
    }

    private String teamPage(Model model, PlanningForms.TeamForm form, String editing) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("teams", catalog.teams());
        return TEAMS_VIEW;
    }

    // ---- models

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/models")
    String models(Model model) {
        return modelPage(model, new PlanningForms.ModelForm(), null);
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/models/{key}")
    String editModel(@PathVariable String key, Model model) {
        return modelPage(
                model,
                PlanningForms.ModelForm.of(
                        catalog.model(key).orElseThrow(() -> notFound("model", key))),
                key);
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.EDIT_CATALOG)
    @PostMapping({"/models", "/models/{key}"})
    String saveModel(
            @PathVariable(required = false) String key,
            @ModelAttribute("form") PlanningForms.ModelForm form,
            BindingResult binding,
            Model model,
            Principal principal,
            RedirectAttributes redirect) {
        if (!binding.hasErrors()
                && saved(
                        binding,
                        () -> catalog.saveModel(key, form.change(), principal.getName()))) {
            redirect.addFlashAttribute(
                    "message", "Model " + (key == null ? form.key : key) + " saved.");
            return "redirect:/planning/models";
        }
        return modelPage(model, form, key);
    }

    private String modelPage(Model model, PlanningForms.ModelForm form, String editing) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("models", catalog.models());
        model.addAttribute("productLines", catalog.productLines());
        model.addAttribute("teams", engineGroups.all());
        model.addAttribute("riskTiers", RiskTier.values());
        return MODELS_VIEW;
    }

    // ---- windows

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/windows")
    String windows(Model model) {
        return windowPage(model, new PlanningForms.WindowForm(), null);
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/windows/{id}")
    String editWindow(@PathVariable long id, Model model) {
        return windowPage(
                model,
                PlanningForms.WindowForm.of(
                        windows.window(id)
                                .orElseThrow(() -> notFound("window", String.valueOf(id)))),
                id);
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.EDIT_WINDOWS)
    @PostMapping({"/windows", "/windows/{id}"})
    String saveWindow(
            @PathVariable(required = false) Long id,
            @ModelAttribute("form") PlanningForms.WindowForm form,
            BindingResult binding,
            Model model,
            Principal principal,
            RedirectAttributes redirect) {
        if (!binding.hasErrors()
                && saved(
                        binding,
                        () ->
                                windows.saveWindow(
                                        id, form.change(), principal.getName(), form.reason))) {
            redirect.addFlashAttribute(
                    "message", "Window '" + form.name + "' saved; waiting deploys follow it.");
            return "redirect:/planning/windows";
        }
        return windowPage(model, form, id);
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.EDIT_WINDOWS)
    @PostMapping("/windows/{id}/delete")
    String deleteWindow(
            @PathVariable long id,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String reason,
            Principal principal,
            RedirectAttributes redirect) {
        try {
            windows.deleteWindow(id, principal.getName(), reason);
            redirect.addFlashAttribute("message", "Window removed; waiting deploys follow.");
        } catch (PlanningRejected rejected) {
            redirect.addFlashAttribute("error", rejected.getMessage());
        }
        return "redirect:/planning/windows";
    }

    private String windowPage(Model model, PlanningForms.WindowForm form, Long editing) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("windows", windows.windows());
        model.addAttribute("kinds", WindowKind.values());
        model.addAttribute("scopes", WindowScope.values());
        model.addAttribute("productLines", catalog.productLines());
        model.addAttribute("models", catalog.models());
        return WINDOWS_VIEW;
    }

    // ---- helpers

    private static boolean saved(BindingResult binding, Runnable save) {
        try {
            save.run();
            return true;
        } catch (PlanningRejected rejected) {
            if (binding.getFieldType(rejected.field()) != null) {
                binding.rejectValue(rejected.field(), "rejected", rejected.getMessage());
            } else {
                binding.reject("rejected", rejected.getMessage());
            }
            return false;
        }
    }

    private static ResponseStatusException notFound(String what, String key) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No " + what + " " + key);
    }
}
