package dev.almanac.calendar.web;

import dev.almanac.calendar.internal.CalendarFeeds;
import dev.almanac.identity.People;
import dev.almanac.planning.PlanningCatalog;
import dev.almanac.schedule.ReleaseCalendar;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Calendar subscriptions: the page listing a person's feed URLs, and the feeds themselves. */
@Controller
class FeedController {

    static final String VIEW = "calendar/feeds";
    static final MediaType TEXT_CALENDAR =
            new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

    private final CalendarFeeds feeds;
    private final PlanningCatalog catalog;
    private final People teams;
    private final ReleaseCalendar calendar;

    FeedController(
            CalendarFeeds feeds, PlanningCatalog catalog, People teams, ReleaseCalendar calendar) {
        this.feeds = feeds;
        this.catalog = catalog;
        this.teams = teams;
        this.calendar = calendar;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.OWN_SETTINGS)
    @GetMapping("/feeds")
    String page(Principal principal, Model model) {
        // a reset's new secret arrives as a flash attribute, never from the request
        Object fresh = model.asMap().get("feedToken");
        // the secret is shown once: right after it is made or reset; Almanac keeps only its
        // fingerprint
        String token =
                fresh instanceof String secret && !secret.isBlank()
                        ? secret
                        : feeds.issueIfNone(principal.getName()).orElse(null);
        if (token != null) {
            model.addAttribute(
                    "base",
                    ServletUriComponentsBuilder.fromCurrentContextPath()
                            .path("/feeds/")
                            .path(token)
                            .toUriString());
        }
        model.addAttribute("teams", teams.teamsOf(principal.getName()));
        model.addAttribute("allTeams", teams.all());
        model.addAttribute("productLines", catalog.productLines());
        model.addAttribute("models", catalog.models());
        model.addAttribute("releases", calendar.current().releases().keySet());
        return VIEW;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.OWN_SETTINGS)
    @PostMapping("/feeds/reset")
    String reset(Principal principal, RedirectAttributes redirect) {
        redirect.addFlashAttribute("feedToken", feeds.resetToken(principal.getName()));
        redirect.addFlashAttribute(
                "message",
                "Your feed address changed; subscriptions to the old one stop updating. Copy the new addresses now: they are shown only once.");
        return "redirect:/feeds";
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.SUBSCRIBE_FEED)
    @GetMapping("/feeds/{token}/all.ics")
    ResponseEntity<String> all(@PathVariable String token, HttpServletRequest request) {
        return feed(token, CalendarFeeds.Scope.ALL, "", request);
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.SUBSCRIBE_FEED)
    @GetMapping("/feeds/{token}/{scope}/{key}.ics")
    ResponseEntity<String> scoped(
            @PathVariable String token,
            @PathVariable String scope,
            @PathVariable String key,
            HttpServletRequest request) {
        var feedScope = CalendarFeeds.Scope.ofPath(scope).filter(s -> s != CalendarFeeds.Scope.ALL);
        if (feedScope.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.TEXT_PLAIN)
                    .body("No feed '" + scope + "': use team, product-line, model or release.");
        }
        return feed(token, feedScope.get(), key, request);
    }

    private ResponseEntity<String> feed(
            String token, CalendarFeeds.Scope scope, String key, HttpServletRequest request) {
        if (!feeds.valid(token)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.TEXT_PLAIN)
                    .body("No such feed.");
        }
        String base = ServletUriComponentsBuilder.fromContextPath(request).toUriString();
        String ics;
        try {
            ics = feeds.feed(scope, key, base);
        } catch (org.springframework.dao.DataIntegrityViolationException raced) {
            // two clients recorded the same new event at once; the second reading finds it recorded
            ics = feeds.feed(scope, key, base);
        }
        return ResponseEntity.ok()
                .contentType(TEXT_CALENDAR)
                .header("Cache-Control", "private, max-age=300")
                .body(ics);
    }
}
