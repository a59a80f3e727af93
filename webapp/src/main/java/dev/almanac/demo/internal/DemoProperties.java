package dev.almanac.demo.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How quickly the simulated pipeline answers in the demo. */
@ConfigurationProperties("almanac.demo")
record DemoProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("20s") Duration dataReadyAfter,
        @DefaultValue("40s") Duration trainingTakes) {}
