package dev.almanac.dependencies.internal;

import dev.almanac.dependencies.Dependencies.DependencyInfo;
import dev.almanac.projection.CriticalPath;
import dev.almanac.projection.Outlook;
import dev.almanac.projection.ProjectedRelease;
import dev.almanac.projection.ProjectedStep;
import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.ReleaseStatus;
import dev.almanac.projection.StepStatus;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.schedule.ScheduleTexts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Dependencies as people see them: each edge's state, the upstream and downstream trees, the
 * critical path, the graph.
 */
public final class DependencyViews {

    private static final int DEPTH = 6;

    private DependencyViews() {}

    /**
     * One dependency and where it stands.
     *
     * @param state met (upstream step ended and the lag passed), waiting, holding (it sets the
     *     downstream step's start), late (it holds a release that is at risk or late), or broken
     *     (the upstream release was cancelled or halted before the step)
     * @param ready when the dependency is (projected to be) met: the upstream step's end plus the
     *     lag
     * @param binding whether it sets the downstream step's start
     * @param upstreamStep the upstream step for people ("Deploy · Deploy model")
     * @param downstreamStep the downstream step for people
     */
    record Edge(
            DependencyInfo dependency,
            String state,
            Instant ready,
            boolean binding,
            String upstreamStep,
            String downstreamStep) {}

    /** A release in a tree, reached through {@code via}. */
    record Node(String releaseKey, String outlook, Edge via, List<Node> children) {}

    /** One milestone of the critical path. */
    record PathLink(
            String releaseKey,
            String milestone,
            Instant start,
            Instant end,
            boolean otherRelease,
            String via,
            boolean done) {}

    static Edge edge(ReleaseCalendar.Projection projection, DependencyInfo d) {
        String upName = stepName(projection, d.upstreamRelease(), d.upstreamActivity());
        String downName = stepName(projection, d.downstreamRelease(), d.downstreamActivity());
        ReleaseState upstream = projection.releases().get(d.upstreamRelease());
        ProjectedStep up = step(projection, d.upstreamRelease(), d.upstreamActivity()).orElse(null);
        Instant ready = up == null || up.end() == null ? null : up.end().plus(d.lag());
        boolean upDone = up != null && up.status() == StepStatus.DONE;
        if (upstream == null || (upstream.status() == ReleaseStatus.STOPPED && !upDone)) {
            return new Edge(d, "broken", ready, false, upName, downName);
        }
        ProjectedStep down =
                step(projection, d.downstreamRelease(), d.downstreamActivity()).orElse(null);
        boolean binding =
                down != null
                        && (d.upstreamRelease() + "/" + d.upstreamActivity()).equals(down.heldBy());
        if (upDone && ready != null && !ready.isAfter(projection.snapshot().now())) {
            return new Edge(d, "met", ready, false, upName, downName);
        }
        Outlook outlook =
                projection
                        .release(d.downstreamRelease())
                        .map(ProjectedRelease::outlook)
                        .orElse(null);
        if (binding && (outlook == Outlook.LATE || outlook == Outlook.AT_RISK)) {
            return new Edge(d, "late", ready, true, upName, downName);
        }
        return new Edge(d, binding ? "holding" : "waiting", ready, binding, upName, downName);
    }

    public static List<Node> upstream(
            ReleaseCalendar.Projection projection, List<DependencyInfo> all, String key) {
        Map<String, List<DependencyInfo>> byDownstream = new HashMap<>();
        all.forEach(
                d ->
                        byDownstream
                                .computeIfAbsent(d.downstreamRelease(), k -> new ArrayList<>())
                                .add(d));
        return tree(projection, byDownstream, key, true, new HashSet<>(Set.of(key)), 0);
    }

    public static List<Node> downstream(
            ReleaseCalendar.Projection projection, List<DependencyInfo> all, String key) {
        Map<String, List<DependencyInfo>> byUpstream = new HashMap<>();
        all.forEach(
                d ->
                        byUpstream
                                .computeIfAbsent(d.upstreamRelease(), k -> new ArrayList<>())
                                .add(d));
        return tree(projection, byUpstream, key, false, new HashSet<>(Set.of(key)), 0);
    }

    private static List<Node> tree(
            ReleaseCalendar.Projection projection,
            Map<String, List<DependencyInfo>> index,
            String key,
            boolean up,
            Set<String> path,
            int depth) {
        if (depth >= DEPTH) {
            return List.of();
        }
        List<Node> nodes = new ArrayList<>();
        for (DependencyInfo d : index.getOrDefault(key, List.of())) {
            String next = up ? d.upstreamRelease() : d.downstreamRelease();
            List<Node> children =
                    path.add(next) ? tree(projection, index, next, up, path, depth + 1) : List.of();
            path.remove(next);
            nodes.add(
                    new Node(
                            next,
                            projection
                                    .release(next)
                                    .map(r -> ScheduleTexts.outlookText(r))
                                    .orElse("unknown"),
                            edge(projection, d),
                            children));
        }
        return nodes;
    }

