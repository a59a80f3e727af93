package dev.almanac.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.Releases;
import dev.almanac.support.MySqlApplicationContext;
import dev.almanac.support.TestAccounts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The reference pipeline script in examples/ walks a release to deployed while people approve it.
 */
class MySqlPipelineScriptTest extends MySqlApplicationContext {

    @LocalServerPort int port;
    @Autowired PipelineTokens tokens;
    @Autowired Releases releases;
    @Autowired ReleaseQueries releaseQueries;
    @Autowired IdentityService identity;

    @Test
    void referencePipelineScriptWalksAReleaseToDeployed() throws Exception {
        TestAccounts.ensure(identity);
        String version = "s" + System.nanoTime();
        String key = "script-model-" + version;
        Path output = Files.createTempFile("pipeline", ".log");
        ProcessBuilder script =
                new ProcessBuilder(
                                "bash",
                                Path.of("..", "examples", "pipeline.sh").toString(),
                                "script-model",
                                version)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
        script.environment()
                .putAll(
                        Map.of(
                                "ALMANAC_URL",
                                "http://localhost:" + port,
                                "ALMANAC_TOKEN",
                                tokens.issue("script", Set.of("script-model"), "test").token(),
                                "OWNER_TEAM",
                                "fraud-ml",
                                "WAIT_SECONDS",
                                "90"));
        Process pipeline = script.start();

        approveWhenOpen(
                key,
                "risk-review",
                "oscar",
                Map.of("riskDecision", "approve", "riskRationale", "fine"));
        approveWhenOpen(
                key, "deploy-approval", "rita", Map.of("deployDecision", "go", "deployNote", "go"));

        assertThat(pipeline.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(pipeline.exitValue()).as(log).isZero();
        assertThat(log)
                .contains(
                        "planned " + key,
                        "sent data-ready",
                        "sent training-finished",
                        "deployed " + key);
        assertThat(releaseQueries.find(key).orElseThrow().variables())
                .containsEntry("releaseOutcome", "deployed")
                .containsEntry("rows", 1250000)
                .containsEntry("deploymentId", "dep-e2e");
    }

    private void approveWhenOpen(
            String key, String step, String user, Map<String, Object> variables) {
        String taskId =
                await().atMost(Duration.ofSeconds(90))
                        .until(
                                () ->
                                        releaseQueries.plannedRelease(key).isEmpty()
                                                ? null
                                                : releaseQueries
                                                        .openTasksOf(key)
                                                        .entrySet()
                                                        .stream()
                                                        .filter(e -> e.getValue().equals(step))
                                                        .map(Map.Entry::getKey)
                                                        .findFirst()
                                                        .orElse(null),
                                id -> id != null);
        releases.completeTask(taskId, user, variables);
    }
}
