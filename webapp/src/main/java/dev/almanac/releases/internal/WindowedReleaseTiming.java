package dev.almanac.releases.internal;

import dev.almanac.planning.PlanningCatalog;
import dev.almanac.planning.Windows;
import dev.almanac.processes.DefaultReleaseTiming;
import dev.almanac.processes.ProcedureClock;
import dev.almanac.processes.WeeklyReleaseWindow;
import java.time.Instant;
import java.util.Date;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.delegate.DelegateExecution;

/**
 * The procedure's timing with deploys held by the windows planned in our tables: a release waits
 * for its next release window outside every freeze that applies to it (globally, to its product
 * line or to its model), the same rule the calendar projects with.
 */
class WindowedReleaseTiming extends DefaultReleaseTiming {

    private final PlanningCatalog catalog;

    private final Windows windows;
    private final ReleasePlanRepository plans;

    WindowedReleaseTiming(
            PlanningCatalog catalog,
            Windows windows,
            ReleasePlanRepository plans,
            String monitoringPeriod,
            String retrospectiveDelay) {
        super(WeeklyReleaseWindow.WEEKDAYS_OFFICE_HOURS_UTC, monitoringPeriod, retrospectiveDelay);
        this.catalog = catalog;
        this.windows = windows;
        this.plans = plans;
    }

    @Override
    public Date nextReleaseWindow(DelegateExecution execution) {
        Instant now = ProcedureClock.now();
        Instant overridden = freezeOverrideUntil(execution);
        if (overridden != null && now.isBefore(overridden)) {
            return Date.from(now);
        }
        return Date.from(nextOpening(execution.getProcessBusinessKey(), now));
    }

    /** When the release may deploy at the earliest, from {@code now}. */
    Instant nextOpening(String releaseKey, Instant now) {
        ReleasePlan plan = plans.findByKey(releaseKey).orElse(null);
        String model = plan == null ? null : plan.getModel();
        String productLine =
                model == null
                        ? null
                        : catalog.model(model)
                                .map(PlanningCatalog.ModelInfo::productLine)
                                .orElse(null);
        Instant open = windows.releaseWindows(now).nextOpen(now, productLine, model);
        if (open == null) {
            throw new ProcessEngineException(
                    "No release window opens for "
                            + releaseKey
                            + " within two years outside the freezes that apply to it; "
                            + "plan a release window under Planning > Windows, then retry this job.");
        }
        return open;
    }
}
