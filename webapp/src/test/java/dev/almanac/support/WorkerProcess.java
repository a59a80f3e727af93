package dev.almanac.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** A standalone worker in a JVM of its own, started from the workers module's executable jar. */
public final class WorkerProcess implements AutoCloseable {

    private final Process process;
    public final String workerId;
    public final Path log;

    private WorkerProcess(Process process, String workerId, Path log) {
        this.process = process;
        this.workerId = workerId;
        this.log = log;
    }

    public static WorkerProcess start(
            String workerId,
            int appPort,
            StubPlatform platform,
            String lockDuration,
            String user,
            String password)
            throws IOException {
        Path jar = standaloneJar();
        Path log = Files.createTempFile(workerId, ".log");
        ProcessBuilder builder =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx128m",
                                "-jar",
                                jar.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        builder.environment()
                .putAll(
                        Map.of(
                                "ALMANAC_ENGINE_REST",
                                "http://localhost:" + appPort + "/engine-rest",
                                "ALMANAC_WORKER_USER",
                                user,
                                "ALMANAC_WORKER_PASSWORD",
                                password,
                                "ALMANAC_WORKER_ID",
                                workerId,
                                "ALMANAC_LOCK_DURATION",
                                lockDuration,
                                "ALMANAC_DATA_FEED_CATALOG_URL",
                                platform.url("/feeds/{feed}"),
                                "ALMANAC_TRAINING_WEBHOOK",
                                platform.url("/train"),
                                "ALMANAC_DEPLOY_WEBHOOK",
                                platform.url("/deploy"),
                                "ALMANAC_HEALTH_METRIC_URL",
                                platform.url("/health/{release}"),
                                // the stub platform listens on loopback, allowed explicitly
                                "ALMANAC_OUTBOUND_ALLOWED_HOSTS",
                                "localhost, 127.0.0.1, ::1"));
        return new WorkerProcess(builder.start(), workerId, log);
    }

    static Path standaloneJar() throws IOException {
        Path target = Path.of("..", "workers", "target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().endsWith("-standalone.jar"))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            "No standalone worker jar in "
                                                    + target.toAbsolutePath()
                                                    + ": run ./mvnw verify from the project root, which packages the workers before these tests"));
        }
    }

    /** Kills the worker the hard way, as a crashed machine would: no shutdown, no unlock. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
