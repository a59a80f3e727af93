package dev.almanac.demo.internal;

import dev.almanac.identity.People;
import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.Releases;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Accounts, teams and a handful of releases for a first look. Runs once: it leaves existing
 * accounts and releases alone.
 */
@Component
@ConditionalOnProperty(name = "almanac.demo.enabled", havingValue = "true")
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String PASSWORD = "demo";

    record Person(String id, String first, String last, List<String> groups) {}

    static final Map<String, String> TEAMS =
            Map.ofEntries(
                    Map.entry("release-managers", "Release managers"),
                    Map.entry("risk-officers", "Risk officers"),
                    Map.entry("privacy-reviewers", "Privacy reviewers"),
                    Map.entry("compliance-reviewers", "Compliance reviewers"),
                    Map.entry("security-reviewers", "Security reviewers"),
                    Map.entry("data-engineers", "Data engineering"),
                    Map.entry("ml-engineers", "ML engineering"),
                    Map.entry("fraud-ml", "Fraud ML team"),
                    Map.entry("search-ml", "Search ranking team"),
                    Map.entry("credit-ml", "Credit risk ML team"));

    static final List<Person> PEOPLE =
            List.of(
                    new Person("rita", "Rita", "Release", List.of("release-managers")),
                    new Person("paula", "Paula", "Procedure", List.of("process-owners")),
                    new Person("worker", "Job", "Worker", List.of("job-workers")),
                    new Person(
                            "oscar",
                            "Oscar",
                            "Risk",
                            List.of(
                                    "risk-officers",
                                    "privacy-reviewers",
                                    "compliance-reviewers",
                                    "security-reviewers")),
                    new Person("dana", "Dana", "Data", List.of("data-engineers")),
                    new Person(
                            "mel",
                            "Mel",
                            "Learning",
                            List.of("ml-engineers", "fraud-ml", "search-ml", "credit-ml")));

    private final DemoCatalog plans;
    private final People people;
    private final Releases releases;
    private final ReleaseQueries releaseQueries;

    private final dev.almanac.dependencies.Dependencies dependencies;

    DemoData(
            DemoCatalog plans,
            People people,
            Releases releases,
            ReleaseQueries releaseQueries,
            dev.almanac.dependencies.Dependencies dependencies) {
        this.plans = plans;
        this.dependencies = dependencies;
        this.people = people;
        this.releases = releases;
        this.releaseQueries = releaseQueries;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void seed() {
        TEAMS.forEach(this::team);
        PEOPLE.forEach(this::person);
        if (people.personExists("admin")) {
            TEAMS.keySet().forEach(team -> people.ensureMember("admin", team));
        }
        plans.seed();
        if (releaseQueries.exists()) {
            return;
        }
        LocalDate today = LocalDate.now();
        plan(
                "fraud-scorer",
                "2026.12",
                Lane.PRODUCTION,
                RiskTier.HIGH,
                "fraud-ml",
                today.plusDays(21),
                "transactions,chargebacks");
        plan(
                "search-ranker",
                "2026.12.1",
                Lane.STAGING,
                RiskTier.LOW,
                "search-ml",
                today.plusDays(10),
                "query-logs,clicks");
        plan(
                "credit-limit",
                "2027.01",
                Lane.PRODUCTION,
                RiskTier.MEDIUM,
                "credit-ml",
                today.plusDays(35),
                "bureau-scores,missing-income-feed");
        plan(
                "churn-predictor",
                "2026.12",
                Lane.EXPERIMENTATION,
                RiskTier.LOW,
                "search-ml",
                today.plusDays(14),
                "subscriptions");
        plan(
                "recsys-embeddings",
                "2026.12",
                Lane.STAGING,
                RiskTier.MEDIUM,
                "search-ml",
                today.plusDays(28),
                "");
        // the ranker trains on the new embeddings: it waits for them in the engine, and its
        // calendar dates follow theirs
        depends(
                "search-ranker-2026.12.1",
                "trigger-training",
                "recsys-embeddings-2026.12",
                "deploy",
                dev.almanac.dependencies.DependencyKind.FEATURE_STORE,
                "trains on the new item embeddings");
        depends(
                "credit-limit-2027.01",
                "wait-release-window",
                "fraud-scorer-2026.12",
                "deploy",
                dev.almanac.dependencies.DependencyKind.INFRASTRUCTURE,
                "needs the scoring gateway upgrade that ships with fraud-scorer");
        log.info(
                "Demo releases planned; the simulated pipeline moves them along. Sign in as rita, paula, oscar, dana or mel (password '{}').",
                PASSWORD);
    }

    private void depends(
            String downstream,
            String downstreamStep,
            String upstream,
            String upstreamStep,
            dev.almanac.dependencies.DependencyKind kind,
            String note) {
        dependencies.add(
                new dev.almanac.dependencies.Dependencies.NewDependency(
                        upstream,
                        upstreamStep,
                        downstream,
                        downstreamStep,
                        kind,
                        java.time.Duration.ZERO,
                        note),
                "demo");
    }

    private void plan(
            String model,
            String version,
            Lane lane,
            RiskTier tier,
            String team,
            LocalDate target,
            String feeds) {
        releases.plan(new NewRelease(model, version, lane, tier, team, target, feeds), "demo");
    }

    private void team(String id, String name) {
        people.ensure(id, name);
    }

    private void person(Person person) {
        people.ensurePerson(
                person.id(),
                person.first(),
                person.last(),
                person.id() + "@almanac.example",
                PASSWORD);
        person.groups().forEach(group -> people.ensureMember(person.id(), group));
    }
}
