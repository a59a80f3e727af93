package dev.almanac.projection;

import java.time.Instant;
import java.util.List;

/**
 * One release on the calendar.
 *
 * @param key the release key
 * @param steps every expected-path step (done, active, planned) and any active detour
 * @param targetEnd projected end of the target activity (deploy)
 * @param targetP50 its median over the samples (equals targetEnd when not simulated)
 * @param targetP90 its 90th percentile (equals targetEnd when not simulated)
 * @param onTargetProbability share of samples ending by the target date (1 or 0 when not simulated;
 *     1 without target)
 * @param outlook on track, at risk, late or done
 * @param distribution the simulated target-end distribution; null when not simulated
 */
public record ProjectedRelease(
        String key,
        List<ProjectedStep> steps,
        Instant targetEnd,
        Instant targetP50,
        Instant targetP90,
        double onTargetProbability,
        Outlook outlook,
        Histogram distribution) {}
