package dev.almanac.communications.notices;

import dev.almanac.operations.Sampled;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The outbox for operators: deliveries waiting to be sent, and those that gave up. */
@Component
class OutboxMetrics {

    OutboxMetrics(DeliveryRepository deliveries, MeterRegistry meters) {
        Sampled.gauge(
                meters,
                "almanac.outbox.backlog",
                "Deliveries waiting to be sent (pending or being sent)",
                () ->
                        deliveries.countByStatus(DeliveryRow.Status.PENDING)
                                + deliveries.countByStatus(DeliveryRow.Status.SENDING));
        Sampled.gauge(
                meters,
                "almanac.deliveries.failed",
                "Deliveries that failed after their last attempt",
                () -> deliveries.countByStatus(DeliveryRow.Status.FAILED));
    }
}
