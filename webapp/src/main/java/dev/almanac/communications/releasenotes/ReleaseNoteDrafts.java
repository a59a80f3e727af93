package dev.almanac.communications.releasenotes;

import dev.almanac.communications.CommunicationsProperties;
import dev.almanac.communications.notices.NoticeTexts;
import dev.almanac.dependencies.Dependencies;
import dev.almanac.governance.DecisionKind;
import dev.almanac.governance.DecisionLog;
import dev.almanac.governance.Retrospectives;
import dev.almanac.processes.ModelRelease.Variables;
import dev.almanac.releases.ReleaseDetail;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.ReleaseSummary;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The first draft of a release's notes, in Markdown: model, version, artifact and deployment, the
 * metrics and the gate's decision, approvals from the decision log, data feeds and upstream
 * dependencies, known risks and open retrospective items.
 */
@Component
class ReleaseNoteDrafts {

    private final ReleaseQueries releaseQueries;
    private final DecisionLog decisions;
    private final Dependencies dependencies;
    private final Retrospectives retrospectives;
    private final CommunicationsProperties properties;
    private final Clock clock;

    ReleaseNoteDrafts(
            ReleaseQueries releaseQueries,
            DecisionLog decisions,
            Dependencies dependencies,
            Retrospectives retrospectives,
            CommunicationsProperties properties,
            Clock clock) {
        this.releaseQueries = releaseQueries;
        this.decisions = decisions;
        this.dependencies = dependencies;
        this.retrospectives = retrospectives;
        this.properties = properties;
        this.clock = clock;
    }

    String draft(ReleaseDetail detail) {
        ReleaseSummary r = detail.summary();
        Map<String, Object> v = detail.variables();
        ZoneId zone = ZoneId.of(properties.zone());
        List<DecisionLog.Entry> log = decisions.ofRelease(r.key());
        StringBuilder md = new StringBuilder();
        md.append("# ")
                .append(r.model())
                .append(" ")
                .append(r.version())
                .append(" — release notes\n\n");
        md.append("Released ")
                .append(NoticeTexts.format(clock.instant(), zone))
                .append(" · lane ")
                .append(r.lane().value())
                .append(" · risk tier ")
                .append(r.riskTier().value())
                .append(" · owner team ")
                .append(r.ownerTeam())
                .append(" · target date ")
                .append(r.targetDate())
                .append("\n\n");
        md.append("## Model\n\n");
        line(md, "Artifact", v.get(Variables.MODEL_URI));
        line(md, "Training run", v.get(Variables.TRAINING_RUN_ID));
        line(md, "Deployment", v.get(Variables.DEPLOYMENT_ID));
        md.append("\n## Validation\n\n| Metric | Value |\n| --- | --- |\n");
        for (String metric :
                List.of(
                        Variables.ACCURACY,
                        Variables.BASELINE_ACCURACY,
                        Variables.ACCURACY_DELTA,
                        Variables.LATENCY_P95_MS)) {
            if (v.get(metric) != null) {
                Object value = v.get(metric);
                md.append("| ")
                        .append(metric)
                        .append(" | ")
                        .append(
                                value instanceof Double d
                                        ? java.math.BigDecimal.valueOf(d)
                                                .round(new java.math.MathContext(4))
                                                .stripTrailingZeros()
                                                .toPlainString()
                                        : value)
                        .append(" |\n");
            }
        }
        md.append("\n**Promotion gate:** ")
                .append(v.getOrDefault(Variables.GATE_OUTCOME, "not run"));
        if (v.get(Variables.GATE_REASON) != null) {
            md.append(" — ").append(v.get(Variables.GATE_REASON));
        }
        md.append("\n\n## Approvals\n\n");
        List<DecisionLog.Entry> approvals =
                log.stream()
                        .filter(
                                e ->
                                        e.kind() == DecisionKind.APPROVAL
                                                || e.kind() == DecisionKind.REJECTION
                                                || e.kind() == DecisionKind.OVERRIDE)
                        .toList();
        if (approvals.isEmpty()) {
            md.append("- none recorded\n");
        }
        for (DecisionLog.Entry e : approvals) {
            md.append("- **")
                    .append(e.subject())
                    .append("**: ")
                    .append(e.outcome())
                    .append(" by ")
                    .append(e.decidedBy())
                    .append(", ")
                    .append(NoticeTexts.format(e.decidedAt(), zone));
            if (e.rationale() != null && !e.rationale().isBlank()) {
                md.append(" — “").append(e.rationale().replace("\n", " ")).append("”");
            }
            md.append("\n");
        }
        md.append("\n## Data feeds\n\n");
        String feeds = r.dataFeeds();
        if (feeds != null && !feeds.isBlank()) {
            for (String feed : feeds.split(",")) {
                md.append("- ").append(feed.trim()).append("\n");
            }
        }
        List<Dependencies.DependencyInfo> upstream =
                dependencies.of(r.key()).stream()
                        .filter(d -> d.downstreamRelease().equals(r.key()))
                        .toList();
        for (Dependencies.DependencyInfo d : upstream) {
            md.append("- ")
                    .append(d.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .append(" from ")
                    .append(d.upstreamRelease())
                    .append(" (")
                    .append(d.upstreamActivity())
                    .append(")\n");
        }
        if ((feeds == null || feeds.isBlank()) && upstream.isEmpty()) {
            md.append("- none declared\n");
        }
        md.append("\n## Known risks\n\n");
        int risks = 0;
        if (v.get(Variables.RISK_RATIONALE) != null) {
            md.append("- Risk review: ")
                    .append(v.get(Variables.RISK_RATIONALE).toString().replace("\n", " "))
                    .append("\n");
            risks++;
        }
        for (DecisionLog.Entry e : log) {
            if (e.kind() == DecisionKind.OVERRIDE) {
                md.append("- Went ahead under an override: ")
                        .append(e.subject())
                        .append(" (")
                        .append(e.rationale().replace("\n", " "))
                        .append(")\n");
                risks++;
            }
        }
        for (Retrospectives.OpenItem item : retrospectives.itemsFor(r.model(), r.key())) {
            if (item.open()) {
                md.append("- Open from ")
                        .append(item.fromRelease())
                        .append("'s retrospective: ")
                        .append(item.text())
                        .append("\n");
                risks++;
            }
        }
        if (risks == 0) {
            md.append("- none recorded\n");
        }
        md.append("\n## Rollback plan\n\n");
        Optional<ReleaseSummary> previous =
                releaseQueries.releasesOf(r.model()).stream()
                        .filter(
                                o ->
                                        !o.key().equals(r.key())
                                                && "deployed".equals(o.progress().outcome()))
                        .max(Comparator.comparing(ReleaseSummary::targetDate));
        md.append("- Production health is checked for ")
                .append(v.getOrDefault(Variables.MONITORING_PERIOD, "the monitoring period"))
                .append(
                        " after deploy; a failed check opens *Roll back deployment* for release managers.\n");
        md.append(
                previous.map(
                                p ->
                                        "- Roll back to "
                                                + p.key()
                                                + " (the last deployed version of "
                                                + r.model()
                                                + ").\n")
                        .orElse(
                                "- This is the first deployed release of "
                                        + r.model()
                                        + ": rolling back means taking it out of service.\n"));
        return md.toString();
    }

    private static void line(StringBuilder md, String label, Object value) {
        md.append("- ").append(label).append(": ").append(value == null ? "—" : value).append("\n");
    }
}
