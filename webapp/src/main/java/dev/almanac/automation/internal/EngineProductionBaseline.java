package dev.almanac.automation.internal;

import static dev.almanac.processes.ModelRelease.Variables.ACCURACY;
import static dev.almanac.processes.ModelRelease.Variables.MODEL;
import static dev.almanac.processes.ModelRelease.Variables.RELEASE_OUTCOME;

import java.util.OptionalDouble;

import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

import dev.almanac.processes.ModelRelease;
import dev.almanac.workers.ProductionBaseline;

/** The production model is the latest release of the same model that deployed and stayed healthy. */
@Component
class EngineProductionBaseline implements ProductionBaseline {

    private final HistoryService history;

    EngineProductionBaseline(HistoryService history) {
        this.history = history;
    }

    @Override
    public OptionalDouble accuracyOf(String model, String excludingReleaseKey) {
        for (HistoricProcessInstance release : history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(ModelRelease.PROCESS_ID)
                .variableValueEquals(MODEL, model)
                .variableValueEquals(RELEASE_OUTCOME, "deployed")
                .orderByProcessInstanceStartTime().desc()
                .listPage(0, 5)) {
            if (release.getBusinessKey() != null && release.getBusinessKey().equals(excludingReleaseKey)) {
                continue;
            }
            var accuracy = history.createHistoricVariableInstanceQuery().processInstanceId(release.getId()).variableName(ACCURACY).list();
            if (!accuracy.isEmpty() && accuracy.get(0).getValue() instanceof Number n) {
                return OptionalDouble.of(n.doubleValue());
            }
        }
        return OptionalDouble.empty();
    }
}
