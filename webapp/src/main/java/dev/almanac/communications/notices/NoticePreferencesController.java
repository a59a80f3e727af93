package dev.almanac.communications.notices;

import dev.almanac.communications.Delivery;
import dev.almanac.communications.NoticeType;
import dev.almanac.communications.stakeholders.Stakeholders;
import java.security.Principal;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Each person's choice, per kind of notice, of what reaches them: at once, in the digest, or not at
 * all.
 */
@Controller
class NoticePreferencesController {

    private final Stakeholders stakeholders;

    NoticePreferencesController(Stakeholders stakeholders) {
        this.stakeholders = stakeholders;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.OWN_SETTINGS)
    @GetMapping("/notices/preferences")
    String preferences(Model model, Principal principal) {
        model.addAttribute("preferences", stakeholders.preferences(principal.getName()));
        model.addAttribute("deliveries", Delivery.values());
        return "communications/preferences";
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.OWN_SETTINGS)
    @PostMapping("/notices/preferences")
    String choose(
            @RequestParam Map<String, String> form,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        Map<NoticeType, Delivery> choices = new EnumMap<>(NoticeType.class);
        for (NoticeType type : NoticeType.values()) {
            String value = form.get(type.code());
            if (value == null || !type.choosable()) {
                continue;
            }
            try {
                choices.put(type, Delivery.valueOf(value));
            } catch (IllegalArgumentException e) {
                model.addAttribute(
                        "error",
                        "Choose immediately, in my digest, or not at all for "
                                + type.label()
                                + ".");
                model.addAttribute("fieldError", type.code());
                return preferences(model, principal);
            }
        }
        stakeholders.choose(principal.getName(), choices);
        redirect.addFlashAttribute("message", "Saved: this is what reaches you from now on.");
        return "redirect:/notices/preferences";
    }
}
