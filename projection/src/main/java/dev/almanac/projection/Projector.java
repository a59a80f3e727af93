package dev.almanac.projection;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Snapshot -> Schedule}: the longest-path projection over one graph of all releases' steps,
 * with windows, overdue pushes, learned durations and, when asked, Monte Carlo confidence.
 *
 * <p>Rules, in short (the package's tests name each one):
 *
 * <ul>
 *   <li>Completed and stopped releases show the steps that ran, from their actuals.
 *   <li>An active release shows its active steps, every expected-path step reachable from them
 *       (even one with older actuals: a loop runs it again; an active detour leads to the step it
 *       rejoins) and the expected-path steps that ended before. With no active step, every step
 *       that has not ended is still to run. A planned release runs all its expected steps from its
 *       start.
 *   <li>A step still to run starts at the latest of now, its release's start, its predecessors'
 *       ends and its upstream dependencies' ends plus lag; it takes its duration (median of the
 *       learned observations of its product line, else of all product lines, else planned), or for
 *       a deploy (release-window step) waits for the next open window.
 *   <li>An active step ends at its due date if that is ahead; else after its duration; if that is
 *       past (or its due date is), it ends now and is overdue, which pushes what follows.
 * </ul>
 *
 * <p>Windows are expanded from a day before {@code now} (no step still to run starts before now) to
 * two years after the later of now and the latest planned release start, in whole UTC days so that
 * projections made on the same day share memoised expansions. Times are kept in whole seconds.
 */
public final class Projector {

    static final Duration HORIZON = Duration.ofDays(731);

    private Projector() {}

    /** The deterministic projection: median durations, no sampling. */
    public static Schedule project(Snapshot snapshot) {
        Projection p = new Projection(snapshot);
        return p.schedule(null, 0);
    }

