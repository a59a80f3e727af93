package dev.almanac.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A deterministic projection kept between engine events. {@link #update} takes one release's new
 * engine state (a step ended, the next one started, a due date moved, the release completed) and
 * re-projects only what that can move: the release's own steps, then, in topological order, the
 * steps whose start depends on a date that changed, stopping where a date stays put. The schedule
 * it returns equals {@link Projector#project} of the snapshot with that release replaced, at the
 * kept projection's {@code now}; the releases that did not move keep their objects.
 *
 * <p>A change the kept graph cannot take in place is projected in full: a release it does not have
 * or that follows another procedure or product line, a step shown or hidden that was not before (a
 * loop back, a detour), a step to run again that had ended or was running (it gains edges), a
 * planned start that moves the window horizon, and any graph with a cycle (edges that stop
 * mattering could end it). A later {@code now} is a new projection: every step still to run starts
 * no earlier than now.
 *
 * <p>Not thread-safe: one owner updates it; the schedules it hands out are immutable.
 */
public final class KeptProjection {

    private Projector.Projection p;
    private Snapshot snapshot;
    private Schedule schedule;
    private Map<String, Integer> releaseIndex;

    /** Topological position of each node, the queue of nodes to re-project and their marks. */
    private int[] position;

    private int[] heap;
    private boolean[] queued;
    private boolean[] moved;
    private int[] scheduleIndex;

    /** Whether the kept graph ignores edges to break a cycle (then every update is in full). */
    private boolean cyclic;

    private long incremental;
    private long full;

    private KeptProjection(Snapshot snapshot) {
        rebuild(snapshot);
    }

    /** The deterministic projection of {@code snapshot}, kept for updates. */
    public static KeptProjection of(Snapshot snapshot) {
        return new KeptProjection(Objects.requireNonNull(snapshot, "snapshot"));
    }

    public Schedule schedule() {
        return schedule;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** Updates re-projected in place. */
    public long incrementalUpdates() {
        return incremental;
    }

    /** Updates (and the first projection) that were projected in full. */
    public long fullProjections() {
        return full;
    }

    /**
     * Replaces the release with {@code changed}'s key by {@code changed} (or adds it) and returns
     * the new schedule.
     */
    public Schedule update(ReleaseState changed) {
        Objects.requireNonNull(changed, "changed");
        Integer index = releaseIndex.get(changed.key());
        List<ReleaseState> releases = new ArrayList<>(snapshot.releases());
        if (index == null) {
            releases.add(changed);
        } else {
            releases.set(index, changed);
        }
        Snapshot next = snapshot.withReleases(releases);
        if (index == null || !inPlace(index, changed, next)) {
            rebuild(next);
        } else {
            snapshot = next;
            p.g.snapshot = next;
            incremental++;
        }
        return schedule;
    }

    private void rebuild(Snapshot next) {
        snapshot = next;
        p = new Projector.Projection(next);
        schedule = p.schedule(null, 0);
        ProjectionGraph g = p.g;
        releaseIndex = new HashMap<>(g.releases.length * 2);
        scheduleIndex = new int[g.releases.length];
        int out = 0;
        for (int r = 0; r < g.releases.length; r++) {
            releaseIndex.putIfAbsent(g.releases[r].key(), r);
            scheduleIndex[r] = g.procedureOf[r] == null ? -1 : out++;
        }
        position = new int[g.n];
        for (int i = 0; i < g.n; i++) {
            position[g.order[i]] = i;
        }
        heap = new int[g.n];
        queued = new boolean[g.n];
        moved = new boolean[g.releases.length];
        cyclic = false;
        for (boolean ignored : g.ignored) {
            cyclic |= ignored;
        }
        full++;
    }

    /** Re-projects in place if the kept graph can take the change; false if it cannot. */
    private boolean inPlace(int r, ReleaseState changed, Snapshot next) {
        ProjectionGraph g = p.g;
        ReleaseState before = g.releases[r];
        ProcedureIndex procedure = g.procedureOf[r];
        if (procedure == null
                || !Objects.equals(before.procedureId(), changed.procedureId())
                || !Objects.equals(before.productLine(), changed.productLine())
                || releaseIndex.size() != g.releases.length
                || cyclic
                || !Projector.Projection.horizonTo(next)
                        .equals(Projector.Projection.horizonTo(snapshot))) {
            return false;
        }
        int steps = procedure.steps.length;
        byte[] state = new byte[steps];
        ProjectionGraph.classify(changed, procedure, state, new int[steps]);
        for (int i = 0; i < steps; i++) {
            int v = g.nodeOf(r, i);
            if ((v >= 0) != (state[i] >= 0)) {
                return false; // a step shown or hidden that was not before
            }
            if (v >= 0
                    && state[i] == ProjectionGraph.PLANNED
                    && g.status[v] != ProjectionGraph.PLANNED) {
                return false; // a step to run again has no edges in
            }
        }
        g.releases[r] = changed;
        g.releaseStart[r] =
                changed.start() == null ? ProjectionGraph.NONE : changed.start().getEpochSecond();
        if (!Objects.equals(before.model(), changed.model())) {
            p.calendarOf[r] = null;
        }
        int size = 0;
        for (int i = 0; i < steps; i++) {
            int v = g.nodeOf(r, i);
            if (v < 0) {
                continue;
            }
            StepState ss = changed.steps().get(procedure.steps[i].activityId());
            boolean actual = state[i] != ProjectionGraph.PLANNED && ss != null;
            g.status[v] = state[i];
            g.actualStart[v] = actual ? seconds(ss.actualStart()) : ProjectionGraph.NONE;
            g.actualEnd[v] = actual ? seconds(ss.actualEnd()) : ProjectionGraph.NONE;
            g.due[v] = actual ? seconds(ss.due()) : ProjectionGraph.NONE;
            size = push(v, size);
        }
        List<Integer> movedReleases = new ArrayList<>();
        moved[r] = true;
        movedReleases.add(r);
        while (size > 0) {
            int u = heap[0];
            size = pop(size);
            queued[u] = false;
            long start = p.start[u];
            long end = p.end[u];
            boolean overdue = p.overdue[u];
            String heldBy = p.heldBy(u);
            Conflict noWindow = p.noWindow[u];
            p.projectNode(u);
            if (end != p.end[u]) {
                for (int k = g.outStart[u]; k < g.outStart[u + 1]; k++) {
                    int e = g.outEdges[k];
                    int w = g.edgeTo[e];
                    if (!g.ignored[e] && g.status[w] == ProjectionGraph.PLANNED) {
                        size = push(w, size);
                    }
                }
            }
            int rel = g.release[u];
            if (!moved[rel]
                    && (start != p.start[u]
                            || end != p.end[u]
                            || overdue != p.overdue[u]
                            || !Objects.equals(heldBy, p.heldBy(u))
                            || !Objects.equals(noWindow, p.noWindow[u]))) {
                moved[rel] = true;
                movedReleases.add(rel);
            }
        }
        ProjectedRelease[] out = schedule.releases().toArray(new ProjectedRelease[0]);
        for (int rel : movedReleases) {
            moved[rel] = false;
            out[scheduleIndex[rel]] = p.release(rel, null);
        }
        schedule = new Schedule(schedule.now(), List.of(out), p.conflicts(), 0);
        return true;
    }

    /** Adds a node to the min-heap by topological position, once. */
    private int push(int v, int size) {
        if (queued[v]) {
            return size;
        }
        queued[v] = true;
        int i = size++;
        int key = position[v];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (position[heap[parent]] <= key) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = v;
        return size;
    }

    private int pop(int size) {
        int last = heap[--size];
        int i = 0;
        int key = position[last];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && position[heap[child + 1]] < position[heap[child]]) {
                child++;
            }
            if (position[heap[child]] >= key) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = last;
        return size;
    }

    private static long seconds(java.time.Instant instant) {
        return instant == null ? ProjectionGraph.NONE : instant.getEpochSecond();
    }
}
