package dev.almanac.communications.notices;

import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** A person's inbox: every notice sent to them in Almanac. */
@Controller
class InboxController {

    private final Notices notices;

    InboxController(Notices notices) {
        this.notices = notices;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.OWN_SETTINGS)
    @GetMapping("/inbox")
    String inbox(Model model, Principal principal) {
        model.addAttribute("items", notices.inbox(principal.getName(), 200));
        return "communications/inbox";
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.OWN_SETTINGS)
    @PostMapping("/inbox/read")
    String read(Principal principal) {
        notices.markRead(principal.getName());
        return "redirect:/inbox";
    }
}
