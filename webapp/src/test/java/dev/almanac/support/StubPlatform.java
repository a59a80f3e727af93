package dev.almanac.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** The ML platform the workers call (feed catalog, training and deploy webhooks, health), answering like a healthy one. */
public final class StubPlatform implements AutoCloseable {

    private final HttpServer server;
    public final List<String> calls = new CopyOnWriteArrayList<>();

    public StubPlatform() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            calls.add(exchange.getRequestMethod() + " " + path + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String body = switch (path) {
                case "/train" -> "{\"runId\":\"run-e2e\"}";
                case "/deploy" -> "{\"deploymentId\":\"dep-e2e\"}";
                default -> path.startsWith("/health/") ? "{\"healthy\":true,\"finding\":\"error rate 0.2%\"}" : "{}";
            };
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
