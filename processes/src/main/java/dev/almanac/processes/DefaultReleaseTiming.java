package dev.almanac.processes;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.model.bpmn.instance.BaseElement;
import org.operaton.bpm.model.bpmn.instance.operaton.OperatonProperties;
import org.operaton.bpm.model.bpmn.instance.operaton.OperatonProperty;

/**
 * Timing from the procedure itself and a weekly release window. Deadlines come from each activity's
 * {@code plannedDuration}, so editing the BPMN moves them; the monitoring period and retrospective
 * delay can be set per release as variables. "Now" is the engine's clock.
 */
public class DefaultReleaseTiming implements ReleaseTiming {

    private final WeeklyReleaseWindow window;
    private final String defaultMonitoringPeriod;
    private final String defaultRetrospectiveDelay;
    private final Map<String, String> plannedDurations = new ConcurrentHashMap<>();

    public DefaultReleaseTiming(
            WeeklyReleaseWindow window,
            String defaultMonitoringPeriod,
            String defaultRetrospectiveDelay) {
        parseDuration(defaultMonitoringPeriod);
        parseDuration(defaultRetrospectiveDelay);
        this.window = window;
        this.defaultMonitoringPeriod = defaultMonitoringPeriod;
        this.defaultRetrospectiveDelay = defaultRetrospectiveDelay;
    }

    public DefaultReleaseTiming() {
        this(WeeklyReleaseWindow.WEEKDAYS_OFFICE_HOURS_UTC, "PT2H", "P14D");
    }

    @Override
    public Date deadline(DelegateExecution execution, String activityId) {
        String planned =
                plannedDurations.computeIfAbsent(
                        execution.getProcessDefinitionId() + "#" + activityId,
                        k -> plannedDurationOf(execution, activityId));
        return Date.from(now().plus(parseDuration(planned)));
    }

    @Override
    public Date nextReleaseWindow(DelegateExecution execution) {
        Instant overridden = freezeOverrideUntil(execution);
        if (overridden != null && now().isBefore(overridden)) {
            return Date.from(now());
        }
        return Date.from(window.nextOpening(now()));
    }

    /** Until when an approved freeze override lets this release deploy at once, or null. */
    public static Instant freezeOverrideUntil(DelegateExecution execution) {
        Object until = execution.getVariable(ModelRelease.Variables.FREEZE_OVERRIDE_UNTIL);
        return until instanceof Date date ? date.toInstant() : null;
    }

    @Override
    public void liftFreeze(DelegateExecution execution) {
        Instant until =
                OverrideExpiry.endOf(execution.getVariable(ModelRelease.Variables.OVERRIDE_EXPIRY));
        execution.setVariable(ModelRelease.Variables.FREEZE_OVERRIDE_UNTIL, Date.from(until));
        var management = execution.getProcessEngineServices().getManagementService();
        for (var job :
                management
                        .createJobQuery()
                        .processInstanceId(execution.getProcessInstanceId())
                        .timers()
                        .list()) {
            var definition =
                    management
                            .createJobDefinitionQuery()
                            .jobDefinitionId(job.getJobDefinitionId())
                            .singleResult();
            if (definition != null
                    && waitsForReleaseWindow(execution, definition.getActivityId())) {
                management.setJobDuedate(job.getId(), Date.from(now()));
            }
        }
    }

    private static boolean waitsForReleaseWindow(DelegateExecution execution, String activityId) {
        var element = execution.getBpmnModelInstance().getModelElementById(activityId);
        return element instanceof org.operaton.bpm.model.bpmn.instance.IntermediateCatchEvent event
                && event
                        .getChildElementsByType(
                                org.operaton.bpm.model.bpmn.instance.TimerEventDefinition.class)
                        .stream()
                        .anyMatch(
                                t ->
                                        t.getTimeDate() != null
                                                && t.getTimeDate()
                                                        .getTextContent()
                                                        .contains("nextReleaseWindow"));
    }

    @Override
    public String monitoringPeriod(DelegateExecution execution) {
        return variableOr(
                execution, ModelRelease.Variables.MONITORING_PERIOD, defaultMonitoringPeriod);
    }

    @Override
    public String retrospectiveDelay(DelegateExecution execution) {
        return variableOr(
                execution, ModelRelease.Variables.RETROSPECTIVE_DELAY, defaultRetrospectiveDelay);
    }

    private static String variableOr(DelegateExecution execution, String name, String fallback) {
        Object value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        parseDuration(value.toString());
        return value.toString();
    }

    private static String plannedDurationOf(DelegateExecution execution, String activityId) {
        BaseElement element = execution.getBpmnModelInstance().getModelElementById(activityId);
        if (element == null) {
            throw new IllegalArgumentException(
                    "no activity '" + activityId + "' in " + execution.getProcessDefinitionId());
        }
        return plannedDuration(element);
    }

    /** The {@code plannedDuration} extension property of a BPMN element. */
    public static String plannedDuration(BaseElement element) {
        return property(element, ModelRelease.PLANNED_DURATION)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "activity '"
                                                + element.getId()
                                                + "' has no "
                                                + ModelRelease.PLANNED_DURATION
                                                + " property"));
    }

    /** An {@code operaton:property} of a BPMN element, if it has one. */
    public static java.util.Optional<String> property(BaseElement element, String name) {
        if (element.getExtensionElements() != null) {
            for (OperatonProperties properties :
                    element.getExtensionElements()
                            .getChildElementsByType(OperatonProperties.class)) {
                for (OperatonProperty property : properties.getOperatonProperties()) {
                    if (name.equals(property.getOperatonName())) {
                        return java.util.Optional.ofNullable(property.getOperatonValue());
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Reads a {@link ModelRelease#NEEDS} value: {@code resource:amount} pairs separated by commas.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static java.util.Map<String, Double> parseNeeds(String value) {
        java.util.Map<String, Double> needs = new java.util.LinkedHashMap<>();
        for (String part : value.split(",")) {
            String[] pair = part.trim().split(":");
            if (pair.length != 2 || !pair[0].trim().matches("[a-z0-9][a-z0-9-]{1,59}")) {
                throw new IllegalArgumentException(
                        "'" + part.trim() + "' is not resource:amount (like gpus:8)");
            }
            double amount;
            try {
                amount = Double.parseDouble(pair[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + pair[1].trim() + "' is not a number");
            }
            if (!(amount >= 0) || amount > 1_000_000) {
                throw new IllegalArgumentException(
                        "the amount of " + pair[0].trim() + " must be from 0 to 1,000,000");
            }
            needs.put(pair[0].trim(), amount);
        }
        return needs;
    }

    /**
     * ISO-8601 duration in days and time: PT2H, P3D, P1DT12H, P2W. Months and years have no fixed
     * length and are refused.
     */
    public static Duration parseDuration(String iso) {
        if (iso == null || iso.isBlank()) {
            throw new IllegalArgumentException(
                    "a duration is required (ISO-8601, like P3D or PT2H)");
        }
        String text = iso.trim().toUpperCase();
        int t = text.indexOf('T');
        try {
            Period date = t == 1 ? Period.ZERO : Period.parse(t < 0 ? text : text.substring(0, t));
            Duration time = t < 0 ? Duration.ZERO : Duration.parse("P" + text.substring(t));
            if (date.getYears() != 0 || date.getMonths() != 0) {
                throw new IllegalArgumentException(
                        "'" + iso + "' uses months or years; give the duration in days or weeks");
            }
            return Duration.ofDays(date.getDays()).plus(time);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + iso + "' is not an ISO-8601 duration like P3D or PT2H");
        }
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
