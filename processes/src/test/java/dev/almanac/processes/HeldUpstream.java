package dev.almanac.processes;

import java.time.Duration;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.impl.util.ClockUtil;

/**
 * Upstream readiness a test controls: a step is held while its "releaseKey/activityId" is in the
 * set.
 */
final class HeldUpstream implements UpstreamReadiness {

    final Set<String> held = ConcurrentHashMap.newKeySet();

    @Override
    public boolean ready(DelegateExecution execution, String activityId) {
        return !held.contains(execution.getBusinessKey() + "/" + activityId);
    }

    @Override
    public Date recheckAt(DelegateExecution execution, String activityId) {
        return Date.from(ClockUtil.now().toInstant().plus(Duration.ofDays(1)));
    }
}
