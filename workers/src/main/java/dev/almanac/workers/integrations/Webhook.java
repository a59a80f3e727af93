package dev.almanac.workers.integrations;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic outgoing webhook: the JSON body comes from a template whose {@code ${name}}
 * placeholders are filled with the release's values (JSON-escaped), the request is signed with
 * HMAC-SHA256 over {@code timestamp + "." + body} when a secret is set, and every call has a
 * timeout.
 *
 * <p>Receivers verify {@code X-Almanac-Signature: sha256=<hex>} against {@code
 * X-Almanac-Timestamp}.
 */
public final class Webhook {

    public static final String SIGNATURE_HEADER = "X-Almanac-Signature";
    public static final String TIMESTAMP_HEADER = "X-Almanac-Timestamp";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final String template;
    private final String secret;
    private final Duration timeout;
    private final HttpClient http;
    private final Clock clock;
    private final dev.almanac.workers.Outbound outbound;

    public Webhook(
            URI url,
            String template,
            String secret,
            Duration timeout,
            Clock clock,
            dev.almanac.workers.Outbound outbound) {
        this.outbound = outbound;
        this.url = url;
        this.template = template;
        this.secret = secret;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Posts the rendered body; answers the receiver's JSON object (empty if it sent none). Non-2xx
     * is a technical failure.
     */
    public Map<String, Object> post(Map<String, Object> values)
            throws IOException, InterruptedException {
        outbound.check(url);
        String body = template == null ? JSON.writeValueAsString(values) : render(template, values);
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url)
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .header(TIMESTAMP_HEADER, timestamp)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (secret != null && !secret.isBlank()) {
            request.header(SIGNATURE_HEADER, "sha256=" + sign(secret, timestamp + "." + body));
        }
        HttpResponse<String> response =
                http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            String excerpt =
                    response.body() == null
                            ? ""
                            : response.body().substring(0, Math.min(200, response.body().length()));
            throw new IOException(
                    "POST "
                            + url
                            + " answered HTTP "
                            + response.statusCode()
                            + (excerpt.isBlank() ? "" : ": " + excerpt));
        }
        String answer = response.body();
        if (answer == null || answer.isBlank() || !answer.trim().startsWith("{")) {
            return Map.of();
        }
        return JSON.readValue(answer, new TypeReference<>() {});
    }

    /**
     * Fills {@code ${name}} with the JSON encoding of the value (strings quoted and escaped,
     * numbers bare, missing as null).
     */
    static String render(String template, Map<String, Object> values) throws IOException {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(
                    out,
                    Matcher.quoteReplacement(
                            JSON.writeValueAsString(values.get(matcher.group(1)))));
        }
        matcher.appendTail(out);
        String body = out.toString();
        JSON.readTree(body);
        return body;
    }

    public static String sign(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
