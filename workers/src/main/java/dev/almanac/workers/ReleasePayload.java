package dev.almanac.workers;

import static dev.almanac.processes.ModelRelease.Variables.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON a release is posted as to training and deploy webhooks. */
final class ReleasePayload {

    private static final List<String> FIELDS =
            List.of(
                    MODEL,
                    VERSION,
                    LANE,
                    RISK_TIER,
                    OWNER_TEAM,
                    DATA_FEEDS,
                    TRAINING_RUN_ID,
                    MODEL_URI);

    private ReleasePayload() {}

    static Map<String, Object> of(String action, ReleaseStep.Work work) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        body.put("releaseKey", work.releaseKey());
        for (String field : FIELDS) {
            if (work.variables().get(field) != null) {
                body.put(field, work.variables().get(field));
            }
        }
        return body;
    }
}
