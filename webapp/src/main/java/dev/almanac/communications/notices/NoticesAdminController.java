package dev.almanac.communications.notices;

import dev.almanac.communications.CommunicationsRejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' page of deliveries: counts by state, the ones that failed, and a retry for
 * each.
 */
@Controller
class NoticesAdminController {

    private final Notices notices;

    NoticesAdminController(Notices notices) {
        this.notices = notices;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.ADMINISTER)
    @GetMapping("/admin/notices")
    String admin(Model model) {
        model.addAttribute("counts", notices.counts());
        model.addAttribute("troubled", notices.troubled(200));
        return "communications/admin";
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.ADMINISTER)
    @PostMapping("/admin/notices/{id}/retry")
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        try {
            notices.retry(id);
            redirect.addFlashAttribute("message", "Delivery " + id + " is queued again.");
        } catch (CommunicationsRejected rejected) {
            redirect.addFlashAttribute("message", rejected.getMessage());
        }
        return "redirect:/admin/notices";
    }
}
