package dev.almanac.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The ML platform the workers call (feed catalog, training and deploy webhooks, health), answering
 * like a healthy one.
 */
public final class StubPlatform implements AutoCloseable {

    private final HttpServer server;
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile java.util.concurrent.CountDownLatch trainingHold;

    public StubPlatform() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    java.util.concurrent.CountDownLatch hold = trainingHold;
                    if (path.equals("/train") && hold != null) {
                        trainingHold = null;
                        try {
                            hold.await(60, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    calls.add(
                            exchange.getRequestMethod()
                                    + " "
                                    + path
                                    + " "
                                    + new String(
                                            exchange.getRequestBody().readAllBytes(),
                                            StandardCharsets.UTF_8));
                    String body =
                            switch (path) {
                                case "/train" -> "{\"runId\":\"run-e2e\"}";
                                case "/deploy" -> "{\"deploymentId\":\"dep-e2e\"}";
                                default ->
                                        path.startsWith("/health/")
                                                ? "{\"healthy\":true,\"finding\":\"error rate 0.2%\"}"
                                                : "{}";
                            };
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                    exchange.close();
                });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /**
     * The next training call hangs until {@code release()} is called on the returned latch (or a
     * minute passes).
     */
    public java.util.concurrent.CountDownLatch holdNextTraining() {
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
        trainingHold = hold;
        return hold;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
