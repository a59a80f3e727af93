package dev.almanac.workers;

import static dev.almanac.processes.ModelRelease.Variables.DEPLOYMENT_ID;

import java.net.URI;
import java.util.Map;

import dev.almanac.processes.ModelRelease;

/** Posts the release to the deploy webhook (the serving platform or CD pipeline). */
public class DeployStep implements ReleaseStep {

    private final JsonHttp http;
    private final URI webhook;

    public DeployStep(JsonHttp http, URI webhook) {
        this.http = http;
        this.webhook = webhook;
    }

    @Override
    public String topic() {
        return ModelRelease.Topics.DEPLOY;
    }

    @Override
    public Outcome run(Work work) throws Exception {
        Map<String, Object> answer = http.post(webhook, ReleasePayload.of("deploy", work)).requireOk().json();
        return new Completed(Map.of(DEPLOYMENT_ID, answer.getOrDefault("deploymentId", "").toString()));
    }
}
