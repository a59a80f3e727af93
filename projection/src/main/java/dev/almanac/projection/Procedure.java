package dev.almanac.projection;

import java.util.List;

/**
 * One deployed version of a procedure, read from its BPMN model.
 *
 * @param id the process definition id (one per deployed version)
 * @param steps its activities in a topological order of the expected path, detours after
 * @param targetActivity the activity whose end the release's target date is about (deploy)
 */
public record Procedure(String id, List<Step> steps, String targetActivity) {

    public Procedure {
        steps = List.copyOf(steps);
    }
}
