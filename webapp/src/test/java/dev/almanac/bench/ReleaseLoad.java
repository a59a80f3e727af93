package dev.almanac.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The release benchmark's load, in its own process: each client drives one release at a time
 * through Almanac from plan to end, as its pipeline and its people would. It plans the release
 * ({@code POST /api/v1/releases}), follows it ({@code GET /api/v1/releases/{key}}, every {@code
 * poll} ms), sends data-ready and training-finished when the release awaits them, and completes
 * each person's task through {@code /engine-rest/task} with HTTP Basic as someone in the task's
 * group (the app's own workers and job executor do the rest). A release counts when Almanac reports
 * it ended. Prints one line, {@code RESULT <ended> <seconds> <p50 ms> <p99 ms> <5xx> <other
 * refusals> <not deployed> <timed out>}. Arguments: port, token, clients, count, a prefix for the
 * versions, the people's password, the poll interval in ms.
 */
public final class ReleaseLoad {

    /** Who decides each step on the happy path, and what they decide. */
    private static final Map<String, Person> PEOPLE =
            Map.of(
                    "review-validation",
                    new Person(
                            "mel",
                            Map.of(
                                    "validationDecision",
                                    "advance",
                                    "validationRationale",
                                    "metrics fine")),
                    "risk-review",
                    new Person("oscar", Map.of("riskDecision", "approve", "riskRationale", "fine")),
                    "deploy-approval",
                    new Person("rita", Map.of("deployDecision", "go", "deployNote", "go")),
                    "retrospective",
                    new Person(
                            "mel",
                            Map.of(
                                    "retroWentWell",
                                    "everything",
                                    "retroSlipped",
                                    "nothing",
                                    "retroActions",
                                    "none")));

    /** A release that has not ended after this long is given up (and counted as timed out). */
    private static final long TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(5);

    record Person(String user, Map<String, Object> variables) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String token;
    private final String password;
    private final long poll;
    private final HttpClient http;
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger otherRefusals = new AtomicInteger();
    private final AtomicInteger notDeployed = new AtomicInteger();
    private final AtomicInteger timedOut = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    private ReleaseLoad(String base, String token, String password, long poll, int clients) {
        this.base = base;
        this.token = token;
        this.password = password;
        this.poll = poll;
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .executor(Executors.newFixedThreadPool(Math.max(4, clients)))
                        .build();
    }

    public static void main(String[] args) throws Exception {
        String base = "http://localhost:" + args[0];
        int clients = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        String prefix = args[4];
        ReleaseLoad load =
                new ReleaseLoad(base, args[1], args[5], Long.parseLong(args[6]), clients);
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Double> durations = new ConcurrentLinkedQueue<>();
        ExecutorService pipelines = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pipelines.execute(
                    () -> {
                        int i;
                        while ((i = next.getAndIncrement()) < count) {
                            long t = System.nanoTime();
                            try {
                                if (load.drive(prefix + "." + i)) {
                                    durations.add((System.nanoTime() - t) / 1e6);
                                }
                            } catch (Exception e) {
                                // a failed request is counted where it was sent
                                load.problems.add(prefix + "." + i + ": " + e);
                            }
                        }
                    });
        }
        pipelines.shutdown();
        pipelines.awaitTermination(2, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> sorted = new ArrayList<>(durations);
        java.util.Collections.sort(sorted);
        load.problems.stream().limit(10).forEach(p -> System.out.println("problem: " + p));
        System.out.printf(
                java.util.Locale.ROOT,
                "RESULT %d %.3f %.1f %.1f %d %d %d %d%n",
                sorted.size(),
                seconds,
                sorted.isEmpty() ? 0.0 : sorted.get(sorted.size() / 2),
                sorted.isEmpty()
                        ? 0.0
                        : sorted.get(
                                Math.min(
                                        sorted.size() - 1,
                                        (int) Math.ceil(0.99 * sorted.size()) - 1)),
                load.serverErrors.get(),
                load.otherRefusals.get(),
                load.notDeployed.get(),
                load.timedOut.get());
        System.exit(0);
    }

    /** Plans one release and walks it to its end; whether it ended. */
    private boolean drive(String version) throws Exception {
        String model = "release-bench";
        String key = model + "-" + version;
        HttpResponse<String> planned =
                send(
                        api("/api/v1/releases")
                                .POST(
                                        json(
                                                Map.of(
                                                        "model",
                                                        model,
                                                        "version",
                                                        version,
                                                        "lane",
                                                        "staging",
                                                        "riskTier",
                                                        "low",
                                                        "ownerTeam",
                                                        "fraud-ml",
                                                        "targetDate",
                                                        LocalDate.now().plusDays(30).toString(),
                                                        "dataFeeds",
                                                        "feed-a"))));
        if (planned.statusCode() != 201) {
            problems.add(key + ": plan answered " + planned.statusCode() + " " + planned.body());
            return false;
        }
        Set<String> sent = new HashSet<>();
        Set<String> completed = new HashSet<>();
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = send(api("/api/v1/releases/" + key).GET());
            if (answer.statusCode() != 200) {
                Thread.sleep(poll);
                continue;
            }
            JsonNode state = JSON.readTree(answer.body());
            if ("ended".equals(state.path("status").asText())) {
                if (!"deployed".equals(state.path("outcome").asText())) {
                    notDeployed.incrementAndGet();
                    problems.add(key + " ended " + state.path("outcome").asText());
                }
                return true;
            }
            boolean acted = false;
            for (JsonNode awaited : state.path("awaitedEvents")) {
                String type = awaited.asText();
                if (!sent.contains(type) && event(key, type)) {
                    sent.add(type);
                    acted = true;
                }
            }
            for (JsonNode step : state.path("currentSteps")) {
                String activity = step.path("activityId").asText();
                if ("user_task".equals(step.path("kind").asText())
                        && !completed.contains(activity)) {
                    Person person = PEOPLE.get(activity);
                    if (person == null) {
                        problems.add(key + " waits for " + activity + ", not on the happy path");
                        return false;
                    }
                    if (complete(key, activity, person)) {
                        completed.add(activity);
                        acted = true;
                    }
                }
            }
            if (!acted) {
                Thread.sleep(poll);
            }
        }
        timedOut.incrementAndGet();
        problems.add(key + " did not end in time");
        return false;
    }

    /** Sends the pipeline event the release awaits; whether it was accepted. */
    private boolean event(String key, String type) throws Exception {
        Map<String, Object> variables =
                switch (type) {
                    case "data-ready" -> Map.of("rows", 42);
                    case "training-finished" ->
                            Map.of(
                                    "accuracy",
                                    0.93,
                                    "latencyP95Ms",
                                    95,
                                    "modelUri",
                                    "s3://models/release-bench",
                                    "trainingRunId",
                                    "run-" + key);
                    default -> null;
                };
        if (variables == null) {
            return false;
        }
        HttpResponse<String> answer =
                send(
                        api("/api/v1/releases/" + key + "/events")
                                .POST(
                                        json(
                                                Map.of(
                                                        "type",
                                                        type,
                                                        "eventId",
                                                        key + "-" + type,
                                                        "variables",
                                                        variables))));
        return answer.statusCode() == 202;
    }

    /** Completes the release's open task of this step as the person; whether it was completed. */
    private boolean complete(String key, String activity, Person person) throws Exception {
        HttpResponse<String> tasks =
                send(
                        engine(
                                        "/engine-rest/task?processInstanceBusinessKey="
                                                + key
                                                + "&taskDefinitionKey="
                                                + activity,
                                        person.user())
                                .GET());
        if (tasks.statusCode() != 200) {
            return false;
        }
        JsonNode found = JSON.readTree(tasks.body());
        if (found.isEmpty()) {
            // the state was read before the task was visible, or after it was completed
            return false;
        }
        Map<String, Object> variables = new java.util.LinkedHashMap<>();
        person.variables()
                .forEach(
                        (name, value) ->
                                variables.put(name, Map.of("value", value, "type", "String")));
        HttpResponse<String> done =
                send(
                        engine(
                                        "/engine-rest/task/"
                                                + found.get(0).path("id").asText()
                                                + "/complete",
                                        person.user())
                                .POST(json(Map.of("variables", variables))));
        if (done.statusCode() != 204 && done.statusCode() < 500) {
            problems.add(key + ": " + activity + " answered " + done.statusCode() + done.body());
        }
        return done.statusCode() == 204;
    }

    private HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }

    private HttpRequest.Builder engine(String path, String user) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (user + ":" + password)
                                                        .getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher json(Object body) throws Exception {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    }

    /** Sends a request, counting server errors and refusals other than the expected answers. */
    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            serverErrors.incrementAndGet();
            throw e;
        }
        if (response.statusCode() >= 500) {
            serverErrors.incrementAndGet();
            problems.add(response.request().uri() + " answered " + response.statusCode());
        } else if (response.statusCode() >= 400) {
            otherRefusals.incrementAndGet();
            problems.add(
                    response.request().uri()
                            + " answered "
                            + response.statusCode()
                            + " "
                            + response.body());
        }
        return response;
    }
}
