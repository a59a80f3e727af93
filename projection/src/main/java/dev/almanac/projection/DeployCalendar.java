package dev.almanac.projection;

import java.util.Arrays;

/**
 * When releases of one applicability may deploy: sorted, disjoint open intervals in epoch seconds,
 * each with the rule whose boundary opened it (a freeze that ended or a release window that began).
 */
final class DeployCalendar {

    private final long[] openStarts;
    private final long[] openEnds;
    private final String[] openedBy;

    private DeployCalendar(long[] openStarts, long[] openEnds, String[] openedBy) {
        this.openStarts = openStarts;
        this.openEnds = openEnds;
        this.openedBy = openedBy;
    }

    /** Allowed minus blocked; both sorted and disjoint. */
    static DeployCalendar of(ReleaseWindows.Intervals allowed, ReleaseWindows.Intervals blocked) {
        ReleaseWindows.Intervals open = new ReleaseWindows.Intervals();
        int b = 0;
        for (int a = 0; a < allowed.size; a++) {
            long cursor = allowed.starts[a];
            long end = allowed.ends[a];
            String opener = allowed.ids[a];
            while (b < blocked.size && blocked.ends[b] <= cursor) {
                b++;
            }
            int k = b;
            while (k < blocked.size && blocked.starts[k] < end) {
                if (blocked.starts[k] > cursor) {
                    open.add(cursor, blocked.starts[k], opener);
                }
                if (blocked.ends[k] > cursor) {
                    cursor = blocked.ends[k];
                    opener = blocked.ids[k];
                }
                k++;
            }
            if (cursor < end) {
                open.add(cursor, end, opener);
            }
        }
        return new DeployCalendar(
                Arrays.copyOf(open.starts, open.size),
                Arrays.copyOf(open.ends, open.size),
                Arrays.copyOf(open.ids, open.size));
    }

    /** Index of the first open interval ending after t, or the count if none. */
    private int firstEndingAfter(long t) {
        int lo = 0;
        int hi = openEnds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (openEnds[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The earliest open second at or after t, or {@link ReleaseWindows#NEVER}. */
    long nextOpen(long t) {
        int i = firstEndingAfter(t);
        if (i == openEnds.length) {
            return ReleaseWindows.NEVER;
        }
        return Math.max(t, openStarts[i]);
    }

    /** The rule that opens the slot a deploy ready at t waits for; null if t is open. */
    String heldBy(long t) {
        int i = firstEndingAfter(t);
        if (i == openEnds.length || openStarts[i] <= t) {
            return null;
        }
        return openedBy[i];
    }
}
