package dev.almanac.governance.web;

import dev.almanac.governance.DecisionKind;
import dev.almanac.governance.DecisionLog;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The decision log for people and auditors: search, the chain check, CSV and JSON exports of what
 * the search finds.
 */
@Controller
class DecisionLogController {

    private static final int LIMIT = 500;

    private final DecisionLog log;

    DecisionLogController(DecisionLog log) {
        this.log = log;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/governance/decisions")
    String decisions(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String release,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model) {
        model.addAttribute("q", q);
        model.addAttribute("kind", kind);
        model.addAttribute("release", release);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("kinds", DecisionKind.values());
        try {
            model.addAttribute("entries", log.search(search(q, kind, release, from, to), LIMIT));
        } catch (SearchRejected e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("entries", List.of());
        }
        model.addAttribute("check", log.verify());
        return "governance/decisions";
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/governance/decisions.csv")
    ResponseEntity<String> csv(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String release,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"decision-log.csv\"")
                .body(log.csv(log.search(search(q, kind, release, from, to), 100_000)));
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/governance/decisions.json")
    ResponseEntity<String> json(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String release,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"decision-log.json\"")
                .body(log.json(log.search(search(q, kind, release, from, to), 100_000)));
    }

    /** A search that cannot run, naming the parameter. */
    static class SearchRejected extends IllegalArgumentException {

        final String field;

        SearchRejected(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(SearchRejected.class)
    ResponseEntity<org.springframework.http.ProblemDetail> rejected(SearchRejected e) {
        var problem =
                org.springframework.http.ProblemDetail.forStatusAndDetail(
                        org.springframework.http.HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Search refused");
        problem.setProperty("field", e.field);
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    static DecisionLog.Search search(
            String q, String kind, String release, String from, String to) {
        DecisionKind k = null;
        if (kind != null && !kind.isBlank()) {
            try {
                k = DecisionKind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                throw new SearchRejected(
                        "kind",
                        "Unknown kind '"
                                + kind
                                + "'; one of "
                                + java.util.Arrays.toString(DecisionKind.values())
                                + ".");
            }
        }
        return new DecisionLog.Search(
                k,
                release,
                day(from, "from"),
                day(to, "to") == null ? null : day(to, "to").plusSeconds(86_400),
                q);
    }

    private static java.time.Instant day(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new SearchRejected(
                    field, "'" + value + "' in " + field + " is not a date like 2026-12-31.");
        }
    }
}
