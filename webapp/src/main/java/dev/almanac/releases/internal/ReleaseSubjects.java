package dev.almanac.releases.internal;

import dev.almanac.identity.Subject;
import dev.almanac.identity.SubjectDirectory;
import dev.almanac.identity.SubjectKind;
import dev.almanac.planning.PlanningCatalog;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells the policy who owns a release: its owner team, on the product line of its model as the
 * catalog has it.
 */
@Component
class ReleaseSubjects implements SubjectDirectory {

    private final ReleasePlanRepository plans;
    private final PlanningCatalog catalog;

    ReleaseSubjects(ReleasePlanRepository plans, PlanningCatalog catalog) {
        this.plans = plans;
        this.catalog = catalog;
    }

    @Override
    public SubjectKind kind() {
        return SubjectKind.RELEASE;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Subject> find(String key) {
        return plans.findByKey(key)
                .map(
                        plan ->
                                new Subject(
                                        plan.getModel(),
                                        catalog.model(plan.getModel())
                                                .map(PlanningCatalog.ModelInfo::productLine)
                                                .orElse(null),
                                        plan.getOwnerTeam()));
    }
}
