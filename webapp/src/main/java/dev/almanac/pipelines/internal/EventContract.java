package dev.almanac.pipelines.internal;

import static dev.almanac.processes.ModelRelease.Variables.ACCURACY;
import static dev.almanac.processes.ModelRelease.Variables.LATENCY_P95_MS;
import static dev.almanac.processes.ModelRelease.Variables.MODEL_URI;

import dev.almanac.pipelines.web.PipelineProblem;
import dev.almanac.processes.ModelRelease;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * What an event must look like before it may touch a release: an event id, a type, and variables
 * that are plain values with names the process can use. Events the procedure relies on carry what
 * the next step reads (training-finished: accuracy, latency and the model's URI).
 */
public final class EventContract {

    static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:/@-]{1,200}");
    static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    static final int MAX_VARIABLES = 50;
    static final int MAX_STRING = 4000;

    /** What pipelines report: the training run's results. Everything else the procedure keeps. */
    static final Set<String> REPORTED = dev.almanac.processes.MessageContract.REPORTABLE;

    /**
     * The procedure's own variables (the plan, gates, decisions, overrides, outcomes): an event may
     * not set them, or a token could change a release's risk tier or lane, the inputs of its gate.
     */
    static final Set<String> RESERVED = dev.almanac.processes.MessageContract.RESERVED;

    /** Messages Almanac sends itself: a freeze override is asked for on the release page. */
    static final Map<String, String> INTERNAL =
            Map.of(
                    ModelRelease.Messages.FREEZE_OVERRIDE_REQUESTED,
                    "a freeze override is asked for on the release page, by a person, with a reason",
                    ModelRelease.Messages.UPSTREAM_READY,
                    "Almanac sends it itself when an upstream step ends");

    private EventContract() {}

    public static void check(String type, String eventId, Map<String, Object> variables) {
        if (type == null || type.isBlank()) {
            throw bad("type", "Say which event this is in 'type', like \"training-finished\".");
        }
        if (eventId == null || eventId.isBlank()) {
            throw bad(
                    "eventId",
                    "Give every event a unique 'eventId' (your run id, say) so that a retry does not count twice.");
        }
        if (!EVENT_ID.matcher(eventId).matches()) {
            throw bad("eventId", "'eventId' must be 1–200 letters, digits or . _ : / @ -");
        }
        if (INTERNAL.containsKey(type)) {
            throw bad(
                    "type", "'" + type + "' is not a pipeline event: " + INTERNAL.get(type) + ".");
        }
        if (variables == null) {
            return;
        }
        if (variables.size() > MAX_VARIABLES) {
            throw bad("variables", "At most " + MAX_VARIABLES + " variables per event.");
        }
        for (var entry : variables.entrySet()) {
            String field = "variables." + entry.getKey();
            if (!VARIABLE.matcher(entry.getKey()).matches()) {
                throw bad(
                        field,
                        "Variable names start with a letter or _ and hold letters, digits or _ (at most 64).");
            }
            if (RESERVED.contains(entry.getKey())) {
                throw bad(
                        field,
                        "'"
                                + entry.getKey()
                                + "' belongs to the release itself (its plan, gates and decisions);"
                                + " an event may not set it. Pipelines report "
                                + String.join(", ", new TreeSet<>(REPORTED))
                                + " and values of their own.");
            }
            Object value = entry.getValue();
            if (value != null
                    && !(value instanceof String
                            || value instanceof Number
                            || value instanceof Boolean)) {
                throw bad(field, "Variables are plain values: text, numbers or true/false.");
            }
            if (value instanceof String text && text.length() > MAX_STRING) {
                throw bad(field, "Text values hold at most " + MAX_STRING + " characters.");
            }
        }
        if (ModelRelease.Messages.TRAINING_FINISHED.equals(type)) {
            requireNumber(variables, ACCURACY, 0, 1);
            requireNumber(variables, LATENCY_P95_MS, 0, 3_600_000);
            if (!(variables.get(MODEL_URI) instanceof String uri) || uri.isBlank()) {
                throw bad(
                        "variables." + MODEL_URI,
                        "training-finished carries the model artifact's URI in 'modelUri'.");
            }
        }
    }

    /** Refuses what the message does not declare, and values of another type than declared. */
    public static void checkDeclared(
            String type,
            Map<String, Object> variables,
            Map<String, dev.almanac.processes.MessageContract.Type> declared) {
        if (variables == null) {
            return;
        }
        for (var entry : variables.entrySet()) {
            String field = "variables." + entry.getKey();
            var expected = declared.get(entry.getKey());
            if (expected == null) {
                throw bad(
                        field,
                        "'"
                                + entry.getKey()
                                + "' is not a variable "
                                + type
                                + " carries; "
                                + (declared.isEmpty()
                                        ? "it carries none."
                                        : "it carries "
                                                + String.join(
                                                        ", ",
                                                        declared.entrySet().stream()
                                                                .map(
                                                                        d ->
                                                                                d.getKey()
                                                                                        + " ("
                                                                                        + d.getValue()
                                                                                                .value()
                                                                                        + ")")
                                                                .toList())
                                                + "."));
            }
            if (!expected.admits(entry.getValue())) {
                throw bad(
                        field,
                        "'" + entry.getKey() + "' is a " + expected.value() + " in " + type + ".");
            }
        }
    }

    private static final Pattern MODELS_URI = Pattern.compile("models:/([^/]+)/.*");

    /**
     * A {@code models:/<name>/<version>} URI must name the registered model the release deploys to:
     * a token for one model must not move another model's alias.
     */
    public static void checkModelUri(Map<String, Object> variables, String registeredModel) {
        if (variables == null || !(variables.get(MODEL_URI) instanceof String uri)) {
            return;
        }
        var m = MODELS_URI.matcher(uri.trim());
        if (m.matches() && !m.group(1).equals(registeredModel)) {
            throw bad(
                    "variables." + MODEL_URI,
                    "'"
                            + uri.trim()
                            + "' names registered model "
                            + m.group(1)
                            + ", but this release deploys to "
                            + registeredModel
                            + ".");
        }
    }

    private static void requireNumber(
            Map<String, Object> variables, String name, double min, double max) {
        if (!(variables.get(name) instanceof Number number)
                || number.doubleValue() < min
                || number.doubleValue() > max
                || Double.isNaN(number.doubleValue())) {
            throw bad(
                    "variables." + name,
                    "training-finished carries '"
                            + name
                            + "' as a number from "
                            + trim(min)
                            + " to "
                            + trim(max)
                            + ".");
        }
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static PipelineProblem bad(String field, String message) {
        return new PipelineProblem(HttpStatus.BAD_REQUEST, field, message);
    }
}
