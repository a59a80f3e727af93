package dev.almanac.releases;

import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import java.time.LocalDate;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** What it takes to plan and start a release, and what makes a plan one Almanac accepts. */
public record NewRelease(
        String model,
        String version,
        Lane lane,
        RiskTier riskTier,
        String ownerTeam,
        LocalDate targetDate,
        String dataFeeds) {

    private static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9-]{1,59}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");

    /**
     * Names from the feed catalog: no addresses, so planning a release cannot aim a worker at a
     * host.
     */
    private static final Pattern FEEDS =
            Pattern.compile("\\s*([A-Za-z0-9._-]{1,100})(\\s*,\\s*[A-Za-z0-9._-]{1,100})*\\s*");

    /**
     * Refuses a plan that cannot be a release, naming the field: the key's parts, the lane and risk
     * tier, an owner team that exists, a target date from today on and well-formed data feeds.
     * Whether the key is taken is {@link Releases#plan}'s to say.
     */
    void check(Predicate<String> teamExists, LocalDate today) {
        if (model() == null || !MODEL.matcher(model()).matches()) {
            throw new ReleaseRejected(
                    "model",
                    "Model must be 2–60 lower-case letters, digits or dashes, like fraud-scorer.");
        }
        if (version() == null || !VERSION.matcher(version()).matches()) {
            throw new ReleaseRejected(
                    "version",
                    "Version must be 1–40 letters, digits, dots, dashes or underscores, like 2026.12.");
        }
        if (lane() == null) {
            throw new ReleaseRejected(
                    "lane", "Choose a lane: experimentation, staging or production.");
        }
        if (riskTier() == null) {
            throw new ReleaseRejected("riskTier", "Choose a risk tier: low, medium or high.");
        }
        if (!teamExists.test(ownerTeam())) {
            throw new ReleaseRejected(
                    "ownerTeam",
                    "Owner team '"
                            + (ownerTeam() == null ? "" : ownerTeam())
                            + "' does not exist; choose one of the teams.");
        }
        if (targetDate() == null) {
            throw new ReleaseRejected("targetDate", "Give a target date.");
        }
        if (targetDate().isBefore(today)) {
            throw new ReleaseRejected(
                    "targetDate", "The target date " + targetDate() + " is in the past.");
        }
        if (dataFeeds() != null && !dataFeeds().isBlank()) {
            if (dataFeeds().length() > 1000 || !FEEDS.matcher(dataFeeds()).matches()) {
                throw new ReleaseRejected(
                        "dataFeeds",
                        "Data feeds are names in the feed catalog, separated by commas, like"
                                + " transactions, chargebacks; an address is not a feed name (the"
                                + " catalog's address is the administrator's setting).");
            }
        }
    }
}
