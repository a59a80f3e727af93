package dev.almanac.calendar.web;

import dev.almanac.calendar.internal.CalendarViews;
import dev.almanac.calendar.internal.MonthView;
import dev.almanac.calendar.internal.PortfolioView;
import dev.almanac.planning.Lane;
import dev.almanac.planning.PlanningCatalog;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.schedule.CalendarFilter;
import dev.almanac.schedule.ReleaseCalendar;
import java.time.LocalDate;
import java.time.YearMonth;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The timeline, the month grid, the portfolio and the projection panel of a release page. */
@Controller
public class CalendarController {

    static final String TIMELINE_VIEW = "calendar/timeline";
    static final String MONTH_VIEW = "calendar/month";
    static final String PORTFOLIO_VIEW = "calendar/portfolio";

    private final ReleaseCalendar calendar;
    private final PlanningCatalog catalog;
    private final ReleaseQueries releaseQueries;
    private final dev.almanac.identity.People teams;

    CalendarController(
            ReleaseCalendar calendar,
            PlanningCatalog catalog,
            ReleaseQueries releaseQueries,
            dev.almanac.identity.People teams) {
        this.teams = teams;
        this.calendar = calendar;
        this.catalog = catalog;
        this.releaseQueries = releaseQueries;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/calendar")
    String timeline(
            @RequestParam(defaultValue = "quarter") String span,
            @RequestParam(required = false) LocalDate start,
            @RequestParam(defaultValue = "lane") String group,
            CalendarFilter filter,
            Model model,
            @RequestHeader(value = "HX-Request", required = false) String htmx) {
        ReleaseCalendar.Projection projection = calendar.current();
        LocalDate anchor =
                start != null
                        ? start
                        : projection.snapshot().now().atZone(projection.zone()).toLocalDate();
        CalendarViews.Span shown =
                CalendarViews.Span.of("month".equals(span) ? "month" : "quarter", anchor);
        model.addAttribute(
                "timeline",
                CalendarViews.timeline(
                        projection, filter, shown, "team".equals(group) ? "team" : "lane"));
        model.addAttribute("group", "team".equals(group) ? "team" : "lane");
        filters(model, filter);
        return htmx != null ? TIMELINE_VIEW + " :: board" : TIMELINE_VIEW;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/calendar/month")
    String month(
            @RequestParam(required = false) YearMonth month,
            CalendarFilter filter,
            Model model,
            @RequestHeader(value = "HX-Request", required = false) String htmx) {
        ReleaseCalendar.Projection projection = calendar.current();
        YearMonth shown =
                month != null
                        ? month
                        : YearMonth.from(projection.snapshot().now().atZone(projection.zone()));
        model.addAttribute("grid", MonthView.month(projection, filter, shown));
        filters(model, filter);
        return htmx != null ? MONTH_VIEW + " :: board" : MONTH_VIEW;
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/portfolio")
    String portfolio(
            CalendarFilter filter,
            Model model,
            @RequestHeader(value = "HX-Request", required = false) String htmx) {
        ReleaseCalendar.Projection projection = calendar.current();
        model.addAttribute(
                "lines",
                PortfolioView.portfolio(projection, filter, releaseQueries.openApprovals()));
        filters(model, filter);
        return htmx != null ? PORTFOLIO_VIEW + " :: board" : PORTFOLIO_VIEW;
    }

    private void filters(Model model, CalendarFilter filter) {
        model.addAttribute("filter", filter);
        model.addAttribute("productLines", catalog.productLines());
        model.addAttribute("teams", teams.all());
        model.addAttribute("models", catalog.models());
        model.addAttribute("lanes", Lane.values());
        model.addAttribute("zone", calendar.zone());
        // release links in views of a thousand rows are written plainly: a link expression per row
        // costs a static-resource lookup
        model.addAttribute(
                "base",
                org.springframework.web.servlet.support.ServletUriComponentsBuilder
                        .fromCurrentContextPath()
                        .build()
                        .getPath());
    }
}
