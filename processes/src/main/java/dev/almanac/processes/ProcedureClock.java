package dev.almanac.processes;

import java.time.Instant;
import org.operaton.bpm.engine.impl.util.ClockUtil;

/**
 * The engine's clock. Timers, due dates and the procedure's listeners all read time from it, so a
 * test that moves the engine's clock moves Almanac's decisions inside the procedure too.
 */
public final class ProcedureClock {

    private ProcedureClock() {}

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
