package dev.almanac.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one graph across all releases as arrays: a node per projected (release, step), edges only
 * into steps still to run (edges into done or active steps change nothing), a topological order by
 * Kahn. Times are epoch seconds; {@link #NONE} marks an absent time.
 */
final class ProjectionGraph {

    static final long NONE = Long.MIN_VALUE;
    static final byte DONE = 0;
    static final byte ACTIVE = 1;
    static final byte PLANNED = 2;

    Snapshot snapshot;
    final long now;
    final List<Conflict> conflicts = new ArrayList<>();
    final Durations durations;

    /** Planner-set durations of single steps, by {@link Snapshot#stepKey}. */
    private final Map<String, java.time.Duration> planned;

    // per release
    final ReleaseState[] releases;
    final ProcedureIndex[] procedureOf;
    final int[] firstNode;
    final int[] nodeCount;
    final int[] targetNode;
    final long[] releaseStart;

    // per node
    int n;
    int[] release;
    int[] step;
    byte[] status;
    long[] actualStart;
    long[] actualEnd;
    long[] due;
    boolean[] window;
    boolean[] upstreamWait;
    int[] spec;

    // edges
    int edgeCount;
    int[] edgeFrom;
    int[] edgeTo;
    long[] edgeLag;
    int[] edgeDependency;
    boolean[] ignored;
    int[] inStart;
    int[] inEdges;
    int[] outStart;
    int[] outEdges;
    int[] order;

    ProjectionGraph(Snapshot snapshot) {
        this.snapshot = snapshot;
        this.now = snapshot.now().getEpochSecond();
        this.durations = new Durations(snapshot.history());
        this.planned = snapshot.planned();
        int rc = snapshot.releases().size();
        releases = snapshot.releases().toArray(new ReleaseState[0]);
        procedureOf = new ProcedureIndex[rc];
        firstNode = new int[rc];
        nodeCount = new int[rc];
        targetNode = new int[rc];
        releaseStart = new long[rc];
        Arrays.fill(targetNode, -1);
        buildNodes();
        durations.seal();
        buildEdges();
        sort();
    }

    // --- nodes ------------------------------------------------------------------------------

    private int[] stepBase;
    private int[] nodeOfStep;

    private void buildNodes() {
        Map<String, ProcedureIndex> procedures = new HashMap<>();
        int rc = releases.length;
        stepBase = new int[rc + 1];
        for (int r = 0; r < rc; r++) {
            ReleaseState rs = releases[r];
            ProcedureIndex p = procedures.get(rs.procedureId());
            if (p == null) {
                Procedure procedure =
                        rs.procedureId() == null
                                ? null
                                : snapshot.procedures().get(rs.procedureId());
                if (procedure != null) {
                    p = new ProcedureIndex(procedure);
                    procedures.put(rs.procedureId(), p);
                }
            }
            procedureOf[r] = p;
            if (p == null) {
                conflicts.add(
                        new Conflict(
                                rs.key(),
                                null,
                                "unknown-procedure",
                                "Release "
                                        + rs.key()
                                        + " follows procedure '"
                                        + rs.procedureId()
                                        + "', which the snapshot does not have; it is not projected."));
            }
            stepBase[r + 1] = stepBase[r] + (p == null ? 0 : p.steps.length);
        }
        nodeOfStep = new int[stepBase[rc]];
        Arrays.fill(nodeOfStep, -1);
        int capacity = stepBase[rc];
        release = new int[capacity];
        step = new int[capacity];
        status = new byte[capacity];
        actualStart = new long[capacity];
        actualEnd = new long[capacity];
        due = new long[capacity];
        window = new boolean[capacity];
        upstreamWait = new boolean[capacity];
        spec = new int[capacity];

        byte[] state = new byte[64];
        int[] queue = new int[64];
        for (int r = 0; r < rc; r++) {
            ProcedureIndex p = procedureOf[r];
            firstNode[r] = n;
            ReleaseState rs = releases[r];
            releaseStart[r] = rs.start() == null ? NONE : rs.start().getEpochSecond();
            if (p == null) {
                continue;
            }
            int sc = p.steps.length;
            if (state.length < sc) {
                state = new byte[sc];
                queue = new int[sc];
            }
            classify(rs, p, state, queue);
            int[] specs = durations.specs(p, rs.productLine());
            for (int i = 0; i < sc; i++) {
                if (state[i] < 0) {
                    continue;
                }
                StepState ss = rs.steps().get(p.steps[i].activityId());
                int v = n++;
                nodeOfStep[stepBase[r] + i] = v;
                release[v] = r;
                step[v] = i;
                status[v] = state[i];
                window[v] = p.steps[i].kind() == StepKind.RELEASE_WINDOW;
                upstreamWait[v] = p.steps[i].kind() == StepKind.UPSTREAM_WAIT;
                spec[v] = specs[i];
                if (!planned.isEmpty()) {
                    java.time.Duration own =
                            planned.get(Snapshot.stepKey(rs.key(), p.steps[i].activityId()));
                    if (own != null) {
                        spec[v] = durations.fixed(own.getSeconds());
                    }
                }
                boolean actual = state[i] != PLANNED && ss != null;
                actualStart[v] = actual ? seconds(ss.actualStart()) : NONE;
                actualEnd[v] = actual ? seconds(ss.actualEnd()) : NONE;
                due[v] = actual ? seconds(ss.due()) : NONE;
                if (i == p.target) {
                    targetNode[r] = v;
                }
            }
            nodeCount[r] = n - firstNode[r];
        }
    }

    /** Per step: DONE, ACTIVE, PLANNED (remaining) or -1 (not shown). */
    static void classify(ReleaseState rs, ProcedureIndex p, byte[] state, int[] queue) {
        int sc = p.steps.length;
        Map<String, StepState> states = rs.steps();
        ReleaseStatus status = rs.status() == null ? ReleaseStatus.ACTIVE : rs.status();
        for (int i = 0; i < sc; i++) {
            StepState ss = states.get(p.steps[i].activityId());
            boolean expected = p.steps[i].expected();
            switch (status) {
                case COMPLETED, STOPPED ->
                        state[i] =
                                ss != null && (ss.actualStart() != null || ss.actualEnd() != null)
                                        ? DONE
                                        : -1;
                case PLANNED -> state[i] = expected ? PLANNED : -1;
                case ACTIVE -> state[i] = ss != null && ss.active() ? ACTIVE : -1;
            }
        }
        if (status != ReleaseStatus.ACTIVE) {
            return;
        }
        int head = 0;
        int tail = 0;
        for (int i = 0; i < sc; i++) {
            if (state[i] == ACTIVE) {
                queue[tail++] = i;
            }
        }
        boolean anyActive = tail > 0;
        while (head < tail) {
            int u = queue[head++];
            for (int w : p.succs[u]) {
                if (state[w] == -1 && p.steps[w].expected()) {
                    state[w] = PLANNED;
                    queue[tail++] = w;
                }
            }
        }
        for (int i = 0; i < sc; i++) {
            if (state[i] != -1 || !p.steps[i].expected()) {
                continue;
            }
            StepState ss = states.get(p.steps[i].activityId());
            boolean ended = ss != null && ss.actualEnd() != null;
            if (ended) {
                state[i] = DONE;
            } else if (!anyActive) {
                state[i] = PLANNED;
            }
        }
    }

    private static long seconds(Instant instant) {
        return instant == null ? NONE : instant.getEpochSecond();
    }

    int nodeOf(int release, int step) {
        return nodeOfStep[stepBase[release] + step];
    }

    // --- edges ------------------------------------------------------------------------------

    private void buildEdges() {
        // about one edge in per node still to run and one per dependency: sized once, not doubled
        int cap = Math.max(16, n + snapshot.dependencies().size());
        edgeFrom = new int[cap];
        edgeTo = new int[cap];
        edgeLag = new long[cap];
        edgeDependency = new int[cap];
        for (int v = 0; v < n; v++) {
            if (status[v] != PLANNED) {
                continue;
            }
            int r = release[v];
            ProcedureIndex p = procedureOf[r];
            for (int j : p.preds[step[v]]) {
                int u = nodeOf(r, j);
                if (u >= 0) {
                    addEdge(u, v, 0, -1);
                }
            }
        }
        // An active detour returns to the expected path: its rejoin step starts after it ends.
        for (int u = 0; u < n; u++) {
            if (status[u] == ACTIVE) {
                ProcedureIndex p = procedureOf[release[u]];
                Step s = p.steps[step[u]];
                if (!s.expected()) {
                    for (int w : p.succs[step[u]]) {
                        int v = nodeOf(release[u], w);
                        if (v >= 0 && status[v] == PLANNED) {
                            addEdge(u, v, 0, -1);
                        }
                    }
                }
            }
        }
        Map<String, Integer> releaseByKey = new HashMap<>();
        for (int r = 0; r < releases.length; r++) {
            if (procedureOf[r] != null) {
                releaseByKey.putIfAbsent(releases[r].key(), r);
            }
        }
        List<Dependency> dependencies = snapshot.dependencies();
        for (int d = 0; d < dependencies.size(); d++) {
            Dependency dep = dependencies.get(d);
            Integer fr = releaseByKey.get(dep.fromRelease());
            Integer tr = releaseByKey.get(dep.toRelease());
            Integer fs = fr == null ? null : procedureOf[fr].indexOf.get(dep.fromActivity());
            Integer ts = tr == null ? null : procedureOf[tr].indexOf.get(dep.toActivity());
            if (fs == null || ts == null) {
                String missing =
                        fr == null
                                ? "release " + dep.fromRelease()
                                : fs == null
                                        ? "activity "
                                                + dep.fromActivity()
                                                + " of "
                                                + dep.fromRelease()
                                        : tr == null
                                                ? "release " + dep.toRelease()
                                                : "activity "
                                                        + dep.toActivity()
                                                        + " of "
                                                        + dep.toRelease();
                conflicts.add(
                        new Conflict(
                                dep.toRelease(),
                                dep.toActivity(),
                                "unknown-dependency",
                                "The dependency "
                                        + dep.fromRelease()
                                        + "/"
                                        + dep.fromActivity()
                                        + " -> "
                                        + dep.toRelease()
                                        + "/"
                                        + dep.toActivity()
                                        + " names "
                                        + missing
                                        + ", which is not on the calendar; it is ignored."));
                continue;
            }
            int u = nodeOf(fr, fs);
            int v = nodeOf(tr, ts);
            if (u >= 0 && v >= 0 && status[v] == PLANNED) {
                long lag = dep.lag() == null ? 0 : dep.lag().getSeconds();
                addEdge(u, v, lag, d);
            }
        }
        ignored = new boolean[edgeCount];
        inStart = new int[n + 1];
        outStart = new int[n + 1];
        for (int e = 0; e < edgeCount; e++) {
            inStart[edgeTo[e] + 1]++;
            outStart[edgeFrom[e] + 1]++;
        }
        for (int v = 0; v < n; v++) {
            inStart[v + 1] += inStart[v];
            outStart[v + 1] += outStart[v];
        }
        inEdges = new int[edgeCount];
        outEdges = new int[edgeCount];
        int[] inFill = Arrays.copyOf(inStart, n);
        int[] outFill = Arrays.copyOf(outStart, n);
        for (int e = 0; e < edgeCount; e++) {
            inEdges[inFill[edgeTo[e]]++] = e;
            outEdges[outFill[edgeFrom[e]]++] = e;
        }
    }

    private void addEdge(int from, int to, long lag, int dependency) {
        if (edgeCount == edgeFrom.length) {
            int cap = edgeCount * 2;
            edgeFrom = Arrays.copyOf(edgeFrom, cap);
            edgeTo = Arrays.copyOf(edgeTo, cap);
            edgeLag = Arrays.copyOf(edgeLag, cap);
            edgeDependency = Arrays.copyOf(edgeDependency, cap);
        }
        edgeFrom[edgeCount] = from;
        edgeTo[edgeCount] = to;
        edgeLag[edgeCount] = lag;
        edgeDependency[edgeCount] = dependency;
        edgeCount++;
    }

    // --- order ------------------------------------------------------------------------------

    /**
     * Kahn with a stack, sources pushed so the lowest node comes first: one release runs through
     * before the next starts, which keeps few Monte Carlo vectors alive at a time.
     */
    private void sort() {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (kahn()) {
                return;
            }
            breakCycles(attempt > 0);
        }
        throw new IllegalStateException("cycles remain after ignoring their edges");
    }

    private boolean kahn() {
        int[] indegree = new int[n];
        for (int e = 0; e < edgeCount; e++) {
            if (!ignored[e]) {
                indegree[edgeTo[e]]++;
            }
        }
        int[] stack = new int[n];
        int top = 0;
        for (int v = n - 1; v >= 0; v--) {
            if (indegree[v] == 0) {
                stack[top++] = v;
            }
        }
        order = new int[n];
        int count = 0;
        while (top > 0) {
            int u = stack[--top];
            order[count++] = u;
            for (int k = outStart[u + 1] - 1; k >= outStart[u]; k--) {
                int e = outEdges[k];
                if (!ignored[e] && --indegree[edgeTo[e]] == 0) {
                    stack[top++] = edgeTo[e];
                }
            }
        }
        if (count == n) {
            return true;
        }
        sortedCount = count;
        return false;
    }

    private int sortedCount;

    /**
     * Ignores the dependency edges inside every cycle (all its edges if the procedure itself
     * loops).
     */
    private void breakCycles(boolean allEdges) {
        boolean[] sorted = new boolean[n];
        for (int i = 0; i < sortedCount; i++) {
            sorted[order[i]] = true;
        }
        int[] component = stronglyConnected(sorted);
        Map<Integer, List<Integer>> edgesByComponent = new HashMap<>();
        for (int e = 0; e < edgeCount; e++) {
            int u = edgeFrom[e];
            int v = edgeTo[e];
            if (!ignored[e] && !sorted[u] && !sorted[v] && component[u] == component[v]) {
                edgesByComponent.computeIfAbsent(component[u], c -> new ArrayList<>()).add(e);
            }
        }
        for (List<Integer> edges : edgesByComponent.values()) {
            Set<String> named = new LinkedHashSet<>();
            int first = -1;
            for (int e : edges) {
                if (allEdges || edgeDependency[e] >= 0) {
                    ignored[e] = true;
                    named.add(label(edgeFrom[e]));
                    named.add(label(edgeTo[e]));
                    if (first < 0) {
                        first = edgeTo[e];
                    }
                }
            }
            if (first >= 0) {
                ReleaseState rs = releases[release[first]];
                conflicts.add(
                        new Conflict(
                                rs.key(),
                                procedureOf[release[first]].steps[step[first]].activityId(),
                                "cycle",
                                "These steps wait on each other in a cycle: "
                                        + String.join(" -> ", named)
                                        + "; the "
                                        + (allEdges ? "edges" : "dependencies")
                                        + " between them are ignored."));
            }
        }
    }

    /** Tarjan's strongly connected components over the unsorted nodes, iteratively. */
    private int[] stronglyConnected(boolean[] skip) {
        int[] index = new int[n];
        int[] low = new int[n];
        int[] component = new int[n];
        boolean[] onStack = new boolean[n];
        Arrays.fill(index, -1);
        Arrays.fill(component, -1);
        int[] stack = new int[n];
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        int sp = 0;
        int next = 0;
        int components = 0;
        for (int root = 0; root < n; root++) {
            if (skip[root] || index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = outStart[root];
            index[root] = low[root] = next++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int u = callNode[depth];
                if (callEdge[depth] < outStart[u + 1]) {
                    int e = outEdges[callEdge[depth]++];
                    int w = edgeTo[e];
                    if (ignored[e] || skip[w]) {
                        continue;
                    }
                    if (index[w] < 0) {
                        index[w] = low[w] = next++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callEdge[depth] = outStart[w];
                    } else if (onStack[w]) {
                        low[u] = Math.min(low[u], index[w]);
                    }
                } else {
                    if (low[u] == index[u]) {
                        int w;
                        do {
                            w = stack[--sp];
                            onStack[w] = false;
                            component[w] = components;
                        } while (w != u);
                        components++;
                    }
                    depth--;
                    if (depth >= 0) {
                        int parent = callNode[depth];
                        low[parent] = Math.min(low[parent], low[u]);
                    }
                }
            }
        }
        return component;
    }

    String label(int node) {
        return releases[release[node]].key()
                + "/"
                + procedureOf[release[node]].steps[step[node]].activityId();
    }

    Step stepOf(int node) {
        return procedureOf[release[node]].steps[step[node]];
    }
}
