package dev.almanac.identity;

import java.util.Optional;
import java.util.Set;

/**
 * Looks up who owns a subject, for the policy. The modules that own releases, models and
 * dependencies each provide one; identity depends on none of them.
 */
public interface SubjectDirectory {

    /** The kind of subject this directory knows. */
    SubjectKind kind();

    Optional<Subject> find(String id);

    /**
     * The product lines the given engine groups (teams) belong to; only the catalog's directory
     * knows them, the others answer nothing.
     */
    default Set<String> productLinesOf(Set<String> teams) {
        return Set.of();
    }
}
