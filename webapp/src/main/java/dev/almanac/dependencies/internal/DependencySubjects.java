package dev.almanac.dependencies.internal;

import dev.almanac.identity.AccessPolicy;
import dev.almanac.identity.Subject;
import dev.almanac.identity.SubjectDirectory;
import dev.almanac.identity.SubjectKind;
import java.util.Optional;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A dependency belongs to its downstream release: whoever owns that release owns the edge. */
@Component
class DependencySubjects implements SubjectDirectory {

    private final ReleaseDependencyRepository dependencies;
    private final AccessPolicy policy;

    DependencySubjects(ReleaseDependencyRepository dependencies, @Lazy AccessPolicy policy) {
        this.dependencies = dependencies;
        this.policy = policy;
    }

    @Override
    public SubjectKind kind() {
        return SubjectKind.DEPENDENCY;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Subject> find(String id) {
        long key;
        try {
            key = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return dependencies
                .findById(key)
                .flatMap(d -> policy.subject(SubjectKind.RELEASE, d.downstreamRelease));
    }
}
