package dev.almanac.planning.internal;

import dev.almanac.identity.Subject;
import dev.almanac.identity.SubjectDirectory;
import dev.almanac.identity.SubjectKind;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tells the policy who owns a model and which product lines a team works on. */
@Component
class CatalogSubjects implements SubjectDirectory {

    private final MlModelRepository models;
    private final TeamRepository teams;

    CatalogSubjects(MlModelRepository models, TeamRepository teams) {
        this.models = models;
        this.teams = teams;
    }

    @Override
    public SubjectKind kind() {
        return SubjectKind.MODEL;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Subject> find(String key) {
        return models.findByKey(key)
                .map(MlModel::info)
                .map(m -> new Subject(m.key(), m.productLine(), m.ownerTeam()));
    }

    @Override
    @Transactional(readOnly = true)
    public Set<String> productLinesOf(Set<String> engineGroups) {
        Set<String> lines = new HashSet<>();
        for (Team team : teams.findByEngineGroupIn(engineGroups)) {
            lines.addAll(team.info().productLines());
        }
        return lines;
    }
}
