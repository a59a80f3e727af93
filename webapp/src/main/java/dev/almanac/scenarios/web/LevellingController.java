package dev.almanac.scenarios.web;

import dev.almanac.scenarios.LevellingDrafts;
import java.time.Instant;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The utilisation view's "level this conflict": drafts the moves as a scenario to review. */
@Controller
class LevellingController {

    private final LevellingDrafts drafts;

    LevellingController(LevellingDrafts drafts) {
        this.drafts = drafts;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.DRAFT_SCENARIOS)
    @PostMapping("/utilisation/level")
    String level(
            @RequestParam String resource,
            @RequestParam Instant start,
            Authentication user,
            RedirectAttributes redirect) {
        return drafts.draft(resource, start, user.getName())
                .map(
                        token -> {
                            redirect.addFlashAttribute(
                                    "message",
                                    "These moves level the conflict; review the diff, then a release manager can apply them.");
                            return "redirect:/scenarios/" + token;
                        })
                .orElseGet(
                        () -> {
                            redirect.addFlashAttribute(
                                    "error", "That conflict is gone; the plan has moved since.");
                            return "redirect:/utilisation";
                        });
    }
}
