package dev.almanac.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admission control in front of everything that reaches the database (our pages, {@code /api},
 * {@code /engine-rest}, Cockpit's and Tasklist's APIs). At most {@code almanac.overload.concurrent}
 * requests work at once (by default the connection pool's size: a request holds one connection at a
 * time), up to {@code almanac.overload.queue} more wait their turn for at most {@code
 * almanac.overload.wait}, and any beyond that are answered at once with 503 and {@code
 * Retry-After}: a saturated node says so in milliseconds instead of letting requests queue thirty
 * seconds for a connection and fail with 500. Static files, health and metrics are never held back.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class LoadShedding extends OncePerRequestFilter {

    private final Semaphore working;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int queue;
    private final Duration wait;
    private final AtomicInteger shed = new AtomicInteger();

    LoadShedding(
            @Value(
                            "${almanac.overload.concurrent:${spring.datasource.hikari.maximum-pool-size:10}}")
                    int concurrent,
            @Value("${almanac.overload.queue:256}") int queue,
            @Value("${almanac.overload.wait:PT5S}") Duration wait) {
        this.working = new Semaphore(Math.max(1, concurrent), true);
        this.queue = queue;
        this.wait = wait;
    }

    /** Requests answered with 503 since start. */
    public int shed() {
        return shed.get();
    }

    /** Requests waiting for their turn now. */
    public int waiting() {
        return waiting.get();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/actuator/")
                || path.startsWith("/webjars/")
                || path.startsWith("/css/")
                || path.startsWith("/js/")
                || path.startsWith("/images/")
                || path.equals("/favicon.ico")
                || (path.startsWith("/operaton/") && !path.contains("/api/"));
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!working.tryAcquire()) {
            if (waiting.incrementAndGet() > queue) {
                waiting.decrementAndGet();
                refuse(request, response);
                return;
            }
            boolean admitted;
            try {
                admitted = working.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                admitted = false;
            } finally {
                waiting.decrementAndGet();
            }
            if (!admitted) {
                refuse(request, response);
                return;
            }
        }
        try {
            chain.doFilter(request, response);
        } finally {
            working.release();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        shed.incrementAndGet();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "1");
        response.setContentType("application/problem+json");
        response.getWriter()
                .write(
                        "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                                + "\"detail\":\"Almanac is busy: this node is working on as many"
                                + " requests as it has database connections and more are"
                                + " waiting. Send it again after the Retry-After seconds.\"}");
    }
}
