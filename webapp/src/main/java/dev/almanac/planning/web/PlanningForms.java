package dev.almanac.planning.web;

import dev.almanac.planning.PlanningCatalog;
import dev.almanac.planning.RiskTier;
import dev.almanac.planning.Windows;
import dev.almanac.projection.WindowKind;
import dev.almanac.projection.WindowScope;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The planning forms as people fill them in; bound field by field, checked by {@link
 * PlanningCatalog}.
 */
final class PlanningForms {

    private PlanningForms() {}

    static class ProductLineForm {
        public String key;
        public String name;
        public String description;

        static ProductLineForm of(PlanningCatalog.ProductLineInfo info) {
            ProductLineForm form = new ProductLineForm();
            form.key = info.key();
            form.name = info.name();
            form.description = info.description();
            return form;
        }

        PlanningCatalog.ProductLineInfo change() {
            return new PlanningCatalog.ProductLineInfo(key, name, description);
        }
    }

    static class TeamForm {
        public String key;
        public String name;
        public String engineGroup;
        public String email;

        /** Comma-separated product line keys. */
        public String productLines;

        static TeamForm of(PlanningCatalog.TeamInfo info) {
            TeamForm form = new TeamForm();
            form.key = info.key();
            form.name = info.name();
            form.engineGroup = info.engineGroup();
            form.email = info.email();
            form.productLines = String.join(", ", new java.util.TreeSet<>(info.productLines()));
            return form;
        }

        PlanningCatalog.TeamInfo change() {
            java.util.Set<String> lines = new java.util.TreeSet<>();
            if (productLines != null) {
                for (String line : productLines.split(",")) {
                    if (!line.isBlank()) {
                        lines.add(line.trim());
                    }
                }
            }
            return new PlanningCatalog.TeamInfo(key, name, engineGroup, email, lines);
        }
    }

    static class ModelForm {
        public String key;
        public String name;
        public String productLine;
        public String ownerTeam;
        public RiskTier riskTier = RiskTier.MEDIUM;
        public String description;

        static ModelForm of(PlanningCatalog.ModelInfo info) {
            ModelForm form = new ModelForm();
            form.key = info.key();
            form.name = info.name();
            form.productLine = info.productLine();
            form.ownerTeam = info.ownerTeam();
            form.riskTier = info.riskTier();
            form.description = info.description();
            return form;
        }

        PlanningCatalog.ModelInfo change() {
            return new PlanningCatalog.ModelInfo(
                    key, name, productLine, ownerTeam, riskTier, description);
        }
    }

    static class WindowForm {
        public String name;
        public WindowKind kind = WindowKind.FREEZE;

        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
        public LocalDateTime start;

        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
        public LocalDateTime end;

        public String zone = "UTC";
        public String rrule;
        public WindowScope scope = WindowScope.GLOBAL;
        public String scopeKey;
        public String notes;

        /** Why the window is set or changed (required for freezes; kept on the decision log). */
        public String reason;

        static WindowForm of(Windows.WindowInfo info) {
            WindowForm form = new WindowForm();
            form.name = info.rule().name();
            form.kind = info.rule().kind();
            form.start = info.rule().start();
            form.end = info.rule().end();
            form.zone = info.rule().zone().getId();
            form.rrule = info.rule().rrule();
            form.scope = info.rule().scope();
            form.scopeKey = info.rule().scopeKey();
            form.notes = info.notes();
            return form;
        }

        Windows.WindowChange change() {
            ZoneId zoneId = Windows.zoneOf(zone);
            return new Windows.WindowChange(
                    name,
                    kind,
                    start,
                    end,
                    zoneId,
                    rrule == null || rrule.isBlank() ? null : rrule.trim(),
                    scope,
                    scopeKey == null || scopeKey.isBlank() ? null : scopeKey.trim(),
                    notes == null || notes.isBlank() ? null : notes.trim());
        }
    }
}
