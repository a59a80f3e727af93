package dev.almanac.processes;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;

/** One in-memory engine for all process tests, with the procedure's timing bean. */
public final class TestEngine {

    /** Weekdays 09:00–16:00 UTC, as the application's default. */
    static final WeeklyReleaseWindow WINDOW =
            new WeeklyReleaseWindow(
                    EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                    LocalTime.of(9, 0),
                    LocalTime.of(16, 0),
                    ZoneId.of("UTC"));

    /** Ready unless a test holds a step. */
    static final HeldUpstream UPSTREAM = new HeldUpstream();

    private static ProcessEngine engine;

    private TestEngine() {}

    public static synchronized ProcessEngine get() {
        if (engine == null) {
            StandaloneInMemProcessEngineConfiguration configuration =
                    new StandaloneInMemProcessEngineConfiguration();
            configuration.setProcessEngineName("almanac-process-tests");
            configuration.setJdbcUrl("jdbc:h2:mem:almanac-process-tests;DB_CLOSE_DELAY=-1");
            configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
            configuration.setJobExecutorActivate(false);
            configuration.getProcessEnginePlugins().add(new ProcedureConventions());
            configuration
                    .getProcessEnginePlugins()
                    .add(new dev.almanac.processes.safety.ProcedureSafety(null));
            configuration.setBeans(
                    Map.of(
                            ReleaseTiming.BEAN_NAME,
                            new DefaultReleaseTiming(WINDOW, "PT2H", "P14D"),
                            UpstreamReadiness.BEAN_NAME,
                            UPSTREAM));
            engine = configuration.buildProcessEngine();
        }
        return engine;
    }
}
