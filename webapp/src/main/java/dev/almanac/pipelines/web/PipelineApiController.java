package dev.almanac.pipelines.web;

import dev.almanac.pipelines.PipelineEvents;
import dev.almanac.pipelines.PipelineTokens;
import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.ReleaseDetail;
import dev.almanac.releases.ReleaseProgress;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.ReleaseSummary;
import dev.almanac.releases.Releases;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API ML pipelines use: plan releases, read their state, and send the events that move them
 * along.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(
        name = "Pipelines",
        description =
                "For ML pipelines: plan releases, read their state, send events. Authenticate with 'Authorization: Bearer <token>'.")
@SecurityRequirement(name = "pipelineToken")
class PipelineApiController {

    private final PipelineEvents events;
    private final Releases releases;
    private final ReleaseQueries releaseQueries;

    private final dev.almanac.identity.AccessPolicy policy;
    private final dev.almanac.planning.PlanningCatalog catalog;

    PipelineApiController(
            PipelineEvents events,
            Releases releases,
            ReleaseQueries releaseQueries,
            dev.almanac.identity.AccessPolicy policy,
            dev.almanac.planning.PlanningCatalog catalog) {
        this.catalog = catalog;
        this.policy = policy;
        this.events = events;
        this.releases = releases;
        this.releaseQueries = releaseQueries;
    }

    record EventRequest(String type, String eventId, Map<String, Object> variables) {}

    record EventResponse(
            String eventId, String releaseKey, String type, Instant acceptedAt, boolean replay) {}

    @Operation(
            summary = "Send a pipeline event to a release",
            description =
                    "Correlates the event (a message the release's procedure catches, like data-ready or training-finished) to the release. "
                            + "Idempotent by eventId: a repeat answers with the first result and changes nothing.")
    @dev.almanac.identity.Permits(
            value = dev.almanac.identity.Action.PIPELINE_RELEASE,
            subject = "key")
    @PostMapping("/releases/{key}/events")
    ResponseEntity<EventResponse> event(
            @AuthenticationPrincipal PipelineTokens.Pipeline pipeline,
            @PathVariable String key,
            @RequestBody EventRequest request) {
        PipelineEvents.Accepted accepted =
                events.accept(
                        pipeline, key, request.type(), request.eventId(), request.variables());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Idempotent-Replay", String.valueOf(accepted.replay()))
                .body(
                        new EventResponse(
                                accepted.eventId(),
                                accepted.releaseKey(),
                                accepted.type(),
                                accepted.acceptedAt(),
                                accepted.replay()));
    }

    record ReleaseRequest(
            String model,
            String version,
            String lane,
            String riskTier,
            String ownerTeam,
            String targetDate,
            String dataFeeds) {}

    record StepState(
            String activityId,
            String name,
            String kind,
            String waitingFor,
            Instant due,
            Instant since) {}

    record ReleaseState(
            String key,
            String model,
            String version,
            String lane,
            String riskTier,
            String ownerTeam,
            LocalDate targetDate,
            String status,
            String outcome,
            String procedure,
            Instant nextDue,
            List<StepState> currentSteps,
            Set<String> awaitedEvents,
            Set<String> acceptedEvents) {}

    @Operation(
            summary = "Plan a release and start its procedure",
            description = "Validated like the form: errors name the field.")
    @dev.almanac.identity.Permits(dev.almanac.identity.Action.PIPELINE_PLAN)
    @PostMapping("/releases")
    ResponseEntity<ReleaseState> create(
            @AuthenticationPrincipal PipelineTokens.Pipeline pipeline,
            @RequestBody ReleaseRequest request) {
        requireScope(pipeline, request.model());
        ReleaseSummary created =
                releases.plan(
                        new NewRelease(
                                request.model(),
                                request.version(),
                                parse(Lane.class, "lane", request.lane()),
                                parse(RiskTier.class, "riskTier", request.riskTier()),
                                request.ownerTeam(),
                                date(request.targetDate()),
                                request.dataFeeds()),
                        "pipeline:" + pipeline.name());
        return ResponseEntity.created(URI.create("/api/v1/releases/" + created.key()))
                .body(state(created.key()));
    }

    record ReleaseListItem(
            String key,
            String model,
            String version,
            String lane,
            String riskTier,
            String ownerTeam,
            LocalDate targetDate,
            String status,
            String outcome,
            Instant nextDue,
            List<StepState> currentSteps) {}

    record ReleaseList(List<ReleaseListItem> items, int page, int size, boolean hasNext) {}

