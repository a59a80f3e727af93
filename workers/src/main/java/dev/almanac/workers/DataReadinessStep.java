package dev.almanac.workers;

import static dev.almanac.processes.ModelRelease.Variables.DATA_FEEDS;
import static dev.almanac.processes.ModelRelease.Variables.MISSING_FEEDS;

import dev.almanac.processes.ModelRelease;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks that every data feed the release declares exists. A feed is a name looked up in the feed
 * catalog ({@code catalogUrl} with {@code {feed}} replaced) or a full http(s) URL. 404 means
 * missing, which the data team must resolve; any other error is technical and retried.
 */
public class DataReadinessStep implements ReleaseStep {

    private final JsonHttp http;
    private final String catalogUrl;

    public DataReadinessStep(JsonHttp http, String catalogUrl) {
        this.http = http;
        this.catalogUrl = catalogUrl;
    }

    @Override
    public String topic() {
        return ModelRelease.Topics.DATA_READINESS;
    }

    @Override
    public Outcome run(Work work) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String feed : feeds(work.string(DATA_FEEDS))) {
            JsonHttp.Response response = http.get(feedUri(feed));
            if (response.status() == 404) {
                missing.add(feed);
            } else {
                response.requireOk();
            }
        }
        if (!missing.isEmpty()) {
            String names = String.join(",", missing);
            return new BusinessError(
                    ModelRelease.Errors.DATA_FEED_MISSING,
                    "missing data feeds: " + names,
                    Map.of(MISSING_FEEDS, names));
        }
        return new Completed(Map.of(MISSING_FEEDS, ""));
    }

    static List<String> feeds(String declared) {
        if (declared == null || declared.isBlank()) {
            return List.of();
        }
        return Arrays.stream(declared.split(","))
                .map(String::trim)
                .filter(f -> !f.isEmpty())
                .toList();
    }

    /**
     * Where a feed is looked up: always in the catalog the administrator configured, by its name. A
     * feed that looks like an address is a name too, so whoever plans a release cannot make the
     * worker call a host of their choosing (the database port, a cloud metadata address).
     */
    URI feedUri(String feed) {
        return URI.create(
                catalogUrl.replace(
                        "{feed}",
                        java.net.URLEncoder.encode(feed, java.nio.charset.StandardCharsets.UTF_8)));
    }
}
