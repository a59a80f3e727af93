package dev.almanac.processes;

import java.time.Duration;
import java.util.Date;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.impl.util.ClockUtil;

/**
 * Whether a release may start a step that other releases' steps must finish first. The procedure
 * holds a release at an "Upstream ready?" gateway before each step that can have dependencies; BPMN
 * expressions reach this as the bean {@value #BEAN_NAME}. The application answers from its recorded
 * dependencies and sends {@value ModelRelease.Messages#UPSTREAM_READY} to waiting releases when an
 * upstream step ends or a dependency is removed.
 */
public interface UpstreamReadiness {

    String BEAN_NAME = "upstream";

    /**
     * True when every dependency of the release's {@code activityId} is met: upstream step ended,
     * lag passed.
     */
    boolean ready(DelegateExecution execution, String activityId);

    /**
     * When a waiting release checks again by itself: the earliest moment a lag of an ended upstream
     * step passes, or a day from now at the latest (a safety net should a message be lost).
     */
    Date recheckAt(DelegateExecution execution, String activityId);

    /**
     * For a procedure that runs without recorded dependencies (process tests, tools): always ready.
     */
    UpstreamReadiness NONE =
            new UpstreamReadiness() {
                @Override
                public boolean ready(DelegateExecution execution, String activityId) {
                    return true;
                }

                @Override
                public Date recheckAt(DelegateExecution execution, String activityId) {
                    return Date.from(ClockUtil.now().toInstant().plus(Duration.ofDays(1)));
                }
            };
}
