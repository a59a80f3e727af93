package dev.almanac.capacity;

import dev.almanac.planning.Reserves;
import dev.almanac.planning.Resources;
import dev.almanac.projection.Capacity;
import dev.almanac.projection.Schedule;
import dev.almanac.projection.Snapshot;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.schedule.CalendarProperties;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What capacity is booked from: resources, the procedure's needs with their overrides, reserves and
 * overrides, over the planning horizon.
 */
@Component
public class CapacityInputs {

    /** The horizon: from this week's Monday, a quarter ahead. */
    public static final int WEEKS = 13;

    private final Resources resources;

    private final Reserves reserves;
    private final ReleaseQueries releaseQueries;
    private final CalendarProperties properties;

    CapacityInputs(
            Resources resources,
            Reserves reserves,
            ReleaseQueries releaseQueries,
            CalendarProperties properties) {
        this.resources = resources;
        this.reserves = reserves;
        this.releaseQueries = releaseQueries;
        this.properties = properties;
    }

    public record Inputs(
            List<Capacity.Resource> resources,
            Capacity.Demand demand,
            List<Capacity.Reservation> reservations,
            java.util.Set<String> overrides,
            Instant from,
            Instant to) {

        public Capacity.Load load(Snapshot snapshot, Schedule schedule, java.time.ZoneId zone) {
            return Capacity.of(
                    snapshot, schedule, resources, demand, reservations, overrides, from, to, zone);
        }

        public Inputs with(List<Capacity.Resource> changed) {
            return new Inputs(changed, demand, reservations, overrides, from, to);
        }
    }

    public LocalDate firstDay(Instant now) {
        return now.atZone(properties.zone())
                .toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public Inputs read(Instant now) {
        LocalDate first = firstDay(now);
        Instant from = first.atStartOfDay(properties.zone()).toInstant();
        Instant to = first.plusWeeks(WEEKS).atStartOfDay(properties.zone()).toInstant();
        return new Inputs(
                resources.all(),
                resources.demand(releaseQueries.resourceNeeds()),
                reserves.reservations(from, to),
                reserves.overrideKeys(),
                from,
                to);
    }
}
