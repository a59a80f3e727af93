package dev.almanac.identity.web;

import dev.almanac.identity.SignInThrottle;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators see which accounts and addresses are locked after failed sign-ins, and unlock
 * them.
 */
@Controller
@RequestMapping("/admin/sign-ins")
class SignInAdminController {

    private final SignInThrottle throttle;

    SignInAdminController(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.ADMINISTER)
    @GetMapping
    String list(Model model) {
        model.addAttribute("blocks", throttle.blocks());
        return "identity/sign-ins";
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.ADMINISTER)
    @PostMapping("/unlock")
    String unlock(@RequestParam(defaultValue = "") String subject, RedirectAttributes redirect) {
        redirect.addFlashAttribute(
                "message",
                throttle.unlock(subject)
                        ? "Unlocked "
                                + subject.substring(subject.indexOf(':') + 1)
                                + ": it may sign in again."
                        : "Nothing to unlock for " + subject + ".");
        return "redirect:/admin/sign-ins";
    }
}
