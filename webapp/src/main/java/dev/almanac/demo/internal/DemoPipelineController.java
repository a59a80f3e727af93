package dev.almanac.demo.internal;

import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated ML platform the workers call in the demo: a feed catalog, training and deploy
 * webhooks and a health endpoint. Feeds named "missing-…" do not exist.
 */
@RestController
@RequestMapping("/demo-pipeline")
@ConditionalOnProperty(name = "almanac.demo.enabled", havingValue = "true")
class DemoPipelineController {

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.SIMULATED_PIPELINE)
    @GetMapping("/feeds/{feed}")
    ResponseEntity<Map<String, Object>> feed(@PathVariable String feed) {
        if (feed.startsWith("missing")) {
            return ResponseEntity.status(404).body(Map.of("feed", feed, "available", false));
        }
        return ResponseEntity.ok(Map.of("feed", feed, "available", true));
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.SIMULATED_PIPELINE)
    @PostMapping("/train")
    Map<String, Object> train(@RequestBody Map<String, Object> release) {
        return Map.of(
                "runId",
                "run-" + UUID.randomUUID().toString().substring(0, 8),
                "releaseKey",
                release.get("releaseKey"));
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.SIMULATED_PIPELINE)
    @PostMapping("/deploy")
    Map<String, Object> deploy(@RequestBody Map<String, Object> release) {
        return Map.of(
                "deploymentId",
                "dep-" + UUID.randomUUID().toString().substring(0, 8),
                "releaseKey",
                release.get("releaseKey"));
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.SIMULATED_PIPELINE)
    @GetMapping("/health/{release}")
    Map<String, Object> health(@PathVariable String release) {
        boolean healthy = !release.contains("canary");
        return Map.of(
                "healthy",
                healthy,
                "finding",
                healthy ? "error rate 0.3% (budget 2%)" : "error rate 6.1% (budget 2%)");
    }
}
