package dev.almanac.communications.stakeholders;

import dev.almanac.communications.CommunicationsRejected;
import dev.almanac.communications.NewStakeholder;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;

/** Stakeholders over JSON: bad input is problem+json naming the field. */
@RestController
class StakeholderApiController {

    private final Stakeholders stakeholders;

    StakeholderApiController(Stakeholders stakeholders) {
        this.stakeholders = stakeholders;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.PIPELINE_STAKEHOLDERS)
    @GetMapping("/api/v1/stakeholders")
    List<Stakeholders.Stakeholder> all(org.springframework.security.core.Authentication token) {
        return stakeholders.all().stream().map(Stakeholders.Stakeholder::masked).toList();
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.PIPELINE_STAKEHOLDERS)
    @PostMapping("/api/v1/stakeholders")
    ResponseEntity<Stakeholders.Stakeholder> add(
            @RequestBody NewStakeholder request,
            org.springframework.security.core.Authentication token) {
        return ResponseEntity.status(HttpStatus.CREATED).body(stakeholders.add(request).masked());
    }

    @ExceptionHandler(CommunicationsRejected.class)
    @ResponseBody
    ResponseEntity<ProblemDetail> rejected(CommunicationsRejected e) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        HttpStatus status =
                "token".equals(e.field()) ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST;
        problem.setStatus(status);
        problem.setTitle("Stakeholder refused");
        problem.setProperty("field", e.field());
        return ResponseEntity.status(status).body(problem);
    }
}
