package dev.almanac.releases;

import java.util.List;
import java.util.Map;

/**
 * Everything the release page shows: the plan, where it is, the steps taken and the recorded
 * variables.
 */
public record ReleaseDetail(
        ReleaseSummary summary,
        String procedureVersion,
        List<TakenStep> steps,
        Map<String, Object> variables) {}
