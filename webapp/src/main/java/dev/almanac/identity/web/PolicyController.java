package dev.almanac.identity.web;

import dev.almanac.identity.Action;
import dev.almanac.identity.Permits;
import dev.almanac.identity.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The policy table, as the application enforces it: who may do what on Almanac's side. */
@Controller
class PolicyController {

    @Permits(Action.READ)
    @GetMapping("/policy")
    String policy(Model model) {
        model.addAttribute("actions", Action.values());
        model.addAttribute("roles", Role.values());
        return "identity/policy";
    }
}
