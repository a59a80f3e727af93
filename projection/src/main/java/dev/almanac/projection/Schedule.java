package dev.almanac.projection;

import java.time.Instant;
import java.util.List;

/**
 * The projector's output: every release's projected steps, in the snapshot's release order, and
 * what could not be honoured.
 */
public record Schedule(
        Instant now, List<ProjectedRelease> releases, List<Conflict> conflicts, int samples) {}
