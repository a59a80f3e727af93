package dev.almanac.schedule;

import dev.almanac.projection.Histogram;
import dev.almanac.projection.ProjectedRelease;
import dev.almanac.projection.ReleaseState;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated deploy dates of a release as SVG coordinates (0–100 wide, 0–40 high), with target,
 * P50 and P90 marked.
 */
public record DistributionChart(
        List<Column> columns,
        Marker target,
        Marker p50,
        Marker p90,
        String from,
        String to,
        int samples) {

    record Column(double x, double width, double height, double y, String title) {}

    record Marker(double x, String label) {}

    public static DistributionChart of(ProjectedRelease release, ReleaseState state, ZoneId zone) {
        Histogram histogram = release.distribution();
        if (histogram == null || histogram.counts().length == 0) {
            return null;
        }
        int[] counts = histogram.counts();
        int max = 1;
        int total = 0;
        for (int c : counts) {
            max = Math.max(max, c);
            total += c;
        }
        long from = histogram.from().getEpochSecond();
        long bin = Math.max(1, histogram.binWidth().getSeconds());
        long to = from + bin * counts.length;
        Instant target = state == null ? null : state.target();
        // widen the axis to show the target when it falls outside the simulated range
        if (target != null && target.getEpochSecond() < from) {
            from = target.getEpochSecond() - bin;
        }
        if (target != null && target.getEpochSecond() > to) {
            to = target.getEpochSecond() + bin;
        }
        double span = to - from;
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            long start = histogram.from().getEpochSecond() + i * bin;
            double height = 36.0 * counts[i] / max;
            columns.add(
                    new Column(
                            round((start - from) / span * 100),
                            round(bin / span * 100 * 0.9),
                            round(height),
                            round(38 - height),
                            ScheduleTexts.format(Instant.ofEpochSecond(start), zone)
                                    + ": "
                                    + counts[i]
                                    + " of "
                                    + total));
        }
        return new DistributionChart(
                columns,
                marker(target, from, span, "target", zone),
                marker(release.targetP50(), from, span, "P50", zone),
                marker(release.targetP90(), from, span, "P90", zone),
                ScheduleTexts.format(Instant.ofEpochSecond(from), zone),
                ScheduleTexts.format(Instant.ofEpochSecond(to), zone),
                total);
    }

    private static Marker marker(Instant at, long from, double span, String label, ZoneId zone) {
        return at == null
                ? null
                : new Marker(
                        round(
                                Math.max(
                                        0,
                                        Math.min(100, (at.getEpochSecond() - from) / span * 100))),
                        label + " " + ScheduleTexts.format(at, zone));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
