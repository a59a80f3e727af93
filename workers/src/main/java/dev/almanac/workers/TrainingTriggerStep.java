package dev.almanac.workers;

import static dev.almanac.processes.ModelRelease.Variables.TRAINING_RUN_ID;

import java.net.URI;
import java.util.Map;

import dev.almanac.processes.ModelRelease;

/** Posts the release to the training pipeline's webhook; the pipeline later sends {@code training-finished}. */
public class TrainingTriggerStep implements ReleaseStep {

    private final JsonHttp http;
    private final URI webhook;

    public TrainingTriggerStep(JsonHttp http, URI webhook) {
        this.http = http;
        this.webhook = webhook;
    }

    @Override
    public String topic() {
        return ModelRelease.Topics.TRAINING_TRIGGER;
    }

    @Override
    public Outcome run(Work work) throws Exception {
        Map<String, Object> answer = http.post(webhook, ReleasePayload.of("train", work)).requireOk().json();
        Object runId = answer.getOrDefault("runId", "");
        return new Completed(Map.of(TRAINING_RUN_ID, runId.toString()));
    }
}
