package dev.almanac.workers;

import java.time.Duration;

/**
 * How often a technical failure is retried, and how long to wait between tries (doubling each
 * time).
 */
public record RetryPolicy(int retries, Duration firstBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more");
        }
    }

    /**
     * Retries left after a failure, given what was left before it ({@code null} on the first
     * failure).
     */
    public int retriesLeftAfterFailure(Integer retriesBefore) {
        int before = retriesBefore == null ? retries : retriesBefore;
        return Math.max(0, before - 1);
    }

    /** Back-off before the next try, doubling with every retry used. */
    public Duration backoff(int retriesLeft) {
        int used = Math.max(0, retries - retriesLeft - 1);
        Duration wait = firstBackoff.multipliedBy(1L << Math.min(used, 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
