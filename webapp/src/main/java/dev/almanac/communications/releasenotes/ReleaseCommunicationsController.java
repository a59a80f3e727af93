package dev.almanac.communications.releasenotes;

import dev.almanac.communications.CommunicationsProperties;
import dev.almanac.communications.CommunicationsRejected;
import dev.almanac.communications.notices.Notices;
import dev.almanac.governance.DecisionLog;
import dev.almanac.governance.Retrospectives;
import dev.almanac.identity.AccessPolicy;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.ReleaseRejected;
import dev.almanac.releases.ReleaseSummary;
import dev.almanac.releases.Releases;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A release's communications and governance: its panel on the release page (planned communications,
 * open items, retrospectives, decisions, freeze override, notices sent) and its release notes page.
 */
@Controller
class ReleaseCommunicationsController {

    private final Releases releases;

    private final ReleaseQueries releaseQueries;
    private final ReleaseNotes notes;
    private final PlannedCommunications communications;
    private final Retrospectives retrospectives;
    private final DecisionLog decisions;
    private final Notices notices;
    private final CommunicationsProperties properties;
    private final AccessPolicy policy;

    ReleaseCommunicationsController(
            Releases releases,
            ReleaseQueries releaseQueries,
            ReleaseNotes notes,
            PlannedCommunications communications,
            Retrospectives retrospectives,
            DecisionLog decisions,
            Notices notices,
            CommunicationsProperties properties,
            AccessPolicy policy) {
        this.releases = releases;
        this.releaseQueries = releaseQueries;
        this.notes = notes;
        this.communications = communications;
        this.retrospectives = retrospectives;
        this.decisions = decisions;
        this.notices = notices;
        this.properties = properties;
        this.policy = policy;
    }

