package dev.almanac;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    /** The app's features; processes, forms, workers and projection are libraries of their own Maven modules. */
    static final ApplicationModules MODULES = ApplicationModules.of(AlmanacApplication.class,
            resideInAnyPackage("dev.almanac.processes..", "dev.almanac.workers..", "dev.almanac.projection..", "dev.almanac.forms.."));

    @Test
    void featuresOnlyUseEachOthersPublicFacades() {
        MODULES.verify();
    }
}
