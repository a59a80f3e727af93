package dev.almanac.identity;

import java.util.Set;

/**
 * A caller that is not a person but a program with a scope, like a pipeline token: it may act on
 * the models it names and on every model of the product lines it names; with neither, on all.
 */
public interface ScopedCaller extends java.security.Principal {

    String name();

    /** How the caller appears in records: {@code pipeline:<name>}. */
    @Override
    default String getName() {
        return "pipeline:" + name();
    }

    Set<String> models();

    Set<String> productLines();

    default boolean covers(Subject subject) {
        if (models().isEmpty() && productLines().isEmpty()) {
            return true;
        }
        return models().contains(subject.model())
                || (subject.productLine() != null
                        && productLines().contains(subject.productLine()));
    }
}
