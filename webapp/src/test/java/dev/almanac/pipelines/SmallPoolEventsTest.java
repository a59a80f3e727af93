package dev.almanac.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.almanac.pipelines.internal.PipelineEventRepository;
import dev.almanac.processes.ModelRelease;
import dev.almanac.support.ApiClient;
import dev.almanac.support.TestAccounts;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.ActiveProfiles;

/**
 * The event path on a pool of two connections with sixteen concurrent pipelines: no request waits
 * for a second connection while it holds one (which deadlocks a small pool and, under load, any
 * pool). Every connection a request thread takes from the pool is counted; none may take two.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "operaton.bpm.process-engine-name=small-pool",
            "spring.datasource.hikari.maximum-pool-size=2",
            "spring.datasource.hikari.connection-timeout=5000"
        })
@ActiveProfiles("test")
// a context of its own, closed after the class, with an engine of its own name: engines are
// registered JVM-wide by name, and while it lived the shared context's /engine-rest could reach it
// as the default engine
@org.springframework.test.annotation.DirtiesContext
class SmallPoolEventsTest {

    static final int RELEASES = 32;
    static final int CLIENTS = 16;

    @LocalServerPort int port;
    @Autowired PipelineTokens tokens;
    @Autowired PipelineEventRepository events;
    @Autowired IdentityService identity;
    @Autowired ExternalTaskService externalTasks;
    @Autowired HistoryService history;
    @Autowired ConnectionsPerThread connections;

    @Test
    void sixteenPipelinesOnTwoConnectionsAreAllAnsweredAndEachRequestHoldsOneConnection()
            throws Exception {
        TestAccounts.ensure(identity);
        ApiClient api = new ApiClient(port, tokens.issue("small pool", Set.of(), "test").token());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < RELEASES; i++) {
            String version = "p2." + i + "." + System.nanoTime();
            var created =
                    api.post(
                            "/api/v1/releases",
                            Map.of(
                                    "model", "small-pool",
                                    "version", version,
                                    "lane", "staging",
                                    "riskTier", "low",
                                    "ownerTeam", "fraud-ml",
                                    "targetDate", LocalDate.now().plusDays(20).toString()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            keys.add("small-pool-" + version);
        }
        var locked =
                externalTasks
                        .fetchAndLock(RELEASES, "pool-test")
                        .topic(ModelRelease.Topics.DATA_READINESS, 60_000)
                        .execute();
        locked.forEach(task -> externalTasks.complete(task.getId(), "pool-test"));
        connections.reset();

        // every release's data-ready event, and a repeat of every fourth one, from 16 clients
        List<String[]> sends = new ArrayList<>();
        for (int i = 0; i < RELEASES; i++) {
            sends.add(new String[] {keys.get(i), "ready-" + keys.get(i)});
            if (i % 4 == 0) {
                sends.add(new String[] {keys.get(i), "ready-" + keys.get(i)});
            }
        }
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiClient.Response>> answers = new ArrayList<>();
        for (String[] send : sends) {
            answers.add(
                    clients.submit(
                            () -> {
                                go.await();
                                return api.post(
                                        "/api/v1/releases/" + send[0] + "/events",
                                        "{\"type\":\"data-ready\",\"eventId\":\""
                                                + send[1]
                                                + "\",\"variables\":{\"rows\":1000}}");
                            }));
        }
        go.countDown();
        List<ApiClient.Response> responses = new ArrayList<>();
        for (Future<ApiClient.Response> answer : answers) {
            responses.add(answer.get(2, TimeUnit.MINUTES));
        }
        clients.shutdown();

        assertThat(connections.mostHeldAtOnceByARequest())
                .as(
                        "connections a request thread held at once; %s",
                        connections.whereASecondWasTaken())
                .isEqualTo(1);
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(202));
        assertThat(responses)
                .filteredOn(r -> Boolean.FALSE.equals(r.json().get("replay")))
                .hasSize(RELEASES);
        for (String key : keys) {
            assertThat(events.countByReleaseKey(key)).isOne();
            assertThat(
                            history.createHistoricActivityInstanceQuery()
                                    .processInstanceId(
                                            history.createHistoricProcessInstanceQuery()
                                                    .processInstanceBusinessKey(key)
                                                    .singleResult()
                                                    .getId())
                                    .activityId("wait-data-ready")
                                    .finished()
                                    .count())
                    .isOne();
        }
    }

    /** Counts the pool's connections each thread holds at once; request threads are watched. */
    static final class ConnectionsPerThread {
        private final ThreadLocal<AtomicInteger> held = ThreadLocal.withInitial(AtomicInteger::new);
        private final Map<String, Integer> most = new ConcurrentHashMap<>();
        private volatile Throwable secondTaken;

        void reset() {
            most.clear();
            secondTaken = null;
        }

        /** Where a request thread first took a second connection, for the failure message. */
        String whereASecondWasTaken() {
            if (secondTaken == null) {
                return "nowhere";
            }
            var text = new java.io.StringWriter();
            secondTaken.printStackTrace(new java.io.PrintWriter(text));
            return text.toString();
        }

        int mostHeldAtOnceByARequest() {
            return most.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        Connection taken(Connection connection) {
            int now = held.get().incrementAndGet();
            String thread = Thread.currentThread().getName();
            if (thread.startsWith("http-nio-")) {
                most.merge(thread, now, Math::max);
                if (now > 1 && secondTaken == null) {
                    secondTaken = new Throwable("a second connection taken by " + thread);
                }
            }
            AtomicInteger counter = held.get();
            return (Connection)
                    java.lang.reflect.Proxy.newProxyInstance(
                            Connection.class.getClassLoader(),
                            new Class<?>[] {Connection.class},
                            (proxy, method, args) -> {
                                if (method.getName().equals("close")) {
                                    counter.decrementAndGet();
                                }
                                try {
                                    return method.invoke(connection, args);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
        }
    }

    @TestConfiguration
    static class CountConnections {
        @Bean
        ConnectionsPerThread connectionsPerThread() {
            return new ConnectionsPerThread();
        }

        @Bean
        static BeanPostProcessor countingDataSource(
                org.springframework.beans.factory.ObjectProvider<ConnectionsPerThread> counter) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof com.zaxxer.hikari.HikariDataSource pool) {
                        return new DelegatingDataSource(pool) {
                            @Override
                            public Connection getConnection() throws SQLException {
                                return counter.getObject().taken(super.getConnection());
                            }
                        };
                    }
                    return bean;
                }
            };
        }
    }
}
