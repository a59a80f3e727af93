package dev.almanac.processes;

import java.util.Date;
import org.operaton.bpm.engine.delegate.DelegateExecution;

/**
 * The dates the release procedure's timers and due dates ask for. BPMN expressions reach it as the
 * bean {@value #BEAN_NAME}, so the procedure names the rule ("next release window") and the
 * application decides the date.
 */
public interface ReleaseTiming {

    String BEAN_NAME = "releaseTiming";

    /** When the given activity is due: now plus its planned duration. */
    Date deadline(DelegateExecution execution, String activityId);

    /** The start of the next open release window, or now if a window is open. */
    Date nextReleaseWindow(DelegateExecution execution);

    /** How long a deploy is watched before its health check, as an ISO-8601 duration. */
    String monitoringPeriod(DelegateExecution execution);

    /** How long after deploy the retrospective is held, as an ISO-8601 duration. */
    String retrospectiveDelay(DelegateExecution execution);

    /**
     * An approved freeze override: until its expiry the release may deploy at once, so a deploy
     * timer already waiting for the freeze to end is moved to now.
     */
    void liftFreeze(DelegateExecution execution);
}
