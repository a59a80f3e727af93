package dev.almanac.dependencies.web;

import dev.almanac.dependencies.Dependencies;
import dev.almanac.dependencies.DependencyKind;
import dev.almanac.dependencies.DependencyRejected;
import dev.almanac.dependencies.internal.DependencyViews;
import dev.almanac.planning.PlanningCatalog;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.schedule.DistributionChart;
import dev.almanac.schedule.Milestones;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.schedule.ScheduleTexts;
import dev.almanac.schedule.Slips;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DirectFieldBindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Dependencies for people: recorded and removed from the release page (the projection panel is
 * swapped in place), the graph of releases and their dependencies, and the at-risk list.
 */
@Controller
public class DependencyController {

    /** The projection panel of the release page: its milestones, distribution and dependencies. */
    static final String RELEASE_PANEL = "calendar/release :: panel";

    private final Dependencies dependencies;
    private final ReleaseCalendar calendar;
    private final ReleaseQueries releaseQueries;
    private final Slips slips;
    private final PlanningCatalog catalog;
    private final java.time.Clock clock;

    DependencyController(
            Dependencies dependencies,
            ReleaseCalendar calendar,
            ReleaseQueries releaseQueries,
            Slips slips,
            PlanningCatalog catalog,
            java.time.Clock clock) {
        this.dependencies = dependencies;
        this.calendar = calendar;
        this.releaseQueries = releaseQueries;
        this.slips = slips;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** "This release's step needs that release's step first." */
    public static class DependencyForm {
        public String downstreamActivity;
        public String upstreamRelease;
        public String upstreamActivity = "deploy";
        public DependencyKind kind = DependencyKind.DATA_FEED;
        public Double lagDays = 0.0;
        public String note;
    }

    @InitBinder("dependency")
    void fields(WebDataBinder binder) {
        binder.initDirectFieldAccess();
    }

    @dev.almanac.identity.Permits(
            value = dev.almanac.identity.Action.EDIT_DEPENDENCIES,
            subject = "key")
    @PostMapping("/calendar/releases/{key}/dependencies")
    String add(
            @PathVariable String key,
            @ModelAttribute("dependency") DependencyForm form,
            BindingResult binding,
            Principal principal,
            Model model) {
        if (!binding.hasErrors()) {
            try {
                Duration lag =
                        form.lagDays == null
                                ? Duration.ZERO
                                : Duration.ofMinutes(Math.round(form.lagDays * 24 * 60));
                dependencies.add(
                        new Dependencies.NewDependency(
                                form.upstreamRelease,
                                form.upstreamActivity,
                                key,
                                form.downstreamActivity,
                                form.kind,
                                lag,
                                form.note),
                        principal.getName());
                calendar.refresh();
                model.addAttribute("message", "Dependency recorded; the dates below follow it.");
                form = new DependencyForm();
                binding = new DirectFieldBindingResult(form, "dependency");
            } catch (DependencyRejected rejected) {
                String field =
                        "lag".equals(rejected.field())
                                ? "lagDays"
                                : "downstreamRelease".equals(rejected.field())
                                        ? "downstreamActivity"
                                        : rejected.field();
                binding.rejectValue(field, "rejected", rejected.getMessage());
            }
        }
        return panel(key, model, form, binding);
    }

    @dev.almanac.identity.Permits(
            value = dev.almanac.identity.Action.EDIT_DEPENDENCIES,
            subject = "key")
    @PostMapping("/calendar/releases/{key}/dependencies/{id}/delete")
    String remove(
            @PathVariable String key,
            @PathVariable long id,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String reason,
            Principal principal,
            Model model) {
        // the policy checked the rights on {key}: the dependency must be one of its own
        boolean own =
                dependencies.find(id).filter(d -> key.equals(d.downstreamRelease())).isPresent();
        if (!own) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.NOT_FOUND,
                    "Release " + key + " has no dependency " + id + ".");
        }
        if (dependencies.remove(id, principal.getName(), reason)) {
            calendar.refresh();
            model.addAttribute("message", "Dependency removed.");
        }
        return panel(key, model, new DependencyForm(), null);
    }

    /**
     * The projection panel the release page loads: projected vs actual per milestone and the
     * deploy-date distribution.
     */
    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/calendar/releases/{key}")
    String release(@PathVariable String key, Model model) {
        return panel(key, model, new DependencyForm(), null);
    }

    private String panel(String key, Model model, DependencyForm form, BindingResult binding) {
        // the panel is re-read after the change: the dates show its effect
        var projection = calendar.current();
        var projected =
                projection
                        .release(key)
                        .orElseThrow(
                                () ->
                                        new org.springframework.web.server.ResponseStatusException(
                                                org.springframework.http.HttpStatus.NOT_FOUND,
                                                "No projection for " + key));
        if (binding != null) {
            model.addAttribute("org.springframework.validation.BindingResult.dependency", binding);
            model.addAttribute("dependencyOpen", binding.hasErrors());
        }
        dependencies(model, projection, key, form);
        model.addAttribute("release", projected);
        model.addAttribute("state", projection.releases().get(key));
        model.addAttribute("milestones", Milestones.of(projected));
        model.addAttribute(
                "chart",
                DistributionChart.of(projected, projection.releases().get(key), projection.zone()));
        model.addAttribute("outlook", ScheduleTexts.outlookText(projected));
        model.addAttribute("zone", projection.zone());
        model.addAttribute("projection", projection);
        return RELEASE_PANEL;
    }

    /** What the release panel shows of dependencies: trees, critical path, slips and the form. */
    public void dependencies(
            Model model, ReleaseCalendar.Projection projection, String key, DependencyForm form) {
        List<Dependencies.DependencyInfo> all = dependencies.all();
        model.addAttribute("upstream", DependencyViews.upstream(projection, all, key));
        model.addAttribute("downstream", DependencyViews.downstream(projection, all, key));
        model.addAttribute("criticalPath", DependencyViews.criticalPath(projection, key));
        model.addAttribute("slips", slips.of(key));
        model.addAttribute("dependency", form);
        if (!model.containsAttribute("org.springframework.validation.BindingResult.dependency")) {
            // the form has public fields: read them directly, as the binder does
            model.addAttribute(
                    "org.springframework.validation.BindingResult.dependency",
                    new DirectFieldBindingResult(form, "dependency"));
        }
        model.addAttribute("gatedSteps", releaseQueries.upstreamGatedSteps(key));
        model.addAttribute(
                "otherReleases",
                projection.releases().keySet().stream()
                        .filter(k -> !k.equals(key))
                        .sorted()
                        .toList());
        model.addAttribute(
                "milestoneSteps",
                projection.snapshot().procedures().values().stream()
                        .flatMap(p -> p.steps().stream())
                        .filter(s -> s.expected() && s.milestone() != null)
                        .collect(
                                java.util.stream.Collectors.toMap(
                                        s -> s.activityId(),
                                        s -> s.milestone() + " · " + s.name(),
                                        (a, b) -> a,
                                        java.util.LinkedHashMap::new)));
        model.addAttribute("kinds", DependencyKind.values());
    }

    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/dependencies")
    String graph(@RequestParam(required = false) String productLine, Model model) {
        var projection = calendar.current();
        model.addAttribute(
                "graph", DependencyViews.graph(projection, dependencies.all(), productLine));
        model.addAttribute("productLines", catalog.productLines());
        model.addAttribute("productLine", productLine);
        model.addAttribute("zone", projection.zone());
        model.addAttribute("nodeWidth", DependencyViews.NODE_WIDTH);
        model.addAttribute("nodeHeight", DependencyViews.NODE_HEIGHT);
        return "calendar/dependencies";
    }

    /** Releases at risk or late, with the slips of the last fortnight and what caused them. */
    @dev.almanac.identity.Permits(dev.almanac.identity.Action.READ)
    @GetMapping("/at-risk")
    String atRisk(Model model) {
        var projection = calendar.current();
        model.addAttribute(
                "releases",
                projection.projected().values().stream()
                        .filter(
                                r ->
                                        r.outlook() == dev.almanac.projection.Outlook.AT_RISK
                                                || r.outlook()
                                                        == dev.almanac.projection.Outlook.LATE)
                        .sorted(
                                java.util.Comparator.comparing(
                                                dev.almanac.projection.ProjectedRelease::outlook)
                                        .reversed()
                                        .thenComparing(
                                                r ->
                                                        r.targetEnd() == null
                                                                ? Instant.MAX
                                                                : r.targetEnd()))
                        .toList());
        model.addAttribute("states", projection.releases());
        model.addAttribute("slips", slips.since(clock.instant().minus(Duration.ofDays(14))));
        model.addAttribute("zone", projection.zone());
        return "calendar/at-risk";
    }
}
