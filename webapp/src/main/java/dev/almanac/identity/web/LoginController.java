package dev.almanac.identity.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.SIGN_IN)
    @GetMapping("/login")
    String login() {
        return "login";
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/")
    String home() {
        return "redirect:/releases";
    }
}
