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
    private final int port;
    private final CookieManager cookies = new CookieManager();

    public EngineRestClient(int port) {
        this.port = port;
        this.base = "http://localhost:" + port;
        this.http =
                HttpClient.newBuilder()
                        .cookieHandler(cookies)
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

    public int port() {
        return port;
    }

    /** A cookie the server set, such as the webapps' XSRF-TOKEN; null if none. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    /**
     * Sends a request with the signed-in session, as Tasklist or Cockpit does (with their XSRF
     * token).
     */
    public HttpResponse<String> sendAsWebapp(String method, String path, String jsonBody)
            throws IOException, InterruptedException {
        return http.send(
                asWebapp(json(method, path, jsonBody)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a request with a JSON body (or none) and the given Authorization header (or none). */
    public HttpResponse<String> send(
            String method, String path, String authorization, String jsonBody)
            throws IOException, InterruptedException {
        return http.send(
                authorized(json(method, path, jsonBody), authorization).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Deploys files through {@code /engine-rest/deployment/create} as a process owner would. */
    public HttpResponse<String> deploy(
            String user, String password, String deploymentName, String fileName, String content)
            throws IOException, InterruptedException {
        return deploy(basic(user, password), deploymentName, fileName, content);
    }

    /** Deploys as a webapp (Cockpit) does: the signed-in session and its XSRF token. */
    public HttpResponse<String> deployAsWebapp(
            String path, String deploymentName, String fileName, String content)
            throws IOException, InterruptedException {
        return http.send(
                asWebapp(deployment(path, deploymentName, fileName, content)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Deploys with any Authorization header (or none). */
    public HttpResponse<String> deploy(
            String authorization, String deploymentName, String fileName, String content)
            throws IOException, InterruptedException {
        return http.send(
                authorized(
                                deployment(
                                        "/engine-rest/deployment/create",
                                        deploymentName,
                                        fileName,
                                        content),
                                authorization)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder json(String method, String path, String jsonBody) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path))
                        .method(
                                method,
                                jsonBody == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(
                                                jsonBody, StandardCharsets.UTF_8));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        return request;
    }

    /** A deployment of one file, as multipart form data. */
    private HttpRequest.Builder deployment(
            String path, String deploymentName, String fileName, String content) {
        String boundary = "----almanac" + UUID.randomUUID();
        String body =
                part(boundary, "deployment-name", null, deploymentName)
                        + part(boundary, "deployment-source", null, "test")
                        + part(boundary, "data", fileName, content)
                        + "--"
                        + boundary
                        + "--\r\n";
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder authorized(
            HttpRequest.Builder request, String authorization) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    /** The webapps' way: JSON answers and their XSRF token from the session's cookie. */
    private HttpRequest.Builder asWebapp(HttpRequest.Builder request) {
        request.header("Accept", "application/json");
        String xsrf = cookie("XSRF-TOKEN");
        return xsrf == null ? request : request.header("X-XSRF-TOKEN", xsrf);
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

    public static String basic(String user, String password) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
