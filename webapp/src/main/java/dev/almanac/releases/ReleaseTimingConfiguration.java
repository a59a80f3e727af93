package dev.almanac.releases;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.almanac.processes.DefaultReleaseTiming;
import dev.almanac.processes.ReleaseTiming;

@Configuration(proxyBeanMethods = false)
class ReleaseTimingConfiguration {

    /** Named as the BPMN expressions call it: {@code ${releaseTiming.nextReleaseWindow(execution)}}. */
    @Bean(ReleaseTiming.BEAN_NAME)
    ReleaseTiming releaseTiming(ReleaseTimingProperties properties) {
        return new DefaultReleaseTiming(properties.window(), properties.monitoringPeriod(), properties.retrospectiveDelay());
    }
}