    private ReleaseSummary release(String key) {
        return releaseQueries
                .plannedRelease(key)
                .orElseThrow(
                        () ->
                                new ResponseStatusException(
                                        HttpStatus.NOT_FOUND, "No release " + key));
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/releases/{key}/governance")
    String panel(@PathVariable String key, Model model) {
        ReleaseSummary release = release(key);
        model.addAttribute("release", release);
        model.addAttribute("note", notes.of(key).orElse(null));
        model.addAttribute("communications", communications.of(key));
        model.addAttribute("items", retrospectives.itemsFor(release.model(), key));
        model.addAttribute("retrospective", retrospectives.of(key).orElse(null));
        model.addAttribute("earlier", retrospectives.earlier(release.model(), key));
        model.addAttribute("decisions", decisions.ofRelease(key));
        model.addAttribute("notices", notices.ofRelease(key));
        model.addAttribute("zone", java.time.ZoneId.of(properties.zone()));
        ReleaseQueries.FreezeOverride freeze = releaseQueries.freezeOverride(key);
        model.addAttribute("waitingForWindow", freeze.waitingForWindow());
        model.addAttribute("overrideRequested", freeze.requested());
        return "communications/release-panel";
    }

    @dev.almanac.identity.Permits(
            value = dev.almanac.identity.Action.EDIT_COMMUNICATIONS,
            subject = "key")
    @PostMapping("/releases/{key}/communications")
    String editCommunication(
            @PathVariable String key,
            @RequestParam String milestone,
            @RequestParam(required = false) String delivers,
            @RequestParam(required = false) String risks,
            @RequestParam(required = false) String nextSteps,
            @RequestParam(required = false) String send,
            Authentication user,
            RedirectAttributes redirect) {
        ReleaseSummary release = release(key);
        try {
            communications.edit(key, milestone, delivers, risks, nextSteps, user.getName());
            if (send != null) {
                communications.send(key, milestone, user.getName());
                redirect.addFlashAttribute(
                        "message",
                        "The "
                                + milestone
                                + " communication was sent to the stakeholders of "
                                + key
                                + ".");
            } else {
                redirect.addFlashAttribute(
                        "message",
                        "The "
                                + milestone
                                + " communication is saved; it goes out when the milestone is done.");
            }
        } catch (CommunicationsRejected rejected) {
            redirect.addFlashAttribute("error", milestone + ": " + rejected.getMessage());
        }
        return "redirect:/releases/" + key;
    }

    @dev.almanac.identity.Permits(
            value = dev.almanac.identity.Action.EDIT_COMMUNICATIONS,
            subject = "key")
    @PostMapping("/releases/{key}/open-items/{id}/close")
    String closeItem(
            @PathVariable String key,
            @PathVariable long id,
            Authentication user,
            RedirectAttributes redirect) {
        ReleaseSummary release = release(key);
        try {
            retrospectives.close(id, release.model(), key, user.getName());
            redirect.addFlashAttribute("message", "Open item closed in " + key + ".");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/releases/" + key;
    }

    @dev.almanac.identity.Permits(
            value = dev.almanac.identity.Action.REQUEST_FREEZE_OVERRIDE,
            subject = "key")
    @PostMapping("/releases/{key}/freeze-override")
    String requestOverride(
            @PathVariable String key,
            @RequestParam(required = false) String reason,
            Authentication user,
            RedirectAttributes redirect) {
        release(key);
        try {
            releases.requestFreezeOverride(key, user.getName(), reason);
            redirect.addFlashAttribute(
                    "message",
                    "Asked release managers for a freeze override; the task 'Override freeze' waits for them.");
        } catch (ReleaseRejected rejected) {
            redirect.addFlashAttribute("error", rejected.getMessage());
        }
        return "redirect:/releases/" + key;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/releases/{key}/notes")
    String notes(@PathVariable String key, Model model) {
        model.addAttribute("release", release(key));
        model.addAttribute("note", notes.of(key).orElse(null));
        model.addAttribute("zone", java.time.ZoneId.of(properties.zone()));
        return "communications/release-notes";
    }

    @dev.almanac.identity.Permits(
            value = dev.almanac.identity.Action.EDIT_COMMUNICATIONS,
            subject = "key")
    @PostMapping("/releases/{key}/notes")
    String saveNotes(
            @PathVariable String key,
            @RequestParam(required = false) String markdown,
            @RequestParam(required = false) String publish,
            Authentication user,
            Model model,
            RedirectAttributes redirect) {
        ReleaseSummary release = release(key);
        try {
            notes.edit(key, markdown, user.getName());
            if (publish != null) {
                notes.publish(key, user.getName());
                redirect.addFlashAttribute(
                        "message", "Published; the stakeholders of " + key + " are told.");
            } else {
                redirect.addFlashAttribute("message", "Saved. Publish when it reads right.");
            }
            return "redirect:/releases/" + key + "/notes";
        } catch (CommunicationsRejected rejected) {
            model.addAttribute("error", rejected.getMessage());
            model.addAttribute("draft", markdown);
            return notes(key, model);
        }
    }

    @dev.almanac.identity.Permits(
            value = dev.almanac.identity.Action.EDIT_COMMUNICATIONS,
            subject = "key")
    @PostMapping("/releases/{key}/notes/generate")
    String generate(@PathVariable String key, Authentication user, RedirectAttributes redirect) {
        ReleaseSummary release = release(key);
        try {
            notes.generate(key);
            redirect.addFlashAttribute("message", "Drafted from what Almanac knows now.");
        } catch (CommunicationsRejected rejected) {
            redirect.addFlashAttribute("error", rejected.getMessage());
        }
        return "redirect:/releases/" + key + "/notes";
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/releases/{key}/notes.md")
    ResponseEntity<String> markdown(@PathVariable String key) {
        ReleaseNotes.Note note =
                notes.of(key)
                        .orElseThrow(
                                () ->
                                        new ResponseStatusException(
                                                HttpStatus.NOT_FOUND,
                                                "No release notes for " + key));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "markdown", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "inline; filename=\"" + key + "-release-notes.md\"")
                .body(note.markdown());
    }
}
