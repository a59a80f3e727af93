package dev.almanac.scenarios;

import dev.almanac.planning.Windows;
import dev.almanac.projection.WindowKind;
import dev.almanac.projection.WindowRule;
import dev.almanac.projection.WindowScope;
import java.time.LocalDateTime;

/**
 * Adds a freeze window, for one product line or for everyone; steps that would start in it wait.
 *
 * @param windowStart local time in the calendar's zone, as the freeze windows of the catalog are
 */
public record AddFreeze(
        String windowName, LocalDateTime windowStart, LocalDateTime windowEnd, String productLine)
        implements Scenarios.Change {

    @Override
    public Scenarios.ChangeKind kind() {
        return Scenarios.ChangeKind.ADD_FREEZE;
    }

    @Override
    public String describe() {
        return "Freeze '"
                + windowName
                + "' from "
                + windowStart
                + " to "
                + windowEnd
                + (productLine == null ? " for everyone" : " for " + productLine);
    }

    @Override
    public void check(PlanChecks.Against plan) {
        if (windowName == null || windowName.isBlank() || windowName.length() > 120) {
            throw new ScenarioRejected("windowName", "Name the freeze (1 to 120 characters).");
        }
        if (windowStart == null || windowEnd == null || !windowEnd.isAfter(windowStart)) {
            throw new ScenarioRejected("windowEnd", "A freeze ends after it starts.");
        }
        if (productLine != null && !plan.hasProductLine(productLine)) {
            throw new ScenarioRejected(
                    "productLine", "There is no product line '" + productLine + "'.");
        }
    }

    @Override
    public AddFreeze normalised() {
        return new AddFreeze(
                windowName == null ? null : windowName.trim(),
                windowStart,
                windowEnd,
                PlanChecks.blankToNull(productLine));
    }

    /**
     * A window of the projection only, named for the change's place in the scenario until it is
     * saved.
     */
    @Override
    public void edit(EditedPlan plan) {
        plan.addWindow(
                new WindowRule(
                        "scenario-" + plan.position(),
                        WindowKind.FREEZE,
                        windowName,
                        windowStart,
                        windowEnd,
                        plan.zone(),
                        null,
                        scope(),
                        productLine));
    }

    /**
     * Saves the window in the catalog, saying which scenario it came from, and retimes the waits it
     * changes.
     */
    @Override
    public void apply(Applying applying) {
        applying.windows()
                .saveWindow(
                        null,
                        new Windows.WindowChange(
                                windowName,
                                WindowKind.FREEZE,
                                windowStart,
                                windowEnd,
                                applying.zone(),
                                null,
                                scope(),
                                productLine,
                                "From scenario " + applying.scenario() + ": " + applying.why()),
                        applying.by());
        applying.releases().retimeWindowWaits();
    }

    private WindowScope scope() {
        return productLine == null ? WindowScope.GLOBAL : WindowScope.PRODUCT_LINE;
    }
}
