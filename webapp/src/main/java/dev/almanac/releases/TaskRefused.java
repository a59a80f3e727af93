package dev.almanac.releases;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A task someone may not work on: it belongs to other groups (the message names them). */
@ResponseStatus(HttpStatus.FORBIDDEN)
public class TaskRefused extends RuntimeException {

    public TaskRefused(String message) {
        super(message);
    }
}
