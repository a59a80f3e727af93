package dev.almanac.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The events benchmark's load, in its own process: sends each release's data-ready event from the
 * given number of concurrent pipelines (HTTP/1.1 keep-alive) and prints one line, {@code RESULT
 * <answered> <seconds> <p50 ms> <p99 ms> <5xx> <other non-202>}. Arguments: port, token, clients, a
 * file of release keys (one per line), a prefix for the event ids.
 */
public final class EventLoad {

    private EventLoad() {}

    public static void main(String[] args) throws Exception {
        String base = "http://localhost:" + args[0];
        String token = args[1];
        int clients = Integer.parseInt(args[2]);
        List<String> keys = Files.readAllLines(Path.of(args[3]));
        String prefix = args[4];
        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .executor(Executors.newFixedThreadPool(Math.max(4, clients)))
                        .build();
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(keys);
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger otherRefusals = new AtomicInteger();
        ExecutorService pipelines = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pipelines.execute(
                    () -> {
                        String key;
                        while ((key = queue.poll()) != null) {
                            HttpRequest request =
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            base
                                                                    + "/api/v1/releases/"
                                                                    + key
                                                                    + "/events"))
                                            .header("Authorization", "Bearer " + token)
                                            .header("Content-Type", "application/json")
                                            .POST(
                                                    HttpRequest.BodyPublishers.ofString(
                                                            "{\"type\":\"data-ready\",\"eventId\":\""
                                                                    + prefix
                                                                    + key
                                                                    + "\",\"variables\":{\"rows\":42}}"))
                                            .build();
                            long t = System.nanoTime();
                            try {
                                HttpResponse<String> response =
                                        http.send(request, HttpResponse.BodyHandlers.ofString());
                                if (response.statusCode() >= 500) {
                                    serverErrors.incrementAndGet();
                                } else if (response.statusCode() != 202) {
                                    otherRefusals.incrementAndGet();
                                }
                            } catch (Exception e) {
                                serverErrors.incrementAndGet();
                            }
                            latencies.add((System.nanoTime() - t) / 1e6);
                        }
                    });
        }
        pipelines.shutdown();
        pipelines.awaitTermination(30, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> sorted = new ArrayList<>(latencies);
        java.util.Collections.sort(sorted);
        System.out.printf(
                java.util.Locale.ROOT,
                "RESULT %d %.3f %.1f %.1f %d %d%n",
                sorted.size(),
                seconds,
                sorted.get(sorted.size() / 2),
                sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(0.99 * sorted.size()) - 1)),
                serverErrors.get(),
                otherRefusals.get());
        System.exit(0);
    }
}
