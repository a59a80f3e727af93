package dev.almanac.processes;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What Almanac's modules hear from a running procedure. {@link ProcedureSignals} calls every
 * listener inside the engine's transaction, so whatever a listener writes commits or rolls back
 * with the step, and a listener that throws refuses the step: nothing of it is kept. Listeners see
 * plain values, never engine types; {@link #properties()}-style maps are the element's {@code
 * operaton:property} extension properties (see {@link ModelRelease} for their names).
 */
public interface ProcedureListener {

    /** A user task was created: someone has to act. */
    default void taskCreated(Task task) {}

    /** A user task is being completed; throwing refuses the completion. */
    default void taskCompleting(Task task) {}

    /** An activity with extension properties started. */
    default void stepStarted(Step step) {}

    /** An activity with extension properties ended. */
    default void stepEnded(Step step) {}

    /**
     * The release leaves a business rule task with extension properties: its decision's outputs are
     * set.
     */
    default void decisionTaken(Step decision) {}

    /** A moment in a release's process at one activity. */
    interface Step {

        String releaseKey();

        String processInstanceId();

        String activityId();

        /** The activity's name, or its id when it has none. */
        String activityName();

        String activityInstanceId();

        Map<String, String> properties();

        Object variable(String name);
    }

    /** A user task of a release, as the task list shows it. */
    interface Task {

        String releaseKey();

        String taskId();

        String name();

        /** Null when the task has no due date. */
        Instant due();

        List<String> candidateGroups();

        Map<String, String> properties();

        /**
         * Who acts: the signed-in person whose call completes the task, else its assignee (null for
         * neither).
         */
        String actor();

        Object variable(String name);

        void setVariable(String name, Object value);
    }
}
