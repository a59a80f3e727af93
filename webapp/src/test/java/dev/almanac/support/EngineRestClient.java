package dev.almanac.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Talks to a running Almanac over HTTP as a program or a browser would. */
public final class EngineRestClient {

    private final String base;
    private final HttpClient http;

    public EngineRestClient(int port) {
        this.base = "http://localhost:" + port;
        this.http =
                HttpClient.newBuilder()
                        .cookieHandler(new CookieManager())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    public HttpResponse<String> get(String path, String user, String password)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Deploys files through {@code /engine-rest/deployment/create} as a process owner would. */
    public HttpResponse<String> deploy(
            String user, String password, String deploymentName, String fileName, String content)
            throws IOException, InterruptedException {
        String boundary = "----almanac" + UUID.randomUUID();
        String body =
                part(boundary, "deployment-name", null, deploymentName)
                        + part(boundary, "deployment-source", null, "test")
                        + part(boundary, "data", fileName, content)
                        + "--"
                        + boundary
                        + "--\r\n";
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(base + "/engine-rest/deployment/create"))
                        .header("Authorization", basic(user, password))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in on the login page and keeps the session cookie. */
    public HttpResponse<String> signIn(String user, String password)
            throws IOException, InterruptedException {
        String page =
                http.send(
                                HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        if (!csrf.find()) {
            throw new IllegalStateException("login page has no CSRF token");
        }
        String form = "username=" + user + "&password=" + password + "&_csrf=" + csrf.group(1);
        return http.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String part(String boundary, String name, String fileName, String content) {
        String disposition =
                "Content-Disposition: form-data; name=\""
                        + name
                        + "\""
                        + (fileName == null ? "" : "; filename=\"" + fileName + "\"");
        return "--"
                + boundary
                + "\r\n"
                + disposition
                + "\r\n"
                + (fileName == null ? "" : "Content-Type: application/octet-stream\r\n")
                + "\r\n"
                + content
                + "\r\n";
    }

    private static String basic(String user, String password) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
