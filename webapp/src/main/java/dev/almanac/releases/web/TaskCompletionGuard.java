package dev.almanac.releases.web;

import dev.almanac.governance.FourEyes;
import dev.almanac.identity.People;
import dev.almanac.identity.TaskOwnership;
import dev.almanac.releases.ReleaseQueries;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Before a claim, completion or form submission reaches the engine over {@code /engine-rest} or
 * Tasklist's API, refuses one by someone outside the task's groups, or by someone four-eyes rules
 * out, with a 403 whose message says why. The engine refuses both too (its task permissions, and
 * the procedure's four-eyes listener), but in its own words and, for four-eyes, as a server error.
 */
class TaskCompletionGuard extends EngineRequestGuard {

    static final Pattern TASK_ACTION =
            Pattern.compile(
                    "^" + ENGINE_API + "/task/([^/]+)/(complete|submit-form|claim|resolve)/?$");

    private final TaskOwnership ownership;
    private final ReleaseQueries releases;
    private final FourEyes fourEyes;
    private final People people;

    TaskCompletionGuard(
            TaskOwnership ownership, ReleaseQueries releases, FourEyes fourEyes, People people) {
        this.ownership = ownership;
        this.releases = releases;
        this.fourEyes = fourEyes;
        this.people = people;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equalsIgnoreCase(request.getMethod());
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher action = TASK_ACTION.matcher(path(request));
        Principal principal = request.getUserPrincipal();
        if (action.matches() && principal != null) {
            String user = principal.getName();
            String task = action.group(1);
            if (!"claim".equals(action.group(2)) && isJson(request)) {
                byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
                Optional<String> forged =
                        body.length > MAX_BODY ? Optional.empty() : recordOnly(body);
                if (forged.isPresent()) {
                    refuse(
                            response,
                            HttpServletResponse.SC_BAD_REQUEST,
                            "InvalidRequestException",
                            forged.get());
                    return;
                }
                request = new ReadBody(request, body);
            }
            Optional<String> notTheirs = ownership.refusal(user, task);
            Optional<String> refusal =
                    notTheirs.isPresent() || "claim".equals(action.group(2))
                            ? notTheirs
                            : fourEyesRefusal(user, task);
            if (refusal.isPresent()) {
                refuse(
                        response,
                        HttpServletResponse.SC_FORBIDDEN,
                        notTheirs.isPresent() ? "AuthorizationException" : "FourEyesViolation",
                        refusal.get());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Why four-eyes rules the person out of deciding the task, if it is a four-eyes one. */
    private Optional<String> fourEyesRefusal(String user, String task) {
        return people.asSystem(
                () ->
                        releases.decidingTask(task)
                                .filter(ReleaseQueries.DecidingTask::fourEyes)
                                .flatMap(
                                        t ->
                                                fourEyes.refusal(
                                                        user,
                                                        t.releaseKey(),
                                                        t.step(),
                                                        t.override())));
    }

    /** Completions larger than this are left to the engine, which refuses the same variables. */
    static final int MAX_BODY = 1 << 20;

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json");
    }

    /** A variable of the completion that only Almanac's records may say, or empty. */
    private static Optional<String> recordOnly(byte[] body) {
        try {
            var variables = json().readTree(body).path("variables");
            for (var names = variables.fieldNames(); names.hasNext(); ) {
                Optional<String> refusal = FourEyes.recordOnly(names.next(), "the task");
                if (refusal.isPresent()) {
                    return refusal;
                }
            }
        } catch (IOException unreadable) {
            // the engine answers a body it cannot read
        }
        return Optional.empty();
    }

    /** The request with its body read once and served again to the engine. */
    private static final class ReadBody extends jakarta.servlet.http.HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(
                    new java.io.InputStreamReader(
                            getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
