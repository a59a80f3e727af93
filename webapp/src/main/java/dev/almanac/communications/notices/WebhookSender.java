package dev.almanac.communications.notices;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.almanac.communications.Channel;
import dev.almanac.communications.CommunicationsProperties;
import dev.almanac.workers.integrations.Webhook;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Webhooks (Slack or People incoming webhooks, or any HTTP receiver): a JSON body with a {@code
 * text} line those tools show, plus the notice's fields. Signed with {@code X-Almanac-Signature:
 * sha256=HMAC(secret, timestamp + "." + body)}; the delivery key in {@code X-Almanac-Delivery} lets
 * a receiver drop a repeat. A non-2xx answer is a failure.
 */
@Component
class WebhookSender implements ChannelSender {

    // HTTP/1.1: chat webhooks do not speak cleartext HTTP/2, and the upgrade attempt costs every
    // plain-http request a round trip
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private final CommunicationsProperties properties;
    private final ObjectMapper json;
    private final Clock clock;

    private final dev.almanac.workers.Outbound outbound;

    WebhookSender(
            CommunicationsProperties properties,
            ObjectMapper json,
            Clock clock,
            dev.almanac.workers.Outbound outbound) {
        this.outbound = outbound;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public void send(Notices.Notice notice, String address, String dedupeKey) throws Exception {
        // checked again at every send: a name may resolve elsewhere than when it was saved
        outbound.check(URI.create(address));
        String link =
                notice.link() == null
                        ? null
                        : notice.link().startsWith("http")
                                ? notice.link()
                                : properties.baseUrl() + notice.link();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "text",
                "*" + notice.subject() + "*\n" + notice.body() + (link == null ? "" : "\n" + link));
        body.put("type", notice.type());
        body.put("release", notice.releaseKey());
        body.put("subject", notice.subject());
        body.put("body", notice.body());
        body.put("link", link);
        body.put("delivery", dedupeKey);
        body.put("createdAt", notice.createdAt().toString());
        String payload = json.writeValueAsString(body);
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(address))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("X-Almanac-Delivery", dedupeKey)
                        .header(Webhook.TIMESTAMP_HEADER, timestamp)
                        .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        if (!properties.webhookSecret().isEmpty()) {
            // signed as the workers sign their webhooks, so receivers check both the same way
            request.header(
                    Webhook.SIGNATURE_HEADER,
                    "sha256="
                            + Webhook.sign(properties.webhookSecret(), timestamp + "." + payload));
        }
        HttpResponse<String> response =
                http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String answer = response.body() == null ? "" : response.body();
            throw new IllegalStateException(
                    "HTTP "
                            + response.statusCode()
                            + " from "
                            + URI.create(address).getHost()
                            + (answer.isBlank()
                                    ? ""
                                    : ": "
                                            + (answer.length() > 200
                                                    ? answer.substring(0, 200)
                                                    : answer)));
        }
    }
}
