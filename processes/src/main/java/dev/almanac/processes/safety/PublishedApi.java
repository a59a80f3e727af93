package dev.almanac.processes.safety;

import dev.almanac.processes.ReleaseTiming;
import dev.almanac.processes.UpstreamReadiness;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a procedure's expressions may reach, and nothing more: the published beans and their
 * methods, the {@code execution} (or {@code task}) for reading and writing variables, the engine's
 * functions ({@code now()}, {@code dateTime()}, {@code currentUser()}, {@code
 * currentUserGroups()}), and plain values (text, numbers, dates, lists, maps and decision results).
 * The deployment review checks expressions against it before anything runs, and the engine's
 * expression manager refuses everything else when an expression runs, so a procedure deployed
 * before the review, or written into the database by hand, cannot reach the JVM either.
 */
public final class PublishedApi {

    /** The beans a procedure may call, by the name its expressions use, and their types. */
    public static final Map<String, Class<?>> BEANS =
            Map.of(
                    ReleaseTiming.BEAN_NAME, ReleaseTiming.class,
                    UpstreamReadiness.BEAN_NAME, UpstreamReadiness.class);

    /** The execution or task an expression runs in: only its variables and a few of its facts. */
    static final Set<String> CONTEXTS = Set.of("execution", "task");

    static final Set<String> CONTEXT_METHODS =
            Set.of(
                    "getVariable",
                    "getVariableLocal",
                    "hasVariable",
                    "hasVariableLocal",
                    "setVariable",
                    "setVariableLocal",
                    "getVariables",
                    "getVariablesLocal",
                    "getProcessBusinessKey",
                    "getBusinessKey",
                    "getCurrentActivityId",
                    "getEventName",
                    "getName",
                    "getAssignee",
                    "getTaskDefinitionKey");

    static final Set<String> CONTEXT_PROPERTIES =
            Set.of(
                    "id",
                    "processInstanceId",
                    "processDefinitionId",
                    "processBusinessKey",
                    "businessKey",
                    "currentActivityId",
                    "currentActivityName",
                    "activityInstanceId",
                    "eventName",
                    "name",
                    "description",
                    "assignee",
                    "owner",
                    "priority",
                    "dueDate",
                    "followUpDate",
                    "createTime",
                    "taskDefinitionKey",
                    "tenantId",
                    "variables",
                    "variablesLocal");

    /** Methods of plain values: lists, maps, decision results, text and numbers. */
    static final Set<String> VALUE_METHODS =
            Set.of(
                    "get",
                    "getOrDefault",
                    "containsKey",
                    "containsValue",
                    "contains",
                    "isEmpty",
                    "size",
                    "getSingleResult",
                    "getFirstResult",
                    "getResultList",
                    "getSingleEntry",
                    "getFirstEntry",
                    "collectEntries",
                    "getEntry",
                    "getEntryMap",
                    "length",
                    "startsWith",
                    "endsWith",
                    "equals",
                    "equalsIgnoreCase",
                    "toLowerCase",
                    "toUpperCase",
                    "trim",
                    "substring",
                    "indexOf",
                    "toString",
                    "compareTo",
                    "intValue",
                    "longValue",
                    "doubleValue",
                    "booleanValue");

    /** Methods of dates, times and durations (java.time, java.util.Date, Joda-Time). */
    static final Pattern TIME_METHODS =
            Pattern.compile(
                    "is(Before|After|Equal)|(plus|minus|with)[A-Z][A-Za-z]*|plus|minus"
                            + "|to(Date|Instant|LocalDate|LocalDateTime|DateTime|EpochMilli|Days|Hours|Minutes|Seconds|Millis|String)"
                            + "|get(Millis|Time|Year|MonthValue|MonthOfYear|DayOfMonth|DayOfWeek|HourOfDay|Hour|Minute|MinuteOfHour|Second)"
                            + "|compareTo|equals");

    /** The engine's expression functions. */
    static final Set<String> FUNCTIONS =
            Set.of("now", "dateTime", "currentUser", "currentUserGroups");

    /** Never reachable, whatever the object: the doors to reflection and class loading. */
    static final Set<String> NEVER =
            Set.of("class", "getClass", "declaringClass", "classLoader", "getClassLoader");

    private PublishedApi() {}

    /** The methods of each published bean, read once: the guard asks on every call. */
    private static final Map<String, Set<String>> METHODS =
            BEANS.entrySet().stream()
                    .collect(
                            Collectors.toUnmodifiableMap(
                                    Map.Entry::getKey,
                                    bean ->
                                            Arrays.stream(bean.getValue().getMethods())
                                                    .filter(
                                                            m ->
                                                                    !Modifier.isStatic(
                                                                            m.getModifiers()))
                                                    .filter(
                                                            m ->
                                                                    m.getDeclaringClass()
                                                                            != Object.class)
                                                    .map(Method::getName)
                                                    .collect(
                                                            Collectors.toCollection(
                                                                    TreeSet::new))));

    /** The methods of a published bean an expression may call. */
    public static Set<String> methodsOf(String bean) {
        return METHODS.getOrDefault(bean, Set.of());
    }

    /** Whether a value-like object may have this method called (runtime rule). */
    static boolean valueMethod(Object base, String method) {
        if (NEVER.contains(method)) {
            return false;
        }
        if (base instanceof Map<?, ?>
                || base instanceof Collection<?>
                || base.getClass().isArray()) {
            return VALUE_METHODS.contains(method);
        }
        if (base instanceof CharSequence || base instanceof Number || base instanceof Boolean) {
            return VALUE_METHODS.contains(method);
        }
        if (isTime(base)) {
            return TIME_METHODS.matcher(method).matches() || "toString".equals(method);
        }
        return false;
    }

    static boolean isTime(Object base) {
        if (base instanceof java.time.temporal.TemporalAccessor
                || base instanceof java.time.temporal.TemporalAmount
                || base instanceof java.util.Date) {
            return true;
        }
        String name = base.getClass().getName();
        return name.startsWith("org.joda.time.") && !name.contains("Chronology");
    }

    /** For the deployment review, where only the names are known: any value's methods. */
    static boolean anyValueMethod(String method) {
        return !NEVER.contains(method)
                && (VALUE_METHODS.contains(method) || TIME_METHODS.matcher(method).matches());
    }
}
