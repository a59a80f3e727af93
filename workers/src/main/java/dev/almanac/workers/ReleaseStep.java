package dev.almanac.workers;

import java.util.Map;

/**
 * One automated step of a release, bound to an external-task topic. A handler reads the release's
 * variables, calls one service and says how the step ended. A technical failure is an exception:
 * the runner retries it with back-off and raises an incident when retries run out.
 */
public interface ReleaseStep {

    String topic();

    Outcome run(Work work) throws Exception;

    /** The release and the variables the step can read. */
    record Work(String releaseKey, Map<String, Object> variables) {

        public String string(String name) {
            Object value = variables.get(name);
            return value == null ? null : value.toString();
        }

        public Double number(String name) {
            Object value = variables.get(name);
            if (value == null) {
                return null;
            }
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            return Double.valueOf(value.toString());
        }
    }

    sealed interface Outcome permits Completed, BusinessError {}

    /** The step did its job; the variables go to the release. */
    record Completed(Map<String, Object> variables) implements Outcome {}

    /** The step found a business reason to leave the happy path; the BPMN decides what follows. */
    record BusinessError(String errorCode, String message, Map<String, Object> variables)
            implements Outcome {}
}