    /** The milestones that set the release's deploy date, earliest first, across releases. */
    public static List<PathLink> criticalPath(ReleaseCalendar.Projection projection, String key) {
        List<PathLink> links = new ArrayList<>();
        for (CriticalPath.Link link :
                CriticalPath.toTarget(projection.snapshot(), projection.schedule(), key)) {
            ProjectedStep step = link.step();
            if (step.milestone() == null) {
                continue;
            }
            PathLink last = links.isEmpty() ? null : links.get(links.size() - 1);
            if (last != null
                    && last.releaseKey().equals(link.releaseKey())
                    && last.milestone().equals(step.milestone())) {
                links.set(
                        links.size() - 1,
                        new PathLink(
                                last.releaseKey(),
                                last.milestone(),
                                last.start(),
                                step.end(),
                                last.otherRelease(),
                                link.via(),
                                step.status() == StepStatus.DONE && last.done()));
            } else {
                links.add(
                        new PathLink(
                                link.releaseKey(),
                                step.milestone(),
                                step.start(),
                                step.end(),
                                !link.releaseKey().equals(key),
                                link.via(),
                                step.status() == StepStatus.DONE));
            }
        }
        return links;
    }

    /**
     * A layered drawing of the releases that have dependencies: upstream left, downstream right.
     */
    record Graph(List<GraphNode> nodes, List<GraphEdge> edges, int width, int height) {}

    record GraphNode(
            String key, String outlook, String outlookClass, Instant deploy, int x, int y) {}

    record GraphEdge(Edge edge, String path) {}

    public static final int NODE_WIDTH = 250;
    public static final int NODE_HEIGHT = 46;

    public static Graph graph(
            ReleaseCalendar.Projection projection, List<DependencyInfo> all, String productLine) {
        List<DependencyInfo> shown =
                all.stream()
                        .filter(
                                d ->
                                        productLine == null
                                                || productLine.isBlank()
                                                || productLine.equals(
                                                        productLineOf(
                                                                projection, d.upstreamRelease()))
                                                || productLine.equals(
                                                        productLineOf(
                                                                projection, d.downstreamRelease())))
                        .toList();
        Set<String> keys = new LinkedHashSet<>();
        shown.forEach(
                d -> {
                    keys.add(d.upstreamRelease());
                    keys.add(d.downstreamRelease());
                });
        Map<String, Integer> layer = new HashMap<>();
        keys.forEach(k -> layer.put(k, 0));
        for (int round = 0;
                round < keys.size();
                round++) { // longest path; dependencies have no cycles
            boolean changed = false;
            for (DependencyInfo d : shown) {
                int want = layer.get(d.upstreamRelease()) + 1;
                if (layer.get(d.downstreamRelease()) < want) {
                    layer.put(d.downstreamRelease(), want);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        Map<Integer, Integer> rows = new HashMap<>();
        Map<String, GraphNode> nodes = new java.util.LinkedHashMap<>();
        keys.stream()
                .sorted()
                .forEach(
                        k -> {
                            int l = layer.get(k);
                            int row = rows.merge(l, 1, Integer::sum) - 1;
                            Optional<ProjectedRelease> r = projection.release(k);
                            nodes.put(
                                    k,
                                    new GraphNode(
                                            k,
                                            r.map(ScheduleTexts::outlookText).orElse("unknown"),
                                            r.map(
                                                            p ->
                                                                    p.outlook()
                                                                            .name()
                                                                            .toLowerCase()
                                                                            .replace('_', '-'))
                                                    .orElse("unknown"),
                                            r.map(ProjectedRelease::targetEnd).orElse(null),
                                            20 + l * (NODE_WIDTH + 120),
                                            20 + row * (NODE_HEIGHT + 34)));
                        });
        List<GraphEdge> edges = new ArrayList<>();
        for (DependencyInfo d : shown) {
            GraphNode a = nodes.get(d.upstreamRelease());
            GraphNode b = nodes.get(d.downstreamRelease());
            int x1 = a.x() + NODE_WIDTH;
            int y1 = a.y() + NODE_HEIGHT / 2;
            int x2 = b.x();
            int y2 = b.y() + NODE_HEIGHT / 2;
            int bend = Math.max(40, (x2 - x1) / 2);
            String path =
                    "M"
                            + x1
                            + ","
                            + y1
                            + " C"
                            + (x1 + bend)
                            + ","
                            + y1
                            + " "
                            + (x2 - bend)
                            + ","
                            + y2
                            + " "
                            + x2
                            + ","
                            + y2;
            Edge edge = edge(projection, d);
            edges.add(new GraphEdge(edge, path));
        }
        int width =
                nodes.values().stream().mapToInt(n -> n.x() + NODE_WIDTH + 20).max().orElse(200);
        int height =
                nodes.values().stream().mapToInt(n -> n.y() + NODE_HEIGHT + 20).max().orElse(80);
        return new Graph(List.copyOf(nodes.values()), edges, width, height);
    }

    private static String productLineOf(ReleaseCalendar.Projection projection, String key) {
        ReleaseState r = projection.releases().get(key);
        return r == null ? null : r.productLine();
    }

    private static Optional<ProjectedStep> step(
            ReleaseCalendar.Projection projection, String key, String activity) {
        return projection
                .release(key)
                .flatMap(
                        r ->
                                r.steps().stream()
                                        .filter(s -> s.activityId().equals(activity))
                                        .findFirst());
    }

    static String stepName(ReleaseCalendar.Projection projection, String key, String activity) {
        return step(projection, key, activity)
                .map(s -> s.milestone() == null ? s.name() : s.milestone() + " · " + s.name())
                .orElse(activity);
    }
}
