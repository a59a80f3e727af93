package dev.almanac.pipelines.web;

import org.springframework.http.HttpStatus;

/**
 * A request the pipeline API refuses: the status, the field at fault (if one is) and a sentence
 * saying why.
 */
public class PipelineProblem extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    public PipelineProblem(HttpStatus status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    HttpStatus status() {
        return status;
    }

    String field() {
        return field;
    }
}
