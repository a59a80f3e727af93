package dev.almanac.releases.internal;

import dev.almanac.planning.PlanningCatalog;
import dev.almanac.releases.ReleaseFilter;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The release list's one query: our plans filtered and paged in the database. Where a filter is
 * about where a release is (running, ended, at a step), the query asks the engine's runtime table
 * {@code ACT_RU_EXECUTION} in the same statement, so the engine stays the truth about execution and
 * the page is still one query.
 */
@Component
public class ReleaseLists {

    private final EntityManager entities;
    private final PlanningCatalog catalog;

    ReleaseLists(EntityManager entities, PlanningCatalog catalog) {
        this.entities = entities;
        this.catalog = catalog;
    }

    /** Up to {@code limit} plans from {@code offset}, in target-date order. */
    @SuppressWarnings("unchecked")
    public List<ReleasePlan> find(ReleaseFilter filter, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT p.* FROM release_plan p WHERE 1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (filter.model() != null) {
            sql.append(" AND p.model = :model");
            parameters.put("model", filter.model());
        }
        Set<String> models = models(filter);
        if (models != null) {
            if (models.isEmpty()) {
                return List.of();
            }
            sql.append(" AND p.model IN (:models)");
            parameters.put("models", new ArrayList<>(models));
        }
        if (filter.lane() != null) {
            sql.append(" AND p.lane = :lane");
            parameters.put("lane", filter.lane().name());
        }
        if (filter.ownerTeam() != null) {
            sql.append(" AND p.owner_team = :ownerTeam");
            parameters.put("ownerTeam", filter.ownerTeam());
        }
        String running =
                "EXISTS (SELECT 1 FROM ACT_RU_EXECUTION e WHERE e.PROC_INST_ID_ ="
                        + " p.process_instance_id";
        if (filter.status() != null) {
            switch (filter.status()) {
                case PLANNED -> sql.append(" AND p.process_instance_id IS NULL");
                case RUNNING -> sql.append(" AND ").append(running).append(")");
                case ENDED ->
                        sql.append(" AND p.process_instance_id IS NOT NULL AND NOT ")
                                .append(running)
                                .append(")");
            }
        }
        if (filter.step() != null) {
            sql.append(" AND ").append(running).append(" AND e.ACT_ID_ = :step)");
            parameters.put("step", filter.step());
        }
        sql.append(" ORDER BY p.target_date, p.release_key LIMIT :limit OFFSET :offset");
        parameters.put("limit", limit);
        parameters.put("offset", offset);
        Query query = entities.createNativeQuery(sql.toString(), ReleasePlan.class);
        parameters.forEach(query::setParameter);
        return query.getResultList();
    }

    /** The models the filter allows: its product line's and its scope's, or null for any. */
    private Set<String> models(ReleaseFilter filter) {
        Set<String> models = filter.scope() == null ? null : Set.copyOf(filter.scope());
        if (filter.productLine() != null) {
            Set<String> ofLine =
                    catalog.models().stream()
                            .filter(m -> filter.productLine().equals(m.productLine()))
                            .map(PlanningCatalog.ModelInfo::key)
                            .collect(Collectors.toSet());
            if (models != null) {
                ofLine.retainAll(models);
            }
            models = ofLine;
        }
        return models;
    }
}
