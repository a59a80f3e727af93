package dev.almanac.capacity.web;

import dev.almanac.capacity.CapacityInputs;
import dev.almanac.capacity.Contention;
import dev.almanac.planning.PlanningRejected;
import dev.almanac.planning.Reserves;
import dev.almanac.planning.Resources;
import dev.almanac.projection.Capacity;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.schedule.ScheduleTexts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Utilisation: the heat map of resources by week, the drill-down behind a cell, the conflicts,
 * levelling and reserve overrides.
 */
@Controller
class CapacityController {

    private final Contention contention;
    private final CapacityInputs inputs;
    private final ReleaseCalendar calendar;
    private final Resources resources;
    private final Reserves reserves;
    private final java.time.Clock clock;

    CapacityController(
            Contention contention,
            CapacityInputs inputs,
            ReleaseCalendar calendar,
            Resources resources,
            Reserves reserves,
            java.time.Clock clock) {
        this.contention = contention;
        this.inputs = inputs;
        this.calendar = calendar;
        this.resources = resources;
        this.reserves = reserves;
        this.clock = clock;
    }

    /** One week of one resource: what is booked against what it has. */
    public record Cell(
            String resource,
            LocalDate week,
            double booked,
            double capacity,
            double peak,
            boolean over,
            boolean reserve) {

        public String level() {
            if (over) {
                return "over";
            }
            if (reserve) {
                return "reserve";
            }
            return peak <= 0 ? "idle" : peak < 0.5 ? "low" : peak < 0.8 ? "mid" : "high";
        }

        public String label() {
            return ScheduleTexts.amount(booked) + " / " + ScheduleTexts.amount(capacity);
        }
    }

    public record Row(
            Capacity.Resource resource,
            List<Cell> cells,
            double booked,
            double capacity,
            long conflicts) {

        public String utilisation() {
            return capacity <= 0
                    ? (booked > 0 ? "over" : "–")
                    : Math.round(100 * booked / capacity) + " %";
        }

        public String bookedText() {
            return ScheduleTexts.amount(booked);
        }

        public String capacityText() {
            return ScheduleTexts.amount(capacity);
        }
    }

    static List<Row> heatMap(Capacity.Load load, LocalDate first, int weeks, ZoneId zone) {
        List<Row> rows = new ArrayList<>();
        for (Capacity.ResourceLoad r : load.resources()) {
            List<Cell> cells = new ArrayList<>();
            double bookedTotal = 0;
            double capacityTotal = 0;
            for (int w = 0; w < weeks; w++) {
                Instant from = first.plusWeeks(w).atStartOfDay(zone).toInstant();
                Instant to = first.plusWeeks(w + 1).atStartOfDay(zone).toInstant();
                double booked = 0;
                double capacity = 0;
                double peak = 0;
                boolean over = false;
                boolean reserve = false;
                for (Capacity.Bucket b : r.buckets()) {
                    if (b.start().isBefore(from) || !b.start().isBefore(to)) {
                        continue;
                    }
                    booked += b.booked();
                    capacity += b.capacity();
                    peak =
                            Math.max(
                                    peak,
                                    b.capacity() > 0
                                            ? b.booked() / b.capacity()
                                            : (b.booked() > 0 ? Double.MAX_VALUE : 0));
                    over |= b.overAllocated();
                    reserve |= b.intoReserve();
                }
                cells.add(
                        new Cell(
                                r.resource().key(),
                                first.plusWeeks(w),
                                booked,
                                capacity,
                                peak,
                                over,
                                reserve));
                bookedTotal += booked;
                capacityTotal += capacity;
            }
            long conflicts =
                    load.conflicts().stream()
                            .filter(c -> c.resource().equals(r.resource().key()))
                            .count();
            rows.add(new Row(r.resource(), cells, bookedTotal, capacityTotal, conflicts));
        }
        return rows;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/utilisation")
    String utilisation(Model model) {
        Capacity.Load load = contention.load();
        LocalDate first = inputs.firstDay(clock.instant());
        model.addAttribute("rows", heatMap(load, first, CapacityInputs.WEEKS, calendar.zone()));
        model.addAttribute(
                "weeks",
                java.util.stream.IntStream.range(0, CapacityInputs.WEEKS)
                        .mapToObj(first::plusWeeks)
                        .toList());
        model.addAttribute("conflicts", load.conflicts());
        model.addAttribute("overrides", reserves.overrides());
        model.addAttribute("zone", calendar.zone());
        return "calendar/utilisation";
    }

    /** The conflicts alone, for the calendar and the at-risk list to load. */
    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/utilisation/conflicts")
    String conflicts(Model model) {
        model.addAttribute("conflicts", contention.conflicts());
        model.addAttribute("zone", calendar.zone());
        return "calendar/conflicts :: conflicts";
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/utilisation/{resource}/{week}")
    String cell(
            @PathVariable String resource,
            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate week,
            Model model) {
        Capacity.ResourceLoad load = contention.load().of(resource);
        if (load == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No resource " + resource);
        }
        ZoneId zone = calendar.zone();
        Instant from = week.atStartOfDay(zone).toInstant();
        Instant to = week.plusWeeks(1).atStartOfDay(zone).toInstant();
        List<Capacity.Bucket> buckets =
                load.buckets().stream()
                        .filter(b -> !b.start().isBefore(from) && b.start().isBefore(to))
                        .filter(
                                b ->
                                        load.resource().granularity() == Capacity.Granularity.DAY
                                                || !b.bookings().isEmpty()
                                                || b.capacity() == 0)
                        .toList();
        model.addAttribute("resource", load.resource());
        model.addAttribute("week", week);
        model.addAttribute("buckets", buckets);
        model.addAttribute(
                "conflicts",
                contention.conflicts().stream()
                        .filter(
                                c ->
                                        c.resource().equals(resource)
                                                && c.start().isBefore(to)
                                                && c.end().isAfter(from))
                        .toList());
        model.addAttribute("zone", zone);
        return "calendar/utilisation-cell";
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.OVERRIDE_RESERVES)
    @PostMapping("/utilisation/overrides")
    String override(
            @RequestParam String resource,
            @RequestParam String releaseKey,
            @RequestParam(required = false) String reason,
            Authentication user,
            RedirectAttributes redirect) {
        try {
            reserves.overrideReservation(resource, releaseKey, reason, user.getName());
            contention.forget();
            redirect.addFlashAttribute(
                    "message", releaseKey + " may use the reserve of " + resource + ".");
        } catch (PlanningRejected rejected) {
            redirect.addFlashAttribute("error", rejected.getMessage());
        }
        return "redirect:/utilisation";
    }
}
