package dev.almanac.demo.internal;

import dev.almanac.planning.Lane;
import dev.almanac.planning.Reserves;
import dev.almanac.planning.RiskTier;
import dev.almanac.planning.Windows;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The demo's plans: product lines, models and teams, windows (a year-end freeze, a month-end freeze
 * for payments, an experimentation window), resources with a reserve, stakeholders and two
 * cadences.
 */
@Component
class DemoCatalog {

    /** The product lines each owner team works on. */
    static final java.util.Map<String, java.util.Set<String>> LINES =
            java.util.Map.of(
                    "fraud-ml", java.util.Set.of("payments"),
                    "search-ml", java.util.Set.of("discovery"),
                    "credit-ml", java.util.Set.of("lending"));

    private final dev.almanac.planning.PlanningCatalog catalog;
    private final Windows windows;
    private final dev.almanac.planning.Cadences cadences;
    private final dev.almanac.planning.Resources planningResources;
    private final Reserves reserves;
    private final dev.almanac.communications.stakeholders.Stakeholders stakeholders;

    DemoCatalog(
            dev.almanac.planning.PlanningCatalog catalog,
            Windows windows,
            dev.almanac.planning.Cadences cadences,
            dev.almanac.planning.Resources planningResources,
            Reserves reserves,
            dev.almanac.communications.stakeholders.Stakeholders stakeholders) {
        this.catalog = catalog;
        this.windows = windows;
        this.cadences = cadences;
        this.planningResources = planningResources;
        this.reserves = reserves;
        this.stakeholders = stakeholders;
    }

    /** Plans everything once: nothing happens when the catalogue has product lines already. */
    void seed() {
        if (catalog.productLines().isEmpty()) {
            planning();
            cadence();
        }
    }

    /** Product lines, teams, models and windows the demo releases are planned against. */
    private void planning() {
        catalog.saveProductLine(
                null,
                new dev.almanac.planning.PlanningCatalog.ProductLineInfo(
                        "payments", "Payments", "Card and transfer risk models"));
        catalog.saveProductLine(
                null,
                new dev.almanac.planning.PlanningCatalog.ProductLineInfo(
                        "discovery", "Discovery", "Search and recommendations"));
        catalog.saveProductLine(
                null,
                new dev.almanac.planning.PlanningCatalog.ProductLineInfo(
                        "lending", "Lending", "Credit decisions"));
        // each owner team works on its own product line; release managers need none
        for (var team :
                List.of(
                        "fraud-ml",
                        "search-ml",
                        "credit-ml",
                        "data-engineers",
                        "ml-engineers",
                        "release-managers",
                        "risk-officers")) {
            catalog.saveTeam(
                    null,
                    new dev.almanac.planning.PlanningCatalog.TeamInfo(
                            team,
                            DemoData.TEAMS.get(team),
                            team,
                            team + "@almanac.example",
                            LINES.getOrDefault(team, java.util.Set.of())));
        }
        model("fraud-scorer", "Card fraud scorer", "payments", "fraud-ml", RiskTier.HIGH);
        model("credit-limit", "Credit limit model", "lending", "credit-ml", RiskTier.MEDIUM);
        model("search-ranker", "Search ranker", "discovery", "search-ml", RiskTier.LOW);
        model(
                "recsys-embeddings",
                "Recommendation embeddings",
                "discovery",
                "search-ml",
                RiskTier.MEDIUM);
        model("churn-predictor", "Churn predictor", "discovery", "search-ml", RiskTier.LOW);
        java.time.LocalDate today = LocalDate.now();
        java.time.LocalDate christmas = LocalDate.of(today.getYear(), 12, 20);
        windows.saveWindow(
                null,
                new Windows.WindowChange(
                        "Year-end freeze",
                        dev.almanac.projection.WindowKind.FREEZE,
                        christmas.atStartOfDay(),
                        christmas.plusDays(16).atStartOfDay(),
                        java.time.ZoneId.of("Europe/Berlin"),
                        null,
                        dev.almanac.projection.WindowScope.GLOBAL,
                        null,
                        "No production changes over the holidays."),
                "demo");
        windows.saveWindow(
                null,
                new Windows.WindowChange(
                        "Payments month-end close",
                        dev.almanac.projection.WindowKind.FREEZE,
                        today.withDayOfMonth(1).atTime(0, 0),
                        today.withDayOfMonth(1).plusDays(2).atTime(0, 0),
                        java.time.ZoneId.of("Europe/Berlin"),
                        "FREQ=MONTHLY;BYMONTHDAY=1",
                        dev.almanac.projection.WindowScope.PRODUCT_LINE,
                        "payments",
                        "Settlement runs; no deploys to payments models."),
                "demo");
        var experiments =
                windows.saveWindow(
                        null,
                        new Windows.WindowChange(
                                "Discovery A/B week",
                                dev.almanac.projection.WindowKind.EXPERIMENTATION,
                                today.plusDays(3).atTime(9, 0),
                                today.plusDays(10).atTime(18, 0),
                                java.time.ZoneId.of("America/New_York"),
                                "FREQ=MONTHLY;COUNT=3",
                                dev.almanac.projection.WindowScope.PRODUCT_LINE,
                                "discovery",
                                "GPU capacity held for ranking experiments."),
                        "demo");
        resources(experiments.id(), today);
        stakeholders();
    }

