package dev.almanac.identity.internal;

import dev.almanac.identity.AccessRefused;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * How a refusal of the policy reads: problem+json naming the field on {@code /api/}, a page with
 * the sentence for people.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RefusalPages {

    @ExceptionHandler(AccessRefused.class)
    Object refused(AccessRefused refused, HttpServletRequest request) {
        HttpStatus status = HttpStatus.valueOf(refused.status());
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, refused.getMessage());
            problem.setType(URI.create("https://almanac.dev/problems/" + status.value()));
            if (refused.field() != null) {
                problem.setProperty("field", refused.field());
            }
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        ModelAndView page = new ModelAndView("identity/refused");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("reason", refused.getMessage());
        return page;
    }
}
