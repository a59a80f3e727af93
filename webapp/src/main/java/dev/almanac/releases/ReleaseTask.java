package dev.almanac.releases;

import java.time.Instant;
import java.util.List;

/** An open human step of a release: who may act on it and by when. */
public record ReleaseTask(
        String releaseKey,
        String taskId,
        String name,
        Instant due,
        String assignee,
        List<String> groups) {}
