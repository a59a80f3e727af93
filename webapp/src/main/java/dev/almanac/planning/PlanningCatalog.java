package dev.almanac.planning;

import dev.almanac.identity.People;
import dev.almanac.planning.internal.MlModel;
import dev.almanac.planning.internal.MlModelRepository;
import dev.almanac.planning.internal.ProductLine;
import dev.almanac.planning.internal.ProductLineRepository;
import dev.almanac.planning.internal.Team;
import dev.almanac.planning.internal.TeamRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What releases are planned against: product lines, teams and models (windows are {@link
 * Windows}'). Every change is validated here and refused with the field and a sentence; a refused
 * change changes nothing.
 */
@Service
public class PlanningCatalog {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{1,59}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public record ProductLineInfo(String key, String name, String description) {}

    /**
     * A team and the product lines it works on ({@code null} in a change: keep them as they are).
     */
    public record TeamInfo(
            String key, String name, String engineGroup, String email, Set<String> productLines) {

        public TeamInfo(String key, String name, String engineGroup, String email) {
            this(key, name, engineGroup, email, null);
        }
    }

    public record ModelInfo(
            String key,
            String name,
            String productLine,
            String ownerTeam,
            RiskTier riskTier,
            String description) {}

    private final ProductLineRepository productLines;
    private final TeamRepository teams;
    private final MlModelRepository models;
    private final People engineGroups;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private dev.almanac.governance.DecisionLog decisions;

    /** Windows read the catalog; the catalog asks them only when a model changes line. */
    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.beans.factory.ObjectProvider<Windows> windows;

    @org.springframework.beans.factory.annotation.Autowired
    void decisionLog(dev.almanac.governance.DecisionLog decisions) {
        this.decisions = decisions;
    }

    /** Puts a catalog change on the decision log, with the entry before and after. */
    private void logged(
            String what, String key, boolean created, String by, Object before, Object after) {
        if (decisions != null && by != null) {
            decisions.constraintChanged(
                    null,
                    what + " '" + key + "'",
                    created ? "created" : "changed",
                    by,
                    clock.instant(),
                    null,
                    before == null ? null : String.valueOf(before),
                    String.valueOf(after));
        }
    }

    PlanningCatalog(
            ProductLineRepository productLines,
            TeamRepository teams,
            MlModelRepository models,
            People engineGroups,
            ApplicationEventPublisher events,
            Clock clock) {
        this.productLines = productLines;
        this.teams = teams;
        this.models = models;
        this.engineGroups = engineGroups;
        this.events = events;
        this.clock = clock;
    }

    // ---- product lines

    @Transactional(readOnly = true)
    public List<ProductLineInfo> productLines() {
        return productLines.findAllByOrderByKeyAsc().stream().map(ProductLine::info).toList();
    }

    @Transactional(readOnly = true)
    public Optional<ProductLineInfo> productLine(String key) {
        return productLines.findByKey(key).map(ProductLine::info);
    }

    /** Creates the product line, or updates it if {@code existing} names one. */
    @Transactional
    public ProductLineInfo saveProductLine(String existing, ProductLineInfo change) {
        return saveProductLine(existing, change, null);
    }

    /**
     * As {@link #saveProductLine(String, ProductLineInfo)}, on the decision log with who changed
     * it.
     */
    @Transactional
    public ProductLineInfo saveProductLine(String existing, ProductLineInfo change, String by) {
        String name = required("name", change.name(), "Give the product line a name.");
        ProductLine line =
                existing == null
                        ? new ProductLine(
                                newKey(
                                        change.key(),
                                        productLines.findByKey(trimmed(change.key())).isPresent(),
                                        "product line"))
                        : productLines
                                .findByKey(existing)
                                .orElseThrow(
                                        () ->
                                                new PlanningRejected(
                                                        "key",
                                                        "No product line " + existing + "."));
        ProductLineInfo before = existing == null ? null : line.info();
        line.update(name, description(change.description()));
        ProductLineInfo after = productLines.save(line).info();
        logged("Product line", after.key(), before == null, by, before, after);
        return after;
    }

    // ---- teams

    @Transactional(readOnly = true)
    public List<TeamInfo> teams() {
        return teams.findAllByOrderByKeyAsc().stream().map(Team::info).toList();
    }

    @Transactional(readOnly = true)
    public Optional<TeamInfo> team(String key) {
        return teams.findByKey(key).map(Team::info);
    }

    /**
     * Creates or updates a team; its engine group is created when it does not exist yet, so tasks
     * can be assigned to it.
     */
    @Transactional
    public TeamInfo saveTeam(String existing, TeamInfo change) {
        return saveTeam(existing, change, null);
    }

    /** As {@link #saveTeam(String, TeamInfo)}, on the decision log with who changed it. */
    @Transactional
    public TeamInfo saveTeam(String existing, TeamInfo change, String by) {
        String name = required("name", change.name(), "Give the team a name.");
        String group =
                change.engineGroup() == null || change.engineGroup().isBlank()
                        ? (existing == null ? change.key() : existing)
                        : change.engineGroup().trim();
        if (group == null || !KEY.matcher(group).matches()) {
            throw new PlanningRejected(
                    "engineGroup",
                    "The engine group must be 2–60 lower-case letters, digits or dashes, like fraud-ml.");
        }
        String email = blankToNull(change.email());
        if (email != null && (email.length() > 200 || !EMAIL.matcher(email).matches())) {
            throw new PlanningRejected("email", "'" + email + "' is not an e-mail address.");
        }
        Team team =
                existing == null
                        ? new Team(
                                newKey(
                                        change.key(),
                                        teams.findByKey(trimmed(change.key())).isPresent(),
                                        "team"))
                        : teams.findByKey(existing)
                                .orElseThrow(
                                        () ->
                                                new PlanningRejected(
                                                        "key", "No team " + existing + "."));
        Set<String> lines = change.productLines();
        if (lines != null) {
            for (String line : lines) {
                if (productLines.findByKey(line).isEmpty()) {
                    throw new PlanningRejected(
                            "productLines",
                            "There is no product line '" + line + "'; create it first.");
                }
            }
        }
        TeamInfo before = existing == null ? null : team.info();
        team.update(name, group, email, lines);
        engineGroups.ensure(group, name);
        TeamInfo after = teams.save(team).info();
        logged("Team", after.key(), before == null, by, before, after);
        return after;
    }

    // ---- models

    @Transactional(readOnly = true)
    public List<ModelInfo> models() {
        return models.findAllByOrderByKeyAsc().stream().map(MlModel::info).toList();
    }

    @Transactional(readOnly = true)
    public Optional<ModelInfo> model(String key) {
        return key == null ? Optional.empty() : models.findByKey(key).map(MlModel::info);
    }

    /** Each catalogued model's product line, for the calendar's filters and scoped windows. */
    @Transactional(readOnly = true)
    public Map<String, ModelInfo> modelsByKey() {
        return models.findAll().stream()
                .map(MlModel::info)
                .collect(Collectors.toMap(ModelInfo::key, Function.identity()));
    }

    @Transactional
    public ModelInfo saveModel(String existing, ModelInfo change) {
        return saveModel(existing, change, null);
    }

    /** As {@link #saveModel(String, ModelInfo)}, on the decision log with who changed it. */
    @Transactional
    public ModelInfo saveModel(String existing, ModelInfo change, String by) {
        String name = required("name", change.name(), "Give the model a name.");
        String line = blankToNull(change.productLine());
        if (line != null && productLines.findByKey(line).isEmpty()) {
            throw new PlanningRejected(
                    "productLine",
                    "There is no product line '" + line + "'; create it first or choose another.");
        }
        if (!engineGroups.exists(change.ownerTeam())) {
            throw new PlanningRejected(
                    "ownerTeam",
                    "Owner team '"
                            + nullToEmpty(change.ownerTeam())
                            + "' does not exist; choose one of the teams.");
        }
        if (change.riskTier() == null) {
            throw new PlanningRejected("riskTier", "Choose a risk tier: low, medium or high.");
        }
        MlModel model =
                existing == null
                        ? new MlModel(
                                newKey(
                                        change.key(),
                                        models.findByKey(trimmed(change.key())).isPresent(),
                                        "model"))
                        : models.findByKey(existing)
                                .orElseThrow(
                                        () ->
                                                new PlanningRejected(
                                                        "key", "No model " + existing + "."));
        ModelInfo before = existing == null ? null : model.info();
        if (before != null && !java.util.Objects.equals(before.productLine(), line)) {
            windows.getObject().refuseEarlierDeploysOnMove(before.key(), line);
        }
        model.update(
                name,
                line,
                change.ownerTeam(),
                change.riskTier(),
                description(change.description()));
        ModelInfo after = models.save(model).info();
        logged("Model", after.key(), before == null, by, before, after);
        return after;
    }

    /**
     * A release of a model not yet in the catalogue puts it there, owned as the release is, without
     * a product line.
     */
    @Transactional
    public void catalogue(String modelKey, String ownerTeam, RiskTier riskTier) {
        if (models.findByKey(modelKey).isEmpty()) {
            MlModel model = new MlModel(modelKey);
            model.update(modelKey, null, ownerTeam, riskTier, null);
            models.save(model);
        }
    }

    // ---- helpers

    private static String newKey(String key, boolean taken, String what) {
        if (key == null || !KEY.matcher(key.trim()).matches()) {
            throw new PlanningRejected(
                    "key",
                    "The key must be 2–60 lower-case letters, digits or dashes, like fraud-scoring.");
        }
        if (taken) {
            throw new PlanningRejected(
                    "key", "There is already a " + what + " '" + key.trim() + "'.");
        }
        return key.trim();
    }

    private static String trimmed(String key) {
        return key == null ? null : key.trim();
    }

    static String required(String field, String value, String message) {
        if (value == null || value.isBlank()) {
            throw new PlanningRejected(field, message);
        }
        if (value.length() > 120) {
            throw new PlanningRejected(field, "Keep it under 120 characters.");
        }
        return value.trim();
    }

    private static String description(String value) {
        if (value != null && value.length() > 1000) {
            throw new PlanningRejected(
                    "description", "Keep the description under 1,000 characters.");
        }
        return blankToNull(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
