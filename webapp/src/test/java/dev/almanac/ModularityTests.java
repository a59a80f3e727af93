package dev.almanac;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    @Test
    void featuresOnlyUseEachOthersPublicFacades() {
        ApplicationModules.of(AlmanacApplication.class).verify();
    }
}