    @Operation(
            summary = "List releases, paged and filtered",
            description =
                    "Releases within the token's scope in target-date order, filtered by model, productLine, lane, "
                            + "status (planned, running, ended), step (an activity the release is at) and ownerTeam; "
                            + "page from 0, size 1 to 200 (default 50). 'hasNext' says whether another page follows.")
    @dev.almanac.identity.Permits(dev.almanac.identity.Action.PIPELINE_READ)
    @GetMapping("/releases")
    ReleaseList list(
            @AuthenticationPrincipal PipelineTokens.Pipeline pipeline,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String model,
            @org.springframework.web.bind.annotation.RequestParam(required = false)
                    String productLine,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String lane,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String status,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String step,
            @org.springframework.web.bind.annotation.RequestParam(required = false)
                    String ownerTeam,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "0") String page,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "50")
                    String size) {
        dev.almanac.releases.ReleaseFilter filter =
                dev.almanac.releases.ReleaseFilters.parse(
                        model, productLine, lane, status, step, ownerTeam);
        requireScope(pipeline, filter.model());
        java.util.Set<String> scope = scopeOf(pipeline);
        int pageSize;
        try {
            pageSize = Integer.parseInt(size.trim());
        } catch (NumberFormatException e) {
            throw new PipelineProblem(HttpStatus.BAD_REQUEST, "size", "The size is a number.");
        }
        dev.almanac.releases.ReleasePage found =
                releaseQueries.page(
                        scope == null ? filter : filter.within(scope),
                        dev.almanac.releases.ReleaseFilters.page(page),
                        pageSize);
        return new ReleaseList(
                found.items().stream().map(PipelineApiController::item).toList(),
                found.page(),
                found.size(),
                found.hasNext());
    }

    /** A model named in the request must be within the token's scope (403 naming {@code model}). */
    private void requireScope(PipelineTokens.Pipeline pipeline, String model) {
        if (model != null && !policy.covers(pipeline, model)) {
            throw new PipelineProblem(
                    HttpStatus.FORBIDDEN,
                    "model",
                    "Token '" + pipeline.name() + "' may not act on model " + model + ".");
        }
    }

    /** The models a scoped token may see, or null for a token for every model. */
    private java.util.Set<String> scopeOf(PipelineTokens.Pipeline pipeline) {
        if (pipeline.models().isEmpty() && pipeline.productLines().isEmpty()) {
            return null;
        }
        java.util.Set<String> models = new java.util.HashSet<>(pipeline.models());
        catalog.models().stream()
                .filter(m -> m.productLine() != null)
                .filter(m -> pipeline.productLines().contains(m.productLine()))
                .forEach(m -> models.add(m.key()));
        return models;
    }

    private static List<StepState> steps(ReleaseProgress progress) {
        return progress.steps().stream()
                .map(
                        s ->
                                new StepState(
                                        s.activityId(),
                                        s.name(),
                                        s.kind().name().toLowerCase(),
                                        s.waitingFor(),
                                        s.due(),
                                        s.since()))
                .toList();
    }

    private static ReleaseListItem item(ReleaseSummary r) {
        ReleaseProgress p = r.progress();
        return new ReleaseListItem(
                r.key(),
                r.model(),
                r.version(),
                r.lane().value(),
                r.riskTier().value(),
                r.ownerTeam(),
                r.targetDate(),
                p.status().name().toLowerCase(),
                p.outcome(),
                p.nextDue(),
                steps(p));
    }

    @Operation(
            summary = "Where a release stands",
            description =
                    "Its current steps, what it waits for, due dates and the events it accepts.")
    @dev.almanac.identity.Permits(
            value = dev.almanac.identity.Action.PIPELINE_RELEASE,
            subject = "key")
    @GetMapping("/releases/{key}")
    ReleaseState get(
            @AuthenticationPrincipal PipelineTokens.Pipeline pipeline, @PathVariable String key) {
        // the policy has checked that the release exists and that the token covers its model
        return state(key);
    }

    private ReleaseState state(String key) {
        ReleaseDetail detail = releaseQueries.find(key).orElseThrow();
        ReleaseSummary r = detail.summary();
        ReleaseProgress p = r.progress();
        ReleaseQueries.Messages messages =
                p.status() == ReleaseProgress.Status.ENDED
                        ? new ReleaseQueries.Messages(Set.of(), Set.of())
                        : releaseQueries.messagesOf(key);
        return new ReleaseState(
                r.key(),
                r.model(),
                r.version(),
                r.lane().value(),
                r.riskTier().value(),
                r.ownerTeam(),
                r.targetDate(),
                p.status().name().toLowerCase(),
                outcome(p, detail),
                detail.procedureVersion(),
                p.nextDue(),
                steps(p),
                messages.awaited(),
                messages.caught());
    }

    /**
     * Deployed, rolled back, stopped, …: known as soon as the procedure records it, before the
     * release ends.
     */
    private static String outcome(ReleaseProgress progress, ReleaseDetail detail) {
        if (progress.outcome() != null) {
            return progress.outcome();
        }
        Object recorded =
                detail.variables()
                        .get(dev.almanac.processes.ModelRelease.Variables.RELEASE_OUTCOME);
        return recorded == null ? null : recorded.toString();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new PipelineProblem(
                    HttpStatus.BAD_REQUEST,
                    field,
                    "'"
                            + value
                            + "' is not a "
                            + field
                            + "; use one of "
                            + String.join(
                                    ", ",
                                    java.util.Arrays.stream(type.getEnumConstants())
                                            .map(c -> c.name().toLowerCase())
                                            .toList())
                            + ".");
        }
    }

    private static LocalDate date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new PipelineProblem(
                    HttpStatus.BAD_REQUEST,
                    "targetDate",
                    "Give targetDate as a date like 2026-12-15.");
        }
    }
}
