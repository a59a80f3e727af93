package dev.almanac.operations;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class LoadSheddingTest {

    private final CountDownLatch working = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** A request that holds its turn until released. */
    private final FilterChain slow =
            (request, response) -> {
                working.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ((jakarta.servlet.http.HttpServletResponse) response).setStatus(202);
            };

    private static MockHttpServletResponse send(LoadShedding door, String path, FilterChain chain)
            throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        door.doFilter(new MockHttpServletRequest("POST", path), response, chain);
        return response;
    }

    @Test
    void aSaturatedNodeAnswers503WithRetryAfterAtOnceAndTheWaitingOnesWithinTheirWait()
            throws Exception {
        LoadShedding door = new LoadShedding(1, 1, Duration.ofMillis(300));
        var first =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return send(door, "/api/v1/releases/a/events", slow);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        assertThat(working.await(5, TimeUnit.SECONDS)).isTrue();
        var second =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return send(door, "/api/v1/releases/b/events", (q, r) -> {});
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        org.awaitility.Awaitility.await().until(() -> door.waiting() == 1);

        MockHttpServletResponse third = send(door, "/engine-rest/task", (q, r) -> {});
        assertThat(third.getStatus()).as("beyond the queue: refused at once").isEqualTo(503);
        assertThat(third.getHeader("Retry-After")).isEqualTo("1");
        assertThat(third.getContentType()).isEqualTo("application/problem+json");
        assertThat(third.getContentAsString()).contains("\"status\":503", "Retry-After");

        MockHttpServletResponse waited = second.get(5, TimeUnit.SECONDS);
        assertThat(waited.getStatus()).as("waited its longest, then refused").isEqualTo(503);

        MockHttpServletResponse health = send(door, "/actuator/health", (q, r) -> {});
        assertThat(health.getStatus()).as("health is never held back").isEqualTo(200);

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(202);
        assertThat(send(door, "/api/v1/releases/c/events", (q, r) -> {}).getStatus())
                .as("a free node admits again")
                .isEqualTo(200);
        assertThat(door.shed()).isEqualTo(2);
    }
}
