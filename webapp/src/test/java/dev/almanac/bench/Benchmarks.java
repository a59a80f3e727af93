package dev.almanac.bench;

import dev.almanac.AlmanacApplication;
import dev.almanac.pipelines.PipelineEvents;
import dev.almanac.pipelines.PipelineTokens;
import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.processes.ModelRelease;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.Releases;
import dev.almanac.support.MySqlAvailable;
import dev.almanac.support.StubPlatform;
import dev.almanac.support.TestAccounts;
import dev.almanac.support.WorkerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmarks, not tests: they print figures. Run with {@code ./mvnw -Pbench verify} (see the
 * README). Both run the app on the MySQL test database with its in-app workers off.
 *
 * <ul>
 *   <li>{@code events}: the pipeline events endpoint at 1, 8, 32 and 128 concurrent clients sent
 *       from another JVM ({@link EventLoad}; events/s, p50, p99, 5xx), against bare engine
 *       correlations by process instance id at the same concurrency, in the same run.
 *   <li>{@code workers}: external tasks completed per second by 1 and by 4 standalone worker
 *       processes.
 *   <li>{@code release}: whole releases per second (and p50/p99 of a release's duration, 5xx), each
 *       planned, followed, fed its pipeline events and decided by its people from another JVM
 *       ({@link ReleaseLoad}) through the real procedure with the in-app workers and job executor
 *       on, against the same six steps on the bare engine driven in this JVM, at 1, 8 and 32
 *       clients (-Dbench.release.clients). Run it on its own: it turns the workers on.
 * </ul>
 */
public final class Benchmarks {

    /** Concurrencies of the events benchmark; -Dbench.clients=1,8 for fewer. */
    private static final int[] CLIENTS =
            Arrays.stream(System.getProperty("bench.clients", "1,8,32,128").split(","))
                    .mapToInt(c -> Integer.parseInt(c.trim()))
                    .toArray();

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        // before any JDK HTTP server starts: it otherwise answers in two packets, and Nagle with
        // delayed ACKs adds 40 ms to every request
        System.setProperty("sun.net.httpserver.nodelay", "true");
        List<String> which =
                args.length == 0
                        ? List.of("events", "workers")
                        : Arrays.asList(String.join(",", args).split("[,\\s]+"));
        StubPlatform platform = new StubPlatform();
        Map<String, String> settings =
                new java.util.LinkedHashMap<>(
                        Map.of(
                                "almanac.admin.password",
                                dev.almanac.support.MySqlApplicationContext.ADMIN_PASSWORD,
                                "spring.datasource.url",
                                MySqlAvailable.URL.replace("/almanac_test", "/almanac_bench"),
                                "spring.datasource.username",
                                MySqlAvailable.USER,
                                "spring.datasource.password",
                                MySqlAvailable.PASSWORD,
                                "spring.jpa.properties.hibernate.dialect",
                                "org.hibernate.dialect.MariaDBDialect",
                                "server.port",
                                "0",
                                "almanac.workers.enabled",
                                "false",
                                "logging.level.root",
                                "warn",
                                "operaton.bpm.job-execution.enabled",
                                "false",
                                "almanac.communications.dispatch",
                                "false"));
        if (which.contains("release")) {
            if (which.contains("events") || which.contains("rows") || which.contains("workers")) {
                throw new IllegalArgumentException(
                        "run the release benchmark on its own: it turns the in-app workers on,"
                                + " which would take the tasks events, rows and workers complete");
            }
            settings.putAll(releaseSettings(platform));
        }
        // as command-line arguments, so they win over the mysql profile's environment-based
        // settings
        ConfigurableApplicationContext app =
                new SpringApplicationBuilder(AlmanacApplication.class)
                        .profiles("mysql")
                        .run(
                                settings.entrySet().stream()
                                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                                        .toArray(String[]::new));
        try {
            TestAccounts.ensure(app.getBean(IdentityService.class));
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            if (which.contains("events")) {
                events(app, port);
            }
            if (which.contains("workers")) {
                workers(app, port, platform);
            }
            if (which.contains("calendar")) {
                calendar(app, port);
            }
            if (which.contains("notices")) {
                notices(app);
            }
            if (which.contains("list")) {
                list(app, port);
            }
            if (which.contains("rows")) {
                rows(app);
            }
            if (which.contains("release")) {
                release(app, port);
            }
        } finally {
            app.close();
            platform.close();
        }
        // HTTP client and pool threads would keep the JVM alive
        System.exit(0);
    }

    // ---- the notice outbox: writing notices in the causing transaction, and dispatching them with
    // one or two nodes

    static void notices(ConfigurableApplicationContext app) throws Exception {
        var releases = app.getBean(Releases.class);
        var stakeholders = app.getBean(dev.almanac.communications.stakeholders.Stakeholders.class);
        var notices = app.getBean(dev.almanac.communications.notices.Notices.class);
        var dispatcher = app.getBean(dev.almanac.communications.notices.Dispatcher.class);
        var tx = app.getBean(org.springframework.transaction.support.TransactionTemplate.class);
        String model = "bench-notices-" + System.currentTimeMillis() % 100000;
        releases.plan(
                new NewRelease(
                        model,
                        "1",
                        Lane.STAGING,
                        RiskTier.LOW,
                        "fraud-ml",
                        LocalDate.now().plusDays(30),
                        ""),
                "bench");
        try (var receiver = new dev.almanac.support.WebhookReceiver()) {
            var inApp = Set.of(dev.almanac.communications.Channel.IN_APP);
            for (String user : List.of("rita", "oscar", "mel")) {
                stakeholders.add(
                        new dev.almanac.communications.NewStakeholder(
                                "MODEL",
                                model,
                                "USER",
                                user,
                                dev.almanac.communications.StakeholderRole.OWNER,
                                inApp,
                                null,
                                null));
            }
            stakeholders.add(
                    new dev.almanac.communications.NewStakeholder(
                            "MODEL",
                            model,
                            "GROUP",
                            "release-managers",
                            dev.almanac.communications.StakeholderRole.OWNER,
                            Set.of(dev.almanac.communications.Channel.WEBHOOK),
                            null,
                            receiver.url("/hook")));
            System.out.printf(
                    "%n%-44s %8s %10s %9s%n",
                    "notice outbox (MySQL)", "notices", "per s", "ms each");
            for (int nodes : List.of(1, 2)) {
                int count = 2000;
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    String source = "bench:" + model + ":" + nodes + ":" + i;
                    tx.executeWithoutResult(
                            status ->
                                    notices.raise(
                                            new dev.almanac.communications.NoticeDraft(
                                                    source,
                                                    dev.almanac.communications.NoticeType
                                                            .MILESTONE_SLIPPED,
                                                    null,
                                                    null,
                                                    model,
                                                    "Training slipped",
                                                    "bench",
                                                    null,
                                                    Map.of(),
                                                    List.of())));
                }
                double raiseSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        "%-44s %8d %10.1f %9.2f%n",
                        "raise (4 recipients, 1 webhook) in own tx",
                        count,
                        count / raiseSeconds,
                        raiseSeconds * 1000 / count);
                int before = receiver.at("/hook").size();
                start = System.nanoTime();
                ExecutorService pool = Executors.newFixedThreadPool(nodes);
                List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
                for (int n = 0; n < nodes; n++) {
                    String node = "bench-node-" + n;
                    runs.add(
                            pool.submit(
                                    () -> {
                                        while (true) {
                                            var round =
                                                    dispatcher.dispatch(
                                                            node, java.time.Instant.now());
                                            if (round.sent() + round.retried() + round.failed()
                                                    == 0) {
                                                return null;
                                            }
                                        }
                                    }));
                }
                for (var run : runs) {
                    run.get();
                }
                pool.shutdown();
                double seconds = (System.nanoTime() - start) / 1e9;
                int received = receiver.at("/hook").size() - before;
                System.out.printf(
                        "%-44s %8d %10.1f %9.2f%n",
                        "dispatch webhooks, "
                                + nodes
                                + " node"
                                + (nodes > 1 ? "s" : "")
                                + " ("
                                + received
                                + " received)",
                        count,
                        count / seconds,
                        seconds * 1000 / count);
            }
        }
    }

    // ---- calendar page with 1,000 releases in view

    static void calendar(ConfigurableApplicationContext app, int port) throws Exception {
        var catalog = app.getBean(dev.almanac.planning.PlanningCatalog.class);
        var releases = app.getBean(Releases.class);
        var calendar = app.getBean(dev.almanac.schedule.ReleaseCalendar.class);
        if (catalog.productLine("bench-line").isEmpty()) {
            catalog.saveProductLine(
                    null,
                    new dev.almanac.planning.PlanningCatalog.ProductLineInfo(
                            "bench-line", "Benchmark line", null));
            for (int m = 0; m < 20; m++) {
                catalog.saveModel(
                        null,
                        new dev.almanac.planning.PlanningCatalog.ModelInfo(
                                "bench-model-" + m,
                                "Bench model " + m,
                                "bench-line",
                                "fraud-ml",
                                dev.almanac.planning.RiskTier.values()[m % 3],
                                null));
            }
        }
        long inView =
                calendar.current().releases().values().stream()
                        .filter(r -> "bench-line".equals(r.productLine()))
                        .count();
        System.out.printf(
                "Planning %d releases for the calendar benchmark …%n", Math.max(0, 1000 - inView));
        java.util.Random random = new java.util.Random(7);
        for (long i = inView; i < 1000; i++) {
            releases.plan(
                    new dev.almanac.releases.NewRelease(
                            "bench-model-" + (i % 20),
                            "c" + System.nanoTime(),
                            dev.almanac.planning.Lane.values()[(int) (i % 3)],
                            dev.almanac.planning.RiskTier.LOW,
                            "fraud-ml",
                            java.time.LocalDate.now().plusDays(10 + random.nextInt(60)),
                            ""),
                    "bench");
        }
        HttpClient http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .cookieHandler(new java.net.CookieManager())
                        .build();
        String base = "http://localhost:" + port;
        ListLoad.signIn(http, base, "rita", TestAccounts.PASSWORD);
        HttpRequest page =
                HttpRequest.newBuilder(
                                URI.create(base + "/calendar?span=quarter&productLine=bench-line"))
                        .build();
        calendar.refresh();
        String body = http.send(page, HttpResponse.BodyHandlers.ofString()).body();
        long bars = java.util.regex.Pattern.compile("class=\"bar ").matcher(body).results().count();
        System.out.printf(
                "%nCalendar page: %d releases projected, %d bars in view, %d kB of HTML%n",
                calendar.current().releases().size(), bars, body.length() / 1024);
        for (int i = 0; i < 20; i++) {
            http.send(page, HttpResponse.BodyHandlers.discarding());
        }
        System.out.printf(
                "%-44s %9s %9s %9s%n",
                "GET /calendar (quarter, 1,000 in view)", "p50 ms", "p95 ms", "max ms");
        for (boolean fresh : new boolean[] {false, true}) {
            List<Double> millis = new java.util.ArrayList<>();
            for (int i = 0; i < 60; i++) {
                if (fresh) {
                    calendar.refresh();
                }
                long start = System.nanoTime();
                HttpResponse<Void> response =
                        http.send(page, HttpResponse.BodyHandlers.discarding());
                millis.add((System.nanoTime() - start) / 1e6);
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("calendar answered " + response.statusCode());
                }
            }
            java.util.Collections.sort(millis);
            System.out.printf(
                    "%-44s %9.1f %9.1f %9.1f%n",
                    fresh
                            ? "  re-projected on every request"
                            : "  projection reused (15 s refresh)",
                    millis.get(millis.size() / 2),
                    millis.get((int) Math.ceil(millis.size() * 0.95) - 1),
                    millis.get(millis.size() - 1));
        }
    }

    // ---- the release list with 10,000 releases, loaded from a separate process

    static final int LIST_RELEASES = 10_000;

    static void list(ConfigurableApplicationContext app, int port) throws Exception {
        var catalog = app.getBean(dev.almanac.planning.PlanningCatalog.class);
        var releases = app.getBean(Releases.class);
        var queries = app.getBean(ReleaseQueries.class);
        for (int line = 0; line < 5; line++) {
            if (catalog.productLine("list-line-" + line).isEmpty()) {
                catalog.saveProductLine(
                        null,
                        new dev.almanac.planning.PlanningCatalog.ProductLineInfo(
                                "list-line-" + line, "List line " + line, null));
            }
        }
        for (int m = 0; m < 50; m++) {
            if (catalog.model("list-model-" + m).isEmpty()) {
                catalog.saveModel(
                        null,
                        new dev.almanac.planning.PlanningCatalog.ModelInfo(
                                "list-model-" + m,
                                "List model " + m,
                                "list-line-" + (m % 5),
                                m % 2 == 0 ? "fraud-ml" : "ml-engineers",
                                RiskTier.values()[m % 3],
                                null));
            }
        }
        long existing = countListReleases(app);
        long missing = Math.max(0, LIST_RELEASES - existing);
        System.out.printf("Planning %d releases for the list benchmark …%n", missing);
        AtomicInteger next = new AtomicInteger();
        java.util.Random random = new java.util.Random(11);
        List<Integer> days = new ArrayList<>();
        for (long i = 0; i < missing; i++) {
            days.add(random.nextInt(365));
        }
        ExecutorService planners = Executors.newFixedThreadPool(2);
        long started = System.nanoTime();
        for (int t = 0; t < 2; t++) {
            planners.execute(
                    () -> {
                        int i;
                        while ((i = next.getAndIncrement()) < missing) {
                            int m = i % 50;
                            releases.plan(
                                    new NewRelease(
                                            "list-model-" + m,
                                            "l" + System.nanoTime(),
                                            Lane.values()[i % 3],
                                            RiskTier.LOW,
                                            m % 2 == 0 ? "fraud-ml" : "ml-engineers",
                                            LocalDate.now().plusDays(1 + days.get(i)),
                                            ""),
                                    "bench");
                        }
                    });
        }
        planners.shutdown();
        planners.awaitTermination(2, TimeUnit.HOURS);
        System.out.printf(
                "  planned in %.0f s; %d list releases in the database%n",
                (System.nanoTime() - started) / 1e9, countListReleases(app));
        String token =
                app.getBean(PipelineTokens.class)
                        .issue("list benchmark", Set.of(), "bench")
                        .token();
        // the load comes from another JVM, so its HTTP client and threads do not share this one's
        // CPU accounting or heap
        Process load =
                loadProcess(
                                "-Xmx128m",
                                ListLoad.class,
                                String.valueOf(port),
                                token,
                                TestAccounts.PASSWORD)
                        .inheritIO()
                        .start();
        if (load.waitFor() != 0) {
            throw new IllegalStateException("the list load process failed");
        }
    }

    private static long countListReleases(ConfigurableApplicationContext app) {
        return app.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                .queryForObject(
                        "SELECT COUNT(*) FROM release_plan WHERE model LIKE 'list-model-%'",
                        Long.class);
    }

    // ---- events endpoint vs bare correlation

    static void events(ConfigurableApplicationContext app, int port) throws Exception {
        Releases releases = app.getBean(Releases.class);
        ReleaseQueries releaseQueries = app.getBean(ReleaseQueries.class);
        String token =
                app.getBean(PipelineTokens.class).issue("benchmark", Set.of(), "bench").token();
        RuntimeService runtime = app.getBean(RuntimeService.class);
        resetOpenReleases(runtime);
        System.out.println("Preparing releases waiting for data-ready …");
        // warm both paths up: the app's (from the load process) and the engine's
        eventLoad(port, token, 8, waitingReleases(app, releases, releaseQueries, 400), "warm-");
        bareCorrelations(runtime, 8, waitingReleases(app, releases, releaseQueries, 400));

        System.out.printf(
                "%n%-34s %8s %10s %9s %9s %6s%n",
                "pipeline events (MariaDB)", "clients", "events/s", "p50 ms", "p99 ms", "5xx");
        for (int clients : CLIENTS) {
            int count = Math.max(300, clients * 10);
            List<String> keys = waitingReleases(app, releases, releaseQueries, count);
            Load api = eventLoad(port, token, clients, keys, "bench-");
            Result bare =
                    bareCorrelations(
                            runtime,
                            clients,
                            waitingReleases(app, releases, releaseQueries, count));
            System.out.printf(
                    "%-34s %8d %10.1f %9.1f %9.1f %6d%n",
                    "Almanac /api/v1 (load: other JVM)",
                    clients,
                    api.perSecond(),
                    api.p50(),
                    api.p99(),
                    api.serverErrors());
            System.out.printf(
                    "%-34s %8d %10.1f %9.1f %9.1f%n",
                    "bare engine correlate()", clients, bare.perSecond(), bare.p50(), bare.p99());
            System.out.printf(
                    "%-34s %8d %10.2f%n",
                    "ratio (Almanac / bare)", clients, api.perSecond() / bare.perSecond());
        }
    }

    /** What the load process measured. */
    record Load(int answered, double seconds, double p50, double p99, int serverErrors, int other) {

        /** From a load process's {@code RESULT} fields (the first six). */
        static Load of(String[] f) {
            return new Load(
                    Integer.parseInt(f[0]),
                    Double.parseDouble(f[1]),
                    Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]),
                    Integer.parseInt(f[4]),
                    Integer.parseInt(f[5]));
        }

        double perSecond() {
            return answered / seconds;
        }
    }

    /**
     * A load process: another JVM on this one's classpath, so it shares neither CPU accounting nor
     * heap.
     */
    static ProcessBuilder loadProcess(String heap, Class<?> main, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(heap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command);
    }

    /** Sends each release's data-ready event from another JVM with this many clients. */
    static Load eventLoad(int port, String token, int clients, List<String> keys, String prefix)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("bench-keys", ".txt");
        java.nio.file.Files.write(file, keys);
        Process load =
                loadProcess(
                                "-Xmx256m",
                                EventLoad.class,
                                String.valueOf(port),
                                token,
                                String.valueOf(clients),
                                file.toString(),
                                prefix)
                        .redirectErrorStream(true)
                        .start();
        String out = new String(load.getInputStream().readAllBytes());
        if (load.waitFor() != 0 || !out.contains("RESULT ")) {
            throw new IllegalStateException("the event load process failed: " + out);
        }
        String[] f = out.substring(out.indexOf("RESULT ") + 7).trim().split("\\s+");
        java.nio.file.Files.delete(file);
        return Load.of(f);
    }

    /** The same correlations on the bare engine, by process instance id, in this JVM. */
    static Result bareCorrelations(RuntimeService runtime, int clients, List<String> keys)
            throws Exception {
        Map<String, String> instances = new java.util.HashMap<>();
        for (String key : keys) {
            instances.put(
                    key,
                    runtime.createProcessInstanceQuery()
                            .processInstanceBusinessKey(key)
                            .singleResult()
                            .getId());
        }
        return run(
                clients,
                keys,
                key ->
                        runtime.createMessageCorrelation(ModelRelease.Messages.DATA_READY)
                                .processInstanceId(instances.get(key))
                                .setVariable("rows", 42)
                                .correlate());
    }

    // ---- rows the database reads per release as open releases grow

    private static final String[] COUNTERS = {
        "Rows_read", "Handler_read_key", "Handler_read_next", "Handler_read_rnd_next"
    };

    /**
     * Drives releases through plan, data readiness, data-ready, training trigger and
     * training-finished with 100, 1,000 and 10,000 other releases open, and prints what MariaDB
     * read per release (its global status counters; nothing else uses the benchmark database).
     */
    static void rows(ConfigurableApplicationContext app) throws Exception {
        Releases releases = app.getBean(Releases.class);
        ReleaseQueries releaseQueries = app.getBean(ReleaseQueries.class);
        RuntimeService runtime = app.getBean(RuntimeService.class);
        ExternalTaskService externalTasks = app.getBean(ExternalTaskService.class);
        PipelineEvents events = app.getBean(PipelineEvents.class);
        PipelineTokens tokens = app.getBean(PipelineTokens.class);
        PipelineTokens.Pipeline pipeline =
                tokens.authenticate(tokens.issue("rows benchmark", Set.of(), "bench").token())
                        .orElseThrow();
        var jdbc = app.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
        resetOpenReleases(runtime);
        System.out.printf(
                "%n%-34s %12s %12s %12s %12s%n",
                "rows read per release (MariaDB)",
                "Rows_read",
                "read_key",
                "read_next",
                "read_rnd_next");
        int measured = 30;
        for (int target : new int[] {100, 1_000, 10_000}) {
            long running = runtime.createProcessInstanceQuery().count();
            if (running < target) {
                waitingReleases(app, releases, releaseQueries, (int) (target - running));
            }
            // warm the path, then count
            driveFirstSteps(releases, externalTasks, events, pipeline, 5);
            Map<String, Long> before = counters(jdbc);
            driveFirstSteps(releases, externalTasks, events, pipeline, measured);
            Map<String, Long> after = counters(jdbc);
            System.out.printf(
                    "%-34s %12.0f %12.0f %12.0f %12.0f%n",
                    String.format(
                            "%,d open releases", runtime.createProcessInstanceQuery().count()),
                    (after.get(COUNTERS[0]) - before.get(COUNTERS[0])) / (double) measured,
                    (after.get(COUNTERS[1]) - before.get(COUNTERS[1])) / (double) measured,
                    (after.get(COUNTERS[2]) - before.get(COUNTERS[2])) / (double) measured,
                    (after.get(COUNTERS[3]) - before.get(COUNTERS[3])) / (double) measured);
        }
    }

    /**
     * Starts from no open release: earlier benchmark runs leave theirs in this database, and the
     * calendar's background projection grows with them.
     */
    static void resetOpenReleases(RuntimeService runtime) {
        List<String> open =
                runtime.createProcessInstanceQuery().list().stream()
                        .map(org.operaton.bpm.engine.runtime.ProcessInstance::getId)
                        .toList();
        for (int i = 0; i < open.size(); i += 500) {
            List<String> batch = open.subList(i, Math.min(open.size(), i + 500));
            for (int attempt = 1; ; attempt++) {
                try {
                    runtime.deleteProcessInstancesIfExists(
                            batch, "benchmark reset", true, true, true);
                    break;
                } catch (org.operaton.bpm.engine.OptimisticLockingException workerMeanwhile) {
                    // the release benchmark's in-app workers lock tasks of these releases
                    if (attempt == 5) {
                        throw workerMeanwhile;
                    }
                }
            }
        }
    }

    private static Map<String, Long> counters(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        Map<String, Long> values = new java.util.HashMap<>();
        jdbc.query(
                "SHOW GLOBAL STATUS WHERE Variable_name IN ('"
                        + String.join("','", COUNTERS)
                        + "')",
                row -> {
                    values.put(row.getString(1), Long.parseLong(row.getString(2)));
                });
        return values;
    }

    /** Plan, data readiness, data-ready, training trigger, training-finished for each release. */
    private static void driveFirstSteps(
            Releases releases,
            ExternalTaskService externalTasks,
            PipelineEvents events,
            PipelineTokens.Pipeline pipeline,
            int count) {
        String run = Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < count; i++) {
            String version = run + "." + i;
            String key = "rows-model-" + version;
            planRelease(releases, "rows-model", version);
            completeStep(externalTasks, ModelRelease.Topics.DATA_READINESS, key);
            events.accept(
                    pipeline,
                    key,
                    ModelRelease.Messages.DATA_READY,
                    "rows-ready-" + key,
                    Map.of("rows", 42));
            completeStep(externalTasks, ModelRelease.Topics.TRAINING_TRIGGER, key);
            events.accept(
                    pipeline,
                    key,
                    ModelRelease.Messages.TRAINING_FINISHED,
                    "rows-trained-" + key,
                    Map.of(
                            "accuracy",
                            0.93,
                            "latencyP95Ms",
                            95,
                            "modelUri",
                            "s3://models/rows",
                            "trainingRunId",
                            "run-" + i));
        }
    }

    private static void completeStep(ExternalTaskService externalTasks, String topic, String key) {
        var locked =
                externalTasks
                        .fetchAndLock(1, "bench")
                        .topic(topic, 60_000)
                        .businessKey(key)
                        .execute();
        externalTasks.complete(locked.get(0).getId(), "bench", Map.of());
    }

    /** A low-risk staging release of the model, due in 30 days, planned by the benchmark. */
    private static void planRelease(Releases releases, String model, String version) {
        releases.plan(
                new NewRelease(
                        model,
                        version,
                        Lane.STAGING,
                        RiskTier.LOW,
                        "fraud-ml",
                        LocalDate.now().plusDays(30),
                        null),
                "bench");
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** Releases past their data check, each waiting for data-ready. */
    static List<String> waitingReleases(
            ConfigurableApplicationContext app,
            Releases releases,
            ReleaseQueries releaseQueries,
            int count) {
        ExternalTaskService externalTasks = app.getBean(ExternalTaskService.class);
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String version = run + "." + SEQUENCE.incrementAndGet();
            planRelease(releases, "bench-model", version);
            keys.add("bench-model-" + version);
        }
        for (String key : keys) {
            var locked =
                    externalTasks
                            .fetchAndLock(1, "bench")
                            .topic(ModelRelease.Topics.DATA_READINESS, 60_000)
                            .businessKey(key)
                            .execute();
            externalTasks.complete(locked.get(0).getId(), "bench", Map.of());
        }
        return keys;
    }

    interface Call {
        void on(String key) throws Exception;
    }

    record Result(int count, double seconds, List<Double> latenciesMillis) {

        double perSecond() {
            return count / seconds;
        }

        double p50() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        private double percentile(double p) {
            List<Double> sorted = new ArrayList<>(latenciesMillis);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
        }
    }

    static Result run(int clients, List<String> keys, Call call) throws Exception {
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(keys);
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.execute(
                    () -> {
                        String key;
                        while ((key = queue.poll()) != null) {
                            long t = System.nanoTime();
                            try {
                                call.on(key);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            latencies.add((System.nanoTime() - t) / 1e6);
                        }
                    });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(latencies.size(), seconds, new ArrayList<>(latencies));
    }

    // ---- a whole release through Almanac vs the same six steps on the bare engine

    /** Concurrencies of the release benchmark; -Dbench.release.clients=1,8 for fewer. */
    private static final int[] RELEASE_CLIENTS =
            Arrays.stream(System.getProperty("bench.release.clients", "1,8,32").split(","))
                    .mapToInt(c -> Integer.parseInt(c.trim()))
                    .toArray();

    /** Releases per concurrency at the least (each side runs max(this, clients * 4)). */
    private static final int RELEASE_COUNT = Integer.getInteger("bench.release.count", 40);

    /** How long a client sleeps before it looks at its release again, in ms (both sides). */
    private static final long RELEASE_POLL = Long.getLong("bench.release.poll", 20);

    /** How often the in-app workers fetch tasks. */
    private static final String WORKER_POLL =
            System.getProperty("bench.release.workerPoll", "50ms");

    private static final String ALWAYS_OPEN = "Release benchmark: always open";

    /**
     * The release benchmark's settings: the job executor on (the procedure's timers), the in-app
     * workers on against the stub platform, no monitoring period and no wait for the retrospective.
     */
    static Map<String, String> releaseSettings(StubPlatform platform) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("operaton.bpm.job-execution.enabled", "true");
        settings.put("operaton.bpm.job-execution.wait-time-in-millis", "100");
        settings.put("operaton.bpm.job-execution.max-wait", "500");
        settings.put("almanac.workers.enabled", "true");
        settings.put("almanac.workers.poll-interval", WORKER_POLL);
        settings.put("almanac.workers.data-feed-catalog-url", platform.url("/feeds/{feed}"));
        settings.put("almanac.workers.training-webhook", platform.url("/train"));
        settings.put("almanac.workers.deploy-webhook", platform.url("/deploy"));
        settings.put("almanac.workers.health-metric-url", platform.url("/health/{release}"));
        // the stub platform listens on loopback, allowed explicitly
        settings.put("almanac.outbound.allowed-hosts", "localhost, 127.0.0.1, ::1");
        settings.put("almanac.release-timing.monitoring-period", "PT0S");
        settings.put("almanac.release-timing.retrospective-delay", "PT0S");
        return settings;
    }

    static void release(ConfigurableApplicationContext app, int port) throws Exception {
        RuntimeService runtime = app.getBean(RuntimeService.class);
        resetOpenReleases(runtime);
        alwaysOpen(app.getBean(dev.almanac.planning.Windows.class));
        // in the catalog before the load: concurrent first plans of an unknown model race to
        // create it (a duplicate key, answered 500)
        var catalog = app.getBean(dev.almanac.planning.PlanningCatalog.class);
        if (catalog.model("release-bench").isEmpty()) {
            catalog.saveModel(
                    null,
                    new dev.almanac.planning.PlanningCatalog.ModelInfo(
                            "release-bench",
                            "Release benchmark model",
                            null,
                            "fraud-ml",
                            RiskTier.LOW,
                            null));
        }
        app.getBean(org.operaton.bpm.engine.RepositoryService.class)
                .createDeployment()
                .name("bare-release")
                .enableDuplicateFiltering(true)
                .addClasspathResource("bench/bare-release.bpmn")
                .deploy();
        String token =
                app.getBean(PipelineTokens.class)
                        .issue("release benchmark", Set.of(), "bench")
                        .token();
        BareRelease bare = new BareRelease(app);
        String run = Long.toString(System.currentTimeMillis(), 36);
        System.out.println("Warming up both sides with 8 releases each …");
        releaseLoad(port, token, 4, 8, run + "w");
        run(4, bare.keys(run + "w", 8), bare::drive);

        System.out.printf(
                "%nwhole release, plan to end (MariaDB): Almanac with its in-app workers (poll %s)"
                        + " and job executor,%npeople through /engine-rest, pipeline through"
                        + " /api/v1, the load from another JVM polling every %d ms%n",
                WORKER_POLL, RELEASE_POLL);
        System.out.printf(
                "%-36s %8s %11s %9s %9s %6s%n",
                "whole release (MariaDB)", "clients", "releases/s", "p50 ms", "p99 ms", "5xx");
        for (int clients : RELEASE_CLIENTS) {
            int count = Math.max(RELEASE_COUNT, clients * 4);
            String round = run + "c" + clients;
            Load api = releaseLoad(port, token, clients, count, round);
            Result engine = run(clients, bare.keys(round, count), bare::drive);
            System.out.printf(
                    "%-36s %8d %11.2f %9.0f %9.0f %6d%s%n",
                    "Almanac (load: other JVM)",
                    clients,
                    api.perSecond(),
                    api.p50(),
                    api.p99(),
                    api.serverErrors(),
                    api.answered() == count && api.other() == 0
                            ? ""
                            : "   ("
                                    + api.answered()
                                    + " of "
                                    + count
                                    + " ended, "
                                    + api.other()
                                    + " other refusals)");
            System.out.printf(
                    "%-36s %8d %11.2f %9.0f %9.0f %6s%n",
                    "bare engine, same steps",
                    clients,
                    engine.perSecond(),
                    engine.p50(),
                    engine.p99(),
                    "-");
            System.out.printf(
                    "%-36s %8d %11.2f%n",
                    "ratio (Almanac / bare)", clients, api.perSecond() / engine.perSecond());
        }
    }

    /**
     * One release window open from yesterday for five years, for everyone: the deploy timer fires
     * at once. Refuses to go on if a freeze in the benchmark database would still hold deploys.
     */
    static void alwaysOpen(dev.almanac.planning.Windows windows) {
        windows.windows().stream()
                .filter(w -> ALWAYS_OPEN.equals(w.rule().name()))
                .forEach(w -> windows.deleteWindow(w.id()));
        java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC);
        windows.saveWindow(
                null,
                new dev.almanac.planning.Windows.WindowChange(
                        ALWAYS_OPEN,
                        dev.almanac.projection.WindowKind.RELEASE,
                        now.minusDays(1),
                        now.plusYears(5),
                        java.time.ZoneOffset.UTC,
                        null,
                        dev.almanac.projection.WindowScope.GLOBAL,
                        null,
                        "Deploys may go at any time while the release benchmark runs."),
                "bench");
        java.time.Instant at = java.time.Instant.now();
        java.time.Instant open = windows.releaseWindows(at).nextOpen(at, null, "release-bench");
        if (open == null || open.isAfter(at.plusSeconds(1))) {
            throw new IllegalStateException(
                    "a freeze in almanac_bench holds deploys until " + open + "; remove it first");
        }
    }

    /** Plans and drives releases from another JVM with this many clients. */
    static Load releaseLoad(int port, String token, int clients, int count, String prefix)
            throws Exception {
        Process load =
                loadProcess(
                                "-Xmx256m",
                                ReleaseLoad.class,
                                String.valueOf(port),
                                token,
                                String.valueOf(clients),
                                String.valueOf(count),
                                prefix,
                                TestAccounts.PASSWORD,
                                String.valueOf(RELEASE_POLL))
                        .redirectErrorStream(true)
                        .start();
        String out = new String(load.getInputStream().readAllBytes());
        if (load.waitFor() != 0 || !out.contains("RESULT ")) {
            throw new IllegalStateException("the release load process failed: " + out);
        }
        out.lines()
                .filter(l -> l.startsWith("problem: "))
                .forEach(l -> System.out.println("  " + l));
        String[] f = out.substring(out.indexOf("RESULT ") + 7).trim().split("\\s+");
        if (Integer.parseInt(f[6]) > 0 || Integer.parseInt(f[7]) > 0) {
            System.out.printf("  %s releases did not deploy, %s timed out%n", f[6], f[7]);
        }
        return Load.of(f);
    }

    /**
     * The six steps of a release ({@code bench/bare-release.bpmn}) on the bare engine, in this JVM:
     * what a worker, a pipeline and two people would do, through the engine's Java API.
     */
    static final class BareRelease {

        private final RuntimeService runtime;
        private final ExternalTaskService externalTasks;
        private final org.operaton.bpm.engine.TaskService tasks;
        private final org.operaton.bpm.engine.HistoryService history;

        BareRelease(ConfigurableApplicationContext app) {
            runtime = app.getBean(RuntimeService.class);
            externalTasks = app.getBean(ExternalTaskService.class);
            tasks = app.getBean(org.operaton.bpm.engine.TaskService.class);
            history = app.getBean(org.operaton.bpm.engine.HistoryService.class);
        }

        List<String> keys(String prefix, int count) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                keys.add("bare-release-" + prefix + "." + i);
            }
            return keys;
        }

        void drive(String key) throws Exception {
            String id =
                    runtime.startProcessInstanceByKey(
                                    "bare-release",
                                    key,
                                    Map.of(
                                            "lane",
                                            "staging",
                                            "riskTier",
                                            "low",
                                            "ownerTeam",
                                            "fraud-ml",
                                            "dataFeeds",
                                            "feed-a"))
                            .getId();
            complete("bare-data-readiness", key, Map.of("missingFeeds", ""));
            runtime.createMessageCorrelation("bare-data-ready")
                    .processInstanceId(id)
                    .setVariable("rows", 42)
                    .correlate();
            complete("bare-training-trigger", key, Map.of("trainingRunId", "run-" + key));
            runtime.createMessageCorrelation("bare-training-finished")
                    .processInstanceId(id)
                    .setVariables(
                            Map.of(
                                    "accuracy",
                                    0.93,
                                    "latencyP95Ms",
                                    95,
                                    "modelUri",
                                    "s3://models/release-bench"))
                    .correlate();
            complete(
                    "bare-validation-metrics",
                    key,
                    Map.of("baselineAccuracy", 0.93, "accuracyDelta", 0.0));
            decide(
                    id,
                    "bare-risk-review",
                    Map.of("riskDecision", "approve", "riskRationale", "fine"));
            decide(id, "bare-deploy-approval", Map.of("deployDecision", "go", "deployNote", "go"));
            // the release window's timer is the job executor's to fire
            while (!step("bare-deploy", key, Map.of("deploymentId", "dep-" + key))) {
                Thread.sleep(RELEASE_POLL);
            }
            // the monitoring period's timer, then the check; the retrospective's timer, then the
            // retrospective
            while (!step("bare-post-deploy-check", key, Map.of("releaseOutcome", "deployed"))) {
                Thread.sleep(RELEASE_POLL);
            }
            String retrospective;
            while ((retrospective = taskOf(id, "bare-retrospective")) == null) {
                Thread.sleep(RELEASE_POLL);
            }
            tasks.complete(
                    retrospective,
                    Map.of(
                            "retroWentWell",
                            "everything",
                            "retroSlipped",
                            "nothing",
                            "retroActions",
                            "none"));
            while (history.createHistoricProcessInstanceQuery()
                            .processInstanceId(id)
                            .completed()
                            .count()
                    == 0) {
                Thread.sleep(RELEASE_POLL);
            }
        }

        /** Completes the release's task of this topic, which must be there. */
        private void complete(String topic, String key, Map<String, Object> variables) {
            if (!step(topic, key, variables)) {
                throw new IllegalStateException(key + " has no " + topic + " task");
            }
        }

        /** Completes the release's task of this topic, as a worker would; whether there was one. */
        private boolean step(String topic, String key, Map<String, Object> variables) {
            var locked =
                    externalTasks
                            .fetchAndLock(1, "bench")
                            .topic(topic, 60_000)
                            .businessKey(key)
                            .execute();
            if (locked.isEmpty()) {
                return false;
            }
            externalTasks.complete(locked.get(0).getId(), "bench", variables);
            return true;
        }

        private void decide(String instance, String step, Map<String, Object> variables) {
            var task =
                    tasks.createTaskQuery()
                            .processInstanceId(instance)
                            .taskDefinitionKey(step)
                            .singleResult();
            tasks.complete(task.getId(), variables);
        }

        /** The id of the instance's open task of this step, or null. */
        private String taskOf(String instance, String step) {
            var task =
                    tasks.createTaskQuery()
                            .processInstanceId(instance)
                            .taskDefinitionKey(step)
                            .singleResult();
            return task == null ? null : task.getId();
        }
    }

    // ---- standalone worker throughput

    static void workers(ConfigurableApplicationContext app, int port, StubPlatform platform)
            throws Exception {
        Releases releases = app.getBean(Releases.class);
        ReleaseQueries releaseQueries = app.getBean(ReleaseQueries.class);
        ExternalTaskService externalTasks = app.getBean(ExternalTaskService.class);
        System.out.printf("%n%-36s %10s %12s%n", "standalone workers (MySQL)", "tasks", "tasks/s");
        for (int processes : new int[] {1, 4}) {
            int count = 400;
            String run = Long.toString(System.nanoTime(), 36);
            for (int i = 0; i < count; i++) {
                releases.plan(
                        new NewRelease(
                                "worker-bench",
                                run + "." + i,
                                Lane.STAGING,
                                RiskTier.LOW,
                                "fraud-ml",
                                LocalDate.now().plusDays(30),
                                "feed-a"),
                        "bench");
            }
            // only this round's releases: the database may hold other runs' tasks
            String[] instances =
                    releaseQueries.list().stream()
                            .filter(r -> r.key().startsWith("worker-bench-" + run + "."))
                            .map(r -> r.processInstanceId())
                            .toArray(String[]::new);
            java.util.function.LongSupplier open =
                    () ->
                            externalTasks
                                    .createExternalTaskQuery()
                                    .processInstanceIdIn(instances)
                                    .topicName(ModelRelease.Topics.DATA_READINESS)
                                    .count();
            List<WorkerProcess> workers = new ArrayList<>();
            for (int w = 0; w < processes; w++) {
                workers.add(
                        WorkerProcess.start(
                                "bench-" + processes + "-" + w,
                                port,
                                platform,
                                "5m",
                                "worker",
                                TestAccounts.PASSWORD));
            }
            // count from the first completion, so JVM start-up of the worker processes is not in
            // the figure
            while (open.getAsLong() == count) {
                Thread.sleep(20);
            }
            long start = System.nanoTime();
            long left;
            while ((left = open.getAsLong()) > 0) {
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "%-36s %10d %12.1f%n",
                    processes + " worker process" + (processes > 1 ? "es" : ""),
                    count,
                    count / seconds);
            for (WorkerProcess worker : workers) {
                worker.close();
            }
            if (left != 0) {
                throw new IllegalStateException("tasks left");
            }
        }
    }
}
