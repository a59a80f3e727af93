package dev.almanac.pipelines.web;

import dev.almanac.pipelines.PipelineTokens;
import java.security.Principal;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators issue and revoke the tokens pipelines use. */
@Controller
@RequestMapping("/admin/tokens")
class TokenAdminController {

    static final String VIEW = "pipelines/tokens";

    private final PipelineTokens tokens;

    TokenAdminController(PipelineTokens tokens) {
        this.tokens = tokens;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.ADMINISTER)
    @GetMapping
    String list(Model model) {
        model.addAttribute("tokens", tokens.all());
        return VIEW;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.ADMINISTER)
    @PostMapping
    String issue(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String models,
            @RequestParam(defaultValue = "") String productLines,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        try {
            PipelineTokens.IssuedToken issued =
                    tokens.issue(name, list(models), list(productLines), principal.getName());
            redirect.addFlashAttribute("issued", issued);
            return "redirect:/admin/tokens";
        } catch (IllegalArgumentException invalid) {
            model.addAttribute("error", invalid.getMessage());
            model.addAttribute("name", name);
            model.addAttribute("models", models);
            model.addAttribute("productLines", productLines);
            return list(model);
        }
    }

    private static Set<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(m -> !m.isEmpty())
                .collect(Collectors.toSet());
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.ADMINISTER)
    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        tokens.revoke(id);
        redirect.addFlashAttribute(
                "message", "Token revoked: pipelines using it are refused from now on.");
        return "redirect:/admin/tokens";
    }
}
