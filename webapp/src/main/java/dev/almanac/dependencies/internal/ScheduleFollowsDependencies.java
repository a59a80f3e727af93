package dev.almanac.dependencies.internal;

import dev.almanac.dependencies.DependenciesChanged;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.schedule.Slips;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Once a dependency change commits, the calendar projects again and slips are compared soon. */
@Component
class ScheduleFollowsDependencies {

    private final ReleaseCalendar calendar;
    private final Slips slips;

    ScheduleFollowsDependencies(ReleaseCalendar calendar, Slips slips) {
        this.calendar = calendar;
        this.slips = slips;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void dependenciesChanged(DependenciesChanged event) {
        calendar.refresh();
        slips.compareSoon();
    }
}
