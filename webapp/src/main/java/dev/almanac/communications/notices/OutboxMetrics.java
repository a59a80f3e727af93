package dev.almanac.communications.notices;

import dev.almanac.operations.Sampled;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** The outbox for operators: deliveries waiting to be sent, and those that gave up. */
@Component
class OutboxMetrics {

    OutboxMetrics(DeliveryRepository deliveries, MeterRegistry meters) {
        Sampled<Long> backlog =
                new Sampled<>(
                        () ->
                                deliveries.countByStatus(DeliveryRow.Status.PENDING)
                                        + deliveries.countByStatus(DeliveryRow.Status.SENDING),
                        Duration.ofSeconds(15));
        Sampled<Long> failed =
                new Sampled<>(
                        () -> deliveries.countByStatus(DeliveryRow.Status.FAILED),
                        Duration.ofSeconds(15));
        Gauge.builder("almanac.outbox.backlog", backlog, Sampled::number)
                .description("Deliveries waiting to be sent (pending or being sent)")
                .register(meters);
        Gauge.builder("almanac.deliveries.failed", failed, Sampled::number)
                .description("Deliveries that failed after their last attempt")
                .register(meters);
    }
}