    /**
     * Who hears about what: everyone in Almanac's inbox (the demo has no SMTP server or webhooks to
     * reach).
     */
    private void stakeholders() {
        var inApp = java.util.Set.of(dev.almanac.communications.Channel.IN_APP);
        for (String line : List.of("payments", "discovery", "lending")) {
            stakeholder(
                    "PRODUCT_LINE",
                    line,
                    "USER",
                    "rita",
                    dev.almanac.communications.StakeholderRole.LEADERSHIP,
                    inApp);
            stakeholder(
                    "PRODUCT_LINE",
                    line,
                    "GROUP",
                    "release-managers",
                    dev.almanac.communications.StakeholderRole.ON_CALL,
                    inApp);
        }
        stakeholder(
                "PRODUCT_LINE",
                "payments",
                "USER",
                "oscar",
                dev.almanac.communications.StakeholderRole.RISK,
                inApp);
        stakeholder(
                "PRODUCT_LINE",
                "lending",
                "USER",
                "oscar",
                dev.almanac.communications.StakeholderRole.RISK,
                inApp);
        stakeholder(
                "MODEL",
                "fraud-scorer",
                "USER",
                "mel",
                dev.almanac.communications.StakeholderRole.OWNER,
                inApp);
        stakeholder(
                "MODEL",
                "search-ranker",
                "USER",
                "mel",
                dev.almanac.communications.StakeholderRole.OWNER,
                inApp);
        stakeholder(
                "MODEL",
                "recsys-embeddings",
                "USER",
                "dana",
                dev.almanac.communications.StakeholderRole.CONSUMER,
                inApp);
        stakeholder(
                "PRODUCT_LINE",
                "discovery",
                "USER",
                "dana",
                dev.almanac.communications.StakeholderRole.CONSUMER,
                inApp);
    }

    private void stakeholder(
            String scopeKind,
            String scope,
            String partyKind,
            String party,
            dev.almanac.communications.StakeholderRole role,
            java.util.Set<dev.almanac.communications.Channel> channels) {
        stakeholders.add(
                new dev.almanac.communications.NewStakeholder(
                        scopeKind, scope, partyKind, party, role, channels, null, null));
    }

    /**
     * A small GPU pool (three trainings at once do not fit), an evaluation cluster, two risk
     * officers and the on-call engineer.
     */
    private void resources(Long experiments, LocalDate today) {
        var concurrent = dev.almanac.projection.Capacity.ResourceKind.CONCURRENT;
        var day = dev.almanac.projection.Capacity.Granularity.DAY;
        planningResources.save(
                new dev.almanac.planning.Resources.ResourceChange(
                        "gpus", "GPU pool", "GPUs", concurrent, day, 16.0, List.of()),
                "demo");
        planningResources.changeCapacity(
                "gpus", today.plusMonths(2).withDayOfMonth(1), 32.0, "demo");
        planningResources.save(
                new dev.almanac.planning.Resources.ResourceChange(
                        "eval-cluster",
                        "Evaluation cluster",
                        "clusters",
                        concurrent,
                        day,
                        2.0,
                        List.of()),
                "demo");
        planningResources.save(
                new dev.almanac.planning.Resources.ResourceChange(
                        "risk-officers",
                        "Risk officers",
                        "reviewer-days",
                        dev.almanac.projection.Capacity.ResourceKind.EFFORT,
                        day,
                        1.0,
                        List.of("oscar", "olga")),
                "demo");
        LocalDate saturday =
                today.with(
                        java.time.temporal.TemporalAdjusters.nextOrSame(
                                java.time.DayOfWeek.SATURDAY));
        planningResources.addHoliday(
                "risk-officers",
                new dev.almanac.projection.Capacity.Holiday(
                        saturday, saturday.plusDays(1), "FREQ=WEEKLY", null),
                "demo");
        planningResources.addHoliday(
                "risk-officers",
                new dev.almanac.projection.Capacity.Holiday(
                        today.plusDays(7), today.plusDays(11), null, "olga"),
                "demo");
        planningResources.save(
                new dev.almanac.planning.Resources.ResourceChange(
                        "platform-on-call",
                        "Platform on-call",
                        "engineers",
                        concurrent,
                        dev.almanac.projection.Capacity.Granularity.HOUR,
                        1.0,
                        List.of()),
                "demo");
        reserves.reserve(experiments, "gpus", 0.25);
    }

    private void cadence() {
        java.time.LocalDate first = LocalDate.now().withDayOfMonth(1).plusMonths(1);
        cadences.save(
                null,
                new dev.almanac.planning.Cadences.CadenceChange(
                        "Monthly fraud refresh",
                        "fraud-scorer",
                        Lane.PRODUCTION,
                        first.atTime(6, 0),
                        java.time.ZoneId.of("UTC"),
                        "FREQ=MONTHLY;BYMONTHDAY=1",
                        "yyyy.MM",
                        21,
                        true),
                "demo");
        cadences.save(
                null,
                new dev.almanac.planning.Cadences.CadenceChange(
                        "Quarterly credit revalidation",
                        "credit-limit",
                        Lane.PRODUCTION,
                        first.plusMonths(1).atTime(6, 0),
                        java.time.ZoneId.of("UTC"),
                        "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1",
                        "yyyy.'q'Q",
                        35,
                        true),
                "demo");
    }

    private void model(String key, String name, String line, String team, RiskTier tier) {
        catalog.saveModel(
                null,
                new dev.almanac.planning.PlanningCatalog.ModelInfo(
                        key, name, line, team, tier, null));
    }
}