    /**
     * The deterministic projection plus P50/P90 per step and the on-target probability from {@code
     * samples} runs. The same seed gives the same schedule.
     */
    public static Schedule simulate(Snapshot snapshot, int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException(
                    "A simulation needs at least one sample, not " + samples + ".");
        }
        Projection p = new Projection(snapshot);
        MonteCarlo mc = new MonteCarlo(p, samples, seed);
        mc.run();
        return p.schedule(mc, samples);
    }

    /** One projection run: the graph, the calendar and the deterministic dates. */
    static final class Projection {

        final ProjectionGraph g;
        final ReleaseWindows windows;
        final DeployCalendar[] calendarOf;
        final long[] start;
        final long[] end;
        final boolean[] overdue;

        /**
         * What held a node: >= 0 a dependency edge, -1 nothing, -2 a window (see {@link
         * #windowHeld}).
         */
        final int[] heldByEdge;

        final String[] windowHeld;

        /** A deploy for which no window opens within the horizon, by node; else null. */
        final Conflict[] noWindow;

        Projection(Snapshot snapshot) {
            g = new ProjectionGraph(snapshot);
            windows =
                    ReleaseWindows.shared(
                            snapshot.windows(), horizonFrom(snapshot), horizonTo(snapshot));
            windows.unreadable()
                    .forEach(
                            (id, sentence) ->
                                    g.conflicts.add(
                                            new Conflict(
                                                    null,
                                                    null,
                                                    "unreadable-window",
                                                    "Window " + id + " is left out: " + sentence)));
            calendarOf = new DeployCalendar[g.releases.length];
            int n = g.n;
            start = new long[n];
            end = new long[n];
            overdue = new boolean[n];
            heldByEdge = new int[n];
            windowHeld = new String[n];
            noWindow = new Conflict[n];
            project();
        }

        static Instant horizonFrom(Snapshot snapshot) {
            return snapshot.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        }

        static Instant horizonTo(Snapshot snapshot) {
            Instant latest = snapshot.now();
            for (ReleaseState r : snapshot.releases()) {
                if (r.status() == ReleaseStatus.PLANNED
                        && r.start() != null
                        && r.start().isAfter(latest)) {
                    latest = r.start();
                }
            }
            return latest.truncatedTo(ChronoUnit.DAYS).plus(HORIZON);
        }

        DeployCalendar calendar(int release) {
            DeployCalendar c = calendarOf[release];
            if (c == null) {
                ReleaseState rs = g.releases[release];
                c = windows.calendar(rs.productLine(), rs.model());
                calendarOf[release] = c;
            }
            return c;
        }

        /**
         * Earliest start of a step still to run, before its predecessors: now, or its release's
         * start.
         */
        long base(int node) {
            long rs = g.releaseStart[g.release[node]];
            return Math.max(g.now, rs);
        }

        private void project() {
            for (int u : g.order) {
                projectNode(u);
            }
        }

        /**
         * One node's dates from its predecessors' (already projected) ends; what held it and a
         * missing window are set afresh, so a kept projection can re-project a node again.
         */
        void projectNode(int u) {
            long now = g.now;
            heldByEdge[u] = -1;
            windowHeld[u] = null;
            overdue[u] = false;
            noWindow[u] = null;
            byte status = g.status[u];
            if (status == ProjectionGraph.DONE) {
                long as = g.actualStart[u];
                long ae = g.actualEnd[u];
                start[u] = as != ProjectionGraph.NONE ? as : ae;
                end[u] = ae != ProjectionGraph.NONE ? ae : as;
            } else if (status == ProjectionGraph.ACTIVE) {
                projectActive(u, now);
            } else {
                long inRelease = base(u);
                long upstream = Long.MIN_VALUE;
                int upstreamEdge = -1;
                for (int k = g.inStart[u]; k < g.inStart[u + 1]; k++) {
                    int e = g.inEdges[k];
                    if (g.ignored[e]) {
                        continue;
                    }
                    long t = end[g.edgeFrom[e]] + g.edgeLag[e];
                    if (g.edgeDependency[e] < 0) {
                        inRelease = Math.max(inRelease, t);
                    } else if (t > upstream) {
                        upstream = t;
                        upstreamEdge = e;
                    }
                }
                long s = Math.max(inRelease, upstream);
                start[u] = s;
                if (upstream > inRelease) {
                    heldByEdge[u] = upstreamEdge;
                }
                if (g.window[u]) {
                    waitForWindow(u, s);
                } else {
                    end[u] = s + g.durations.median[g.spec[u]];
                }
            }
        }

        private void projectActive(int u, long now) {
            long as = g.actualStart[u];
            long due = g.due[u];
            start[u] = as;
            if (g.upstreamWait[u]) {
                end[u] =
                        Math.max(
                                as,
                                now); // the upstream edges into what follows say how long it waits
                return;
            }
            if (g.window[u]) {
                if (due != ProjectionGraph.NONE) {
                    end[u] = Math.max(due, now);
                } else {
                    waitForWindow(u, Math.max(as, now));
                }
                return;
            }
            if (due != ProjectionGraph.NONE) {
                if (due > now) {
                    end[u] = due;
                } else {
                    end[u] = now;
                    overdue[u] = true;
                }
                return;
            }
            long e = as + g.durations.median[g.spec[u]];
            if (e < now) {
                end[u] = now;
                overdue[u] = true;
            } else {
                end[u] = e;
            }
        }

        private void waitForWindow(int u, long ready) {
            DeployCalendar c = calendar(g.release[u]);
            long open = c.nextOpen(ready);
            if (open == ReleaseWindows.NEVER) {
                end[u] = ready;
                ReleaseState rs = g.releases[g.release[u]];
                noWindow[u] =
                        new Conflict(
                                rs.key(),
                                g.stepOf(u).activityId(),
                                "no-window",
                                "No release window opens for "
                                        + rs.key()
                                        + " after "
                                        + Instant.ofEpochSecond(ready)
                                        + " within the calendar's horizon.");
            } else {
                end[u] = open;
                if (open > ready) {
                    heldByEdge[u] = -2;
                    windowHeld[u] = c.heldBy(ready);
                }
            }
        }

        String heldBy(int u) {
            int e = heldByEdge[u];
            if (e == -2) {
                return windowHeld[u];
            }
            return e >= 0 ? g.label(g.edgeFrom[e]) : null;
        }

        Schedule schedule(MonteCarlo mc, int samples) {
            List<ProjectedRelease> out = new ArrayList<>(g.releases.length);
            for (int r = 0; r < g.releases.length; r++) {
                if (g.procedureOf[r] != null) {
                    out.add(release(r, mc));
                }
            }
            return new Schedule(g.snapshot.now(), out, conflicts(), samples);
        }

        /** The graph's and windows' conflicts, then the deploys without a window in node order. */
        List<Conflict> conflicts() {
            List<Conflict> all = new ArrayList<>(g.conflicts);
            for (Conflict c : noWindow) {
                if (c != null) {
                    all.add(c);
                }
            }
            return List.copyOf(all);
        }

        /** The Instants made for the release being written, by second: a few, reused. */
        private final long[] recentSeconds = new long[8];

        private final Instant[] recentInstants = new Instant[8];
        private int recent;

        private Instant instant(long seconds) {
            for (int i = 0; i < recentInstants.length; i++) {
                if (recentSeconds[i] == seconds && recentInstants[i] != null) {
                    return recentInstants[i];
                }
            }
            Instant made = Instant.ofEpochSecond(seconds);
            recentSeconds[recent] = seconds;
            recentInstants[recent] = made;
            recent = (recent + 1) & 7;
            return made;
        }

        ProjectedRelease release(int r, MonteCarlo mc) {
            ReleaseState rs = g.releases[r];
            int first = g.firstNode[r];
            ProjectedStep[] steps = new ProjectedStep[g.nodeCount[r]];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = step(first + i, mc);
            }
            int t = g.targetNode[r];
            Instant targetEnd = t < 0 ? null : steps[t - first].end();
            Instant p50 = t < 0 ? null : mc == null ? targetEnd : Instant.ofEpochSecond(mc.p50[t]);
            Instant p90 = t < 0 ? null : mc == null ? targetEnd : Instant.ofEpochSecond(mc.p90[t]);
            double probability;
            if (rs.target() == null || t < 0) {
                probability = 1.0;
            } else if (mc != null) {
                probability = mc.onTarget(t, rs.target().getEpochSecond());
            } else {
                probability = end[t] <= rs.target().getEpochSecond() ? 1.0 : 0.0;
            }
            Outlook outlook;
            if (rs.status() == ReleaseStatus.COMPLETED || rs.status() == ReleaseStatus.STOPPED) {
                outlook = Outlook.DONE;
            } else if (rs.target() != null && t >= 0 && end[t] > rs.target().getEpochSecond()) {
                outlook = Outlook.LATE;
            } else if (mc != null && probability < 0.8) {
                outlook = Outlook.AT_RISK;
            } else {
                outlook = Outlook.ON_TRACK;
            }
            Histogram distribution = mc == null || t < 0 ? null : mc.histogram(t);
            return new ProjectedRelease(
                    rs.key(),
                    List.of(steps),
                    targetEnd,
                    p50,
                    p90,
                    probability,
                    outlook,
                    distribution);
        }

        private ProjectedStep step(int u, MonteCarlo mc) {
            Step s = g.stepOf(u);
            byte status = g.status[u];
            StepStatus st =
                    status == ProjectionGraph.DONE
                            ? StepStatus.DONE
                            : status == ProjectionGraph.ACTIVE
                                    ? StepStatus.ACTIVE
                                    : StepStatus.PLANNED;
            // Fewer Instants: at 100k releases the output objects are most of the work, and one
            // step's end is often the next one's start.
            Instant startI = instant(start[u]);
            Instant endI = instant(end[u]);
            long asS = g.actualStart[u];
            long aeS = g.actualEnd[u];
            Instant as = asS == ProjectionGraph.NONE ? null : instant(asS);
            Instant ae = aeS == ProjectionGraph.NONE ? null : instant(aeS);
            Instant p50 = mc == null || mc.p50[u] == end[u] ? endI : instant(mc.p50[u]);
            Instant p90 = mc == null || mc.p90[u] == end[u] ? endI : instant(mc.p90[u]);
            DurationSource source =
                    status == ProjectionGraph.PLANNED
                            ? g.durations.source[g.spec[u]]
                            : DurationSource.ACTUAL;
            return new ProjectedStep(
                    s.activityId(),
                    s.name(),
                    s.milestone(),
                    st,
                    startI,
                    endI,
                    as,
                    ae,
                    p50,
                    p90,
                    source,
                    overdue[u],
                    heldBy(u));
        }
    }
}
