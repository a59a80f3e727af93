package dev.almanac.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release list benchmark's load, in its own process: signs in as a release manager for the page
 * and uses a pipeline token for the API, then times each list request one after another. Arguments:
 * the app's port, a token, the test accounts' password.
 */
public final class ListLoad {

    private static final int WARM_UP = 20;
    private static final int REQUESTS = 100;

    private ListLoad() {}

    public static void main(String[] args) throws Exception {
        String base = "http://localhost:" + args[0];
        String token = args[1];
        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .cookieHandler(new CookieManager())
                        .build();
        signIn(http, base, "rita", args[2]);
        System.out.printf(
                "%n%-58s %8s %8s %8s %7s%n",
                "Release list, 10,000 releases", "p50 ms", "p95 ms", "max ms", "rows");
        measure(http, base + "/releases", null, "GET /releases (first page, 50 rows)");
        measure(
                http,
                base + "/releases?status=running&page=60",
                null,
                "GET /releases?status=running&page=60");
        measure(
                http,
                base + "/releases?productLine=list-line-2&lane=production&ownerTeam=fraud-ml",
                null,
                "GET /releases?productLine&lane&ownerTeam");
        measure(http, base + "/api/v1/releases", token, "GET /api/v1/releases (50)");
        measure(
                http,
                base + "/api/v1/releases?step=check-data-feeds&size=200&page=10",
                token,
                "GET /api/v1/releases?step&size=200&page=10");
    }

    /** Signs the client in on the login page (its cookie jar keeps the session). */
    static void signIn(HttpClient http, String base, String user, String password)
            throws Exception {
        String login =
                http.send(
                                HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "username="
                                                + user
                                                + "&password="
                                                + password
                                                + "&_csrf="
                                                + csrf.group(1)))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static void measure(HttpClient http, String url, String token, String label)
            throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
        int rows = 0;
        for (int i = 0; i < WARM_UP; i++) {
            check(http.send(request, HttpResponse.BodyHandlers.ofString()), url);
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            millis.add((System.nanoTime() - start) / 1e6);
            check(response, url);
            rows = rows(response.body(), token != null);
        }
        Collections.sort(millis);
        System.out.printf(
                "%-58s %8.1f %8.1f %8.1f %7d%n",
                label,
                millis.get(millis.size() / 2),
                millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
                millis.get(millis.size() - 1),
                rows);
    }

    private static void check(HttpResponse<String> response, String url) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
    }

    private static int rows(String body, boolean api) {
        Pattern row = Pattern.compile(api ? "\"key\":" : "data-release=");
        return (int) row.matcher(body).results().count();
    }
}
