package dev.almanac.processes;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a message the procedure catches may carry: the BPMN declares it on the receive task or catch
 * event as the extension property {@value #PROPERTY}, for example {@code accuracy:number,
 * latencyP95Ms:number, modelUri:string}. A pipeline event with any other variable is refused; a
 * message that declares nothing carries no variables. The procedure's own variables (the plan,
 * gates, decisions) may not be declared: a pipeline must not set them.
 */
public final class MessageContract {

    /** The extension property of a message catch that lists its variables. */
    public static final String PROPERTY = "variables";

    /** The types a declared variable can have. */
    public enum Type {
        STRING,
        NUMBER,
        BOOLEAN;

        public boolean admits(Object value) {
            return value == null
                    || switch (this) {
                        case STRING -> value instanceof String;
                        case NUMBER -> value instanceof Number;
                        case BOOLEAN -> value instanceof Boolean;
                    };
        }

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    /**
     * What pipelines report; every other variable of {@link ModelRelease.Variables} is Almanac's.
     */
    public static final Set<String> REPORTABLE =
            Set.of(
                    ModelRelease.Variables.ACCURACY,
                    ModelRelease.Variables.LATENCY_P95_MS,
                    ModelRelease.Variables.MODEL_URI,
                    ModelRelease.Variables.TRAINING_RUN_ID);

    /** The procedure's own variables: the plan, gates, decisions, overrides, outcomes. */
    public static final Set<String> RESERVED = reserved();

    private MessageContract() {}

    /**
     * The declared variables, in declaration order.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    public static Map<String, Type> parse(String declaration) {
        Map<String, Type> variables = new LinkedHashMap<>();
        if (declaration == null || declaration.isBlank()) {
            return variables;
        }
        for (String part : declaration.split(",")) {
            String item = part.trim();
            int colon = item.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(
                        "'" + item + "' needs a type: name:string, name:number or name:boolean");
            }
            String name = item.substring(0, colon).trim();
            String type = item.substring(colon + 1).trim().toUpperCase(Locale.ROOT);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "'"
                                + name
                                + "' is not a variable name (a letter or _, then letters, digits or _)");
            }
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException(
                        "'"
                                + name
                                + "' is the release's own variable; a pipeline event may not set it");
            }
            Type parsed;
            try {
                parsed = Type.valueOf(type);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "'" + item + "' has no type string, number or boolean");
            }
            if (variables.put(name, parsed) != null) {
                throw new IllegalArgumentException("'" + name + "' is declared twice");
            }
        }
        return Collections.unmodifiableMap(variables);
    }

    /**
     * What each message the procedure catches may carry: for every receive task and message catch
     * event, its declared variables (a message caught in several places may carry what any of them
     * declares).
     */
    public static Map<String, Map<String, Type>> of(
            org.operaton.bpm.model.bpmn.BpmnModelInstance procedure) {
        Map<String, Map<String, Type>> contracts = new java.util.TreeMap<>();
        for (org.operaton.bpm.model.bpmn.instance.ReceiveTask task :
                procedure.getModelElementsByType(
                        org.operaton.bpm.model.bpmn.instance.ReceiveTask.class)) {
            add(contracts, task.getMessage(), task);
        }
        for (org.operaton.bpm.model.bpmn.instance.MessageEventDefinition definition :
                procedure.getModelElementsByType(
                        org.operaton.bpm.model.bpmn.instance.MessageEventDefinition.class)) {
            if (definition.getParentElement()
                    instanceof org.operaton.bpm.model.bpmn.instance.CatchEvent event) {
                add(contracts, definition.getMessage(), event);
            }
        }
        return contracts;
    }

    private static void add(
            Map<String, Map<String, Type>> contracts,
            org.operaton.bpm.model.bpmn.instance.Message message,
            org.operaton.bpm.model.bpmn.instance.BaseElement catcher) {
        if (message == null || message.getName() == null) {
            return;
        }
        Map<String, Type> declared =
                parse(DefaultReleaseTiming.property(catcher, PROPERTY).orElse(null));
        contracts.computeIfAbsent(message.getName(), m -> new LinkedHashMap<>()).putAll(declared);
    }

    private static Set<String> reserved() {
        Set<String> names = new TreeSet<>();
        for (Field field : ModelRelease.Variables.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        names.removeAll(REPORTABLE);
        return Set.copyOf(names);
    }
}
