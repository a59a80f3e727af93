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
 * about where a release is (running, ended, at a step), the query asks the engine's tables ({@code
 * ACT_RU_EXECUTION}, {@code ACT_HI_PROCINST}) in the same statement, so the engine stays the truth
 * about execution and the page is still one query.
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
        // semi-joins on the engine's table (not correlated EXISTS): on MySQL its ids are utf8mb3
        // and
        // ours utf8mb4, and a correlated comparison across the two cannot use the index
        String instances =
                "SELECT e.PROC_INST_ID_ FROM ACT_RU_EXECUTION e WHERE e.ID_ = e.PROC_INST_ID_";
        if (filter.status() != null) {
            switch (filter.status()) {
                case PLANNED -> sql.append(" AND p.process_instance_id IS NULL");
                case RUNNING ->
                        sql.append(" AND p.process_instance_id IN (").append(instances).append(")");
                // an anti-join across the two collations takes seconds: ask the engine's history,
                // which keeps when each release ended (a cancelled one included)
                case ENDED ->
                        sql.append(
                                " AND p.process_instance_id IN (SELECT h.PROC_INST_ID_ FROM"
                                        + " ACT_HI_PROCINST h WHERE h.END_TIME_ IS NOT NULL)");
            }
        }
        if (filter.step() != null) {
            sql.append(
                    " AND p.process_instance_id IN (SELECT e.PROC_INST_ID_ FROM ACT_RU_EXECUTION e"
                            + " WHERE e.ACT_ID_ = :step)");
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
