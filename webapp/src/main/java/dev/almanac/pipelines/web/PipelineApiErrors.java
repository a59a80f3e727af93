package dev.almanac.pipelines.web;

import dev.almanac.releases.ReleaseRejected;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every refusal of the pipeline API as application/problem+json, naming the field at fault. */
@RestControllerAdvice(assignableTypes = PipelineApiController.class)
public class PipelineApiErrors {

    public static ProblemDetail problem(HttpStatus status, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://almanac.dev/problems/" + status.value()));
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    @ExceptionHandler
    ProblemDetail refused(PipelineProblem problem) {
        return problem(problem.status(), problem.field(), problem.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidRelease(ReleaseRejected rejected) {
        HttpStatus status =
                rejected.getMessage().contains("already exists")
                        ? HttpStatus.CONFLICT
                        : HttpStatus.BAD_REQUEST;
        return problem(status, rejected.field(), rejected.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "body",
                "The body is not the JSON object this endpoint takes: "
                        + firstLine(e.getMostSpecificCause().getMessage()));
    }

    @ExceptionHandler
    ProblemDetail notJson(HttpMediaTypeNotSupportedException e) {
        return problem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type",
                "Send JSON with 'Content-Type: application/json'.");
    }

    /**
     * No connection came free in time, or the engine kept meeting concurrent changes: the node is
     * saturated, and the pipeline is told when to try again (nothing was changed).
     */
    @ExceptionHandler({
        org.springframework.transaction.CannotCreateTransactionException.class,
        org.springframework.dao.TransientDataAccessException.class,
        org.operaton.bpm.engine.OptimisticLockingException.class
    })
    org.springframework.http.ResponseEntity<ProblemDetail> busy(RuntimeException e) {
        return org.springframework.http.ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(org.springframework.http.HttpHeaders.RETRY_AFTER, "1")
                .body(
                        problem(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                null,
                                "Almanac is busy and changed nothing; send the request again"
                                        + " after the Retry-After seconds."));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
