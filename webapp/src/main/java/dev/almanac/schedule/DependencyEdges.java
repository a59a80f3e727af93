package dev.almanac.schedule;

import dev.almanac.projection.Dependency;
import java.util.List;

/**
 * The dependencies between releases, as the projector reads them into a snapshot. The dependencies
 * module records them and also shows them on the schedule, so it provides this and tells the
 * schedule when they change ({@link ReleaseCalendar#refresh()}, {@link Slips#compareSoon()}).
 */
public interface DependencyEdges {

    List<Dependency> edges();
}
