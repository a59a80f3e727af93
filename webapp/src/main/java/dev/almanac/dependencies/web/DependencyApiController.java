package dev.almanac.dependencies.web;

import dev.almanac.dependencies.Dependencies;
import dev.almanac.dependencies.DependencyKind;
import dev.almanac.dependencies.DependencyRejected;
import dev.almanac.pipelines.PipelineTokens;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1}: a release's dependencies, for pipelines and planning tools. */
@RestController
class DependencyApiController {

    private final Dependencies dependencies;
    private final dev.almanac.releases.ReleaseQueries releases;

    private final dev.almanac.identity.AccessPolicy policy;

    DependencyApiController(
            Dependencies dependencies,
            dev.almanac.releases.ReleaseQueries releases,
            dev.almanac.identity.AccessPolicy policy) {
        this.policy = policy;
        this.dependencies = dependencies;
        this.releases = releases;
    }

    /** A token acts only on the releases of its models: a release's dependencies are its own. */
    static final class OutOfScope extends RuntimeException {
        OutOfScope(String message) {
            super(message);
        }
    }

    private void inScope(PipelineTokens.Pipeline pipeline, String releaseKey) {
        if (pipeline == null || releaseKey == null) {
            return;
        }
        releases.plannedRelease(releaseKey)
                .filter(release -> !policy.covers(pipeline, release.model()))
                .ifPresent(
                        release -> {
                            throw new OutOfScope(
                                    "Token '"
                                            + pipeline.name()
                                            + "' may not act on model "
                                            + release.model()
                                            + ", so not on the dependencies of "
                                            + releaseKey
                                            + ".");
                        });
    }

    /** The body of a new dependency; {@code lag} is ISO-8601 (PT12H, P2D). */
    record DependencyRequest(
            String upstreamRelease,
            String upstreamActivity,
            String downstreamActivity,
            DependencyKind kind,
            String lag,
            String note) {}

    @dev.almanac.identity.Permits(
            value = dev.almanac.identity.Action.PIPELINE_RELEASE,
            subject = "key")
    @GetMapping("/api/v1/releases/{key}/dependencies")
    List<Dependencies.DependencyInfo> list(
            @AuthenticationPrincipal PipelineTokens.Pipeline pipeline, @PathVariable String key) {
        inScope(pipeline, key);
        return dependencies.of(key);
    }

    @dev.almanac.identity.Permits(
            value = dev.almanac.identity.Action.PIPELINE_RELEASE,
            subject = "key")
    @PostMapping("/api/v1/releases/{key}/dependencies")
    ResponseEntity<Dependencies.DependencyInfo> add(
            @AuthenticationPrincipal PipelineTokens.Pipeline pipeline,
            @PathVariable String key,
            @RequestBody DependencyRequest request,
            Principal principal) {
        inScope(pipeline, key);
        Duration lag;
        try {
            lag =
                    request.lag() == null || request.lag().isBlank()
                            ? Duration.ZERO
                            : Duration.parse(request.lag().trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new DependencyRejected(
                    "lag",
                    "'" + request.lag() + "' is not an ISO-8601 duration like PT12H or P2D.");
        }
        var created =
                dependencies.add(
                        new Dependencies.NewDependency(
                                request.upstreamRelease(),
                                request.upstreamActivity(),
                                key,
                                request.downstreamActivity(),
                                request.kind(),
                                lag,
                                request.note()),
                        principal.getName());
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @dev.almanac.identity.Permits(
            value = dev.almanac.identity.Action.PIPELINE_DEPENDENCY,
            subject = "id")
    @DeleteMapping("/api/v1/dependencies/{id}")
    ResponseEntity<Void> remove(
            @AuthenticationPrincipal PipelineTokens.Pipeline pipeline, @PathVariable long id) {
        dependencies.find(id).ifPresent(d -> inScope(pipeline, d.downstreamRelease()));
        return dependencies.remove(id, "pipeline:" + pipeline.name(), "removed over the API")
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> outOfScope(OutOfScope e) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Outside the token's scope");
        problem.setProperty("field", "key");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejected(DependencyRejected e) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Dependency refused");
        problem.setProperty("field", e.field());
        return ResponseEntity.badRequest().body(problem);
    }
}
