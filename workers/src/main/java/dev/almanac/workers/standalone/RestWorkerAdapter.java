package dev.almanac.workers.standalone;

import dev.almanac.workers.ReleaseStep;
import dev.almanac.workers.RetryPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.backoff.ExponentialBackoffStrategy;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that speaks the external-task REST protocol (through Camunda's Apache-2.0 client,
 * which Operaton's /engine-rest answers): it fetches and locks tasks, runs the release steps and
 * reports completion, BPMN errors and failures with back-off.
 */
public final class RestWorkerAdapter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RestWorkerAdapter.class);

    private final List<ExternalTaskClient> clients = new ArrayList<>();

    public RestWorkerAdapter(
            List<URI> engineRestUrls,
            String user,
            String password,
            String workerId,
            int maxTasks,
            long lockDurationMillis,
            List<ReleaseStep> steps,
            Function<String, RetryPolicy> retries) {
        for (URI url : engineRestUrls) {
            ExternalTaskClient client =
                    ExternalTaskClient.create()
                            .baseUrl(url.toString())
                            .workerId(workerId)
                            .maxTasks(maxTasks)
                            .usePriority(true)
                            .addInterceptor(new BasicAuthProvider(user, password))
                            .backoffStrategy(new ExponentialBackoffStrategy(200, 2, 5_000))
                            .build();
            for (ReleaseStep step : steps) {
                RetryPolicy retry = retries.apply(step.topic());
                client.subscribe(step.topic())
                        .lockDuration(lockDurationMillis)
                        .handler((task, service) -> run(step, retry, task, service))
                        .open();
            }
            clients.add(client);
        }
    }

    private static void run(
            ReleaseStep step, RetryPolicy retry, ExternalTask task, ExternalTaskService service) {
        try {
            ReleaseStep.Outcome outcome =
                    step.run(new ReleaseStep.Work(task.getBusinessKey(), task.getAllVariables()));
            if (outcome instanceof ReleaseStep.Completed completed) {
                service.complete(task, completed.variables());
            } else if (outcome instanceof ReleaseStep.BusinessError error) {
                service.handleBpmnError(
                        task, error.errorCode(), error.message(), error.variables());
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            int left = retry.retriesLeftAfterFailure(task.getRetries());
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn(
                    "{} failed for release {} ({} retries left): {}",
                    task.getTopicName(),
                    task.getBusinessKey(),
                    left,
                    message);
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            service.handleFailure(
                    task,
                    message.length() > 600 ? message.substring(0, 600) : message,
                    trace.toString(),
                    left,
                    left == 0 ? 0 : retry.backoff(left).toMillis());
        }
    }

    @Override
    public void close() {
        clients.forEach(ExternalTaskClient::stop);
    }
}
