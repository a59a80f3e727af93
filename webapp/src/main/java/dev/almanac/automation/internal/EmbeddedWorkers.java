package dev.almanac.automation.internal;

import dev.almanac.workers.ReleaseStep;
import dev.almanac.workers.RetryPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

/**
 * Runs the release steps inside the application through the engine's Java API. Fetch-and-lock is
 * atomic in the database, so several app nodes (and standalone workers) never run a task twice. A
 * technical failure retries with exponential back-off; when retries run out the engine raises an
 * incident that Cockpit shows, and "retry" there resumes the release.
 */
public class EmbeddedWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedWorkers.class);

    private final ExternalTaskService externalTasks;
    private final Map<String, ReleaseStep> steps;
    private final WorkerProperties properties;
    private final Semaphore slots;
    private ScheduledExecutorService poller;
    private ExecutorService runners;
    private volatile boolean running;

    EmbeddedWorkers(
            ExternalTaskService externalTasks,
            List<ReleaseStep> steps,
            WorkerProperties properties) {
        this.externalTasks = externalTasks;
        this.steps =
                steps.stream().collect(Collectors.toMap(ReleaseStep::topic, Function.identity()));
        this.properties = properties;
        this.slots = new Semaphore(properties.concurrency());
    }

    /**
     * Polling starts once the application is ready, so no task runs against a half-started context.
     */
    @EventListener(ApplicationReadyEvent.class)
    void startPolling() {
        if (!running) {
            return;
        }
        poller.scheduleWithFixedDelay(
                this::pollSafely, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        log.info("Embedded workers polling topics {} as {}", steps.keySet(), properties.workerId());
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("Fetching external tasks failed: {}", e.getMessage());
        }
    }

    public void poll() {
        int free = slots.availablePermits();
        if (free == 0) {
            return;
        }
        ExternalTaskQueryBuilder query = externalTasks.fetchAndLock(free, properties.workerId());
        steps.keySet().forEach(topic -> query.topic(topic, properties.lockDuration().toMillis()));
        for (LockedExternalTask task : query.execute()) {
            slots.acquireUninterruptibly();
            runners.execute(
                    () -> {
                        try {
                            run(task);
                        } finally {
                            slots.release();
                        }
                    });
        }
    }

    /** Whether a fetched task is still being worked on. */
    public boolean busy() {
        return slots.availablePermits() < properties.concurrency();
    }

    private void run(LockedExternalTask task) {
        ReleaseStep step = steps.get(task.getTopicName());
        try {
            ReleaseStep.Outcome outcome =
                    step.run(new ReleaseStep.Work(task.getBusinessKey(), task.getVariables()));
            if (outcome instanceof ReleaseStep.Completed completed) {
                externalTasks.complete(task.getId(), properties.workerId(), completed.variables());
            } else if (outcome instanceof ReleaseStep.BusinessError error) {
                externalTasks.handleBpmnError(
                        task.getId(),
                        properties.workerId(),
                        error.errorCode(),
                        error.message(),
                        error.variables());
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            RetryPolicy retry = properties.retryFor(task.getTopicName());
            int retriesLeft = retry.retriesLeftAfterFailure(task.getRetries());
            long backoff = retry.backoff(retriesLeft).toMillis();
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn(
                    "{} failed for release {} ({} retries left): {}",
                    task.getTopicName(),
                    task.getBusinessKey(),
                    retriesLeft,
                    message);
            externalTasks.handleFailure(
                    task.getId(),
                    properties.workerId(),
                    truncate(message),
                    stackTrace(e),
                    retriesLeft,
                    retriesLeft == 0 ? 0 : backoff);
        }
    }

    private static String truncate(String message) {
        return message.length() > 600 ? message.substring(0, 600) + "…" : message;
    }

    private static String stackTrace(Exception e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    @Override
    public void start() {
        poller =
                Executors.newSingleThreadScheduledExecutor(
                        r -> new Thread(r, "almanac-worker-poller"));
        runners =
                Executors.newFixedThreadPool(
                        properties.concurrency(), r -> new Thread(r, "almanac-worker"));
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        poller.shutdownNow();
        runners.shutdown();
        try {
            runners.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
