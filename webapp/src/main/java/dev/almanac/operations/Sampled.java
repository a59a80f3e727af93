package dev.almanac.operations;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value for a gauge that costs a query: read at most once per period, however often Prometheus
 * scrapes.
 */
public final class Sampled<T> {

    private final Supplier<T> read;
    private final long everyNanos;
    private volatile T value;
    private volatile long readAt;

    public Sampled(Supplier<T> read, Duration every) {
        this.read = read;
        this.everyNanos = every.toNanos();
    }

    public synchronized T get() {
        long now = System.nanoTime();
        if (value == null || now - readAt > everyNanos) {
            value = read.get();
            readAt = now;
        }
        return value;
    }

    /** Registers a gauge whose value is read at most every 15 seconds. */
    public static void gauge(
            io.micrometer.core.instrument.MeterRegistry meters,
            String name,
            String description,
            Supplier<? extends Number> read) {
        Sampled<? extends Number> sampled = new Sampled<>(read, Duration.ofSeconds(15));
        io.micrometer.core.instrument.Gauge.builder(name, sampled, Sampled::number)
                .description(description)
                .register(meters);
    }

    /** A gauge's number: the sampled value, or NaN while it cannot be read. */
    public static double number(Sampled<? extends Number> sampled) {
        try {
            return sampled.get().doubleValue();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
