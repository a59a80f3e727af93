package dev.almanac.workers;

import static dev.almanac.processes.ModelRelease.Variables.MODEL;
import static dev.almanac.processes.ModelRelease.Variables.TRAINING_RUN_ID;

import dev.almanac.processes.ModelRelease;
import dev.almanac.workers.integrations.Integrations;
import java.time.Clock;
import java.util.Map;

/**
 * Posts the release to its model's training webhook; the pipeline later sends {@code
 * training-finished}.
 */
public class TrainingTriggerStep implements ReleaseStep {

    private final Integrations integrations;
    private final Clock clock;

    private final Outbound outbound;

    public TrainingTriggerStep(Integrations integrations, Clock clock, Outbound outbound) {
        this.outbound = outbound;
        this.integrations = integrations;
        this.clock = clock;
    }

    @Override
    public String topic() {
        return ModelRelease.Topics.TRAINING_TRIGGER;
    }

    @Override
    public Outcome run(Work work) throws Exception {
        Map<String, Object> answer =
                integrations
                        .trainingFor(work.string(MODEL))
                        .webhook(clock, outbound)
                        .post(ReleasePayload.of("train", work));
        return new Completed(
                Map.of(TRAINING_RUN_ID, String.valueOf(answer.getOrDefault("runId", ""))));
    }
}
