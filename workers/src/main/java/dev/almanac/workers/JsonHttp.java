package dev.almanac.workers;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** JSON over HTTP for the workers' integrations, with a timeout on every call. */
public class JsonHttp {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final Duration timeout;
    private final Outbound outbound;

    /** A client that may call only what the allow-list allows. */
    public JsonHttp(Duration timeout, Outbound outbound) {
        this.timeout = timeout;
        this.outbound = outbound;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public Response get(URI uri) throws IOException, InterruptedException {
        return get(uri, Map.of());
    }

    public Response get(URI uri, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri)
                        .timeout(timeout)
                        .header("Accept", "application/json")
                        .GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    public Response post(URI uri, Map<String, ?> body) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(uri)
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                        .build());
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        outbound.check(request.uri());
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(
                request.method() + " " + request.uri(), response.statusCode(), response.body());
    }

    public record Response(String call, int status, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The body as a JSON object; an empty body is an empty object. */
        public java.util.List<Map<String, Object>> jsonList() throws IOException {
            return new ObjectMapper()
                    .readValue(body, new TypeReference<java.util.List<Map<String, Object>>>() {});
        }

        public Map<String, Object> json() throws IOException {
            if (body == null || body.isBlank()) {
                return Map.of();
            }
            return new ObjectMapper().readValue(body, MAP);
        }

        /** Throws the technical failure that makes the runner retry. */
        /**
         * A short, sanitised reason from an error answer: at most 80 characters of plain text, so
         * an incident or a release page never shows what some server chose to send back.
         */
        static String reason(String body) {
            if (body == null) {
                return "";
            }
            String plain =
                    body.replaceAll("[^\\p{Alnum} .,:;_()/'\"-]", " ")
                            .replaceAll("\\s+", " ")
                            .trim();
            return plain.length() > 80 ? plain.substring(0, 77) + "..." : plain;
        }

        public Response requireOk() throws IOException {
            if (!ok()) {
                String excerpt = reason(body);
                throw new IOException(
                        call
                                + " answered HTTP "
                                + status
                                + (excerpt.isBlank() ? "" : ": " + excerpt));
            }
            return this;
        }
    }
}
