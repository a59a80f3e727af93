package dev.almanac.projection;

/**
 * Exact order statistics of a long array without sorting it. {@link #ranks} buckets the values by
 * their high bits (one counting pass, no data-dependent branches), then selects only inside the
 * bucket that holds the rank: far fewer mispredicted branches than a quickselect over everything.
 */
final class Quantiles {

    private static final int BUCKET_BITS = 8;

    private final int[] counts = new int[1 << BUCKET_BITS];
    private long[] scratch = new long[64];

    /**
     * The values that a full sort of {@code v[0..n)} would put at ranks {@code k1} and {@code k2},
     * into {@code out[0]} and {@code out[1]}. Leaves {@code v} as it was.
     */
    void ranks(long[] v, int n, int k1, int k2, long[] out) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, v[i]);
            max = Math.max(max, v[i]);
        }
        if (min == max) {
            out[0] = min;
            out[1] = min;
            return;
        }
        long range = max - min;
        int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(range) - BUCKET_BITS);
        int[] c = counts;
        java.util.Arrays.fill(c, 0);
        for (int i = 0; i < n; i++) {
            c[(int) ((v[i] - min) >>> shift)]++;
        }
        out[0] = inBucket(v, n, k1, min, shift);
        out[1] = inBucket(v, n, k2, min, shift);
    }

    private long inBucket(long[] v, int n, int k, long min, int shift) {
        int[] c = counts;
        int bucket = 0;
        int before = 0;
        while (before + c[bucket] <= k) {
            before += c[bucket++];
        }
        int size = c[bucket];
        if (scratch.length < size) {
            scratch = new long[Math.max(size, scratch.length * 2)];
        }
        long[] s = scratch;
        int m = 0;
        for (int i = 0; i < n; i++) {
            if ((int) ((v[i] - min) >>> shift) == bucket) {
                s[m++] = v[i];
            }
        }
        select(s, 0, m - 1, k - before);
        return s[k - before];
    }

    /**
     * Rearranges {@code a[lo..hi]} so that {@code a[k]} is the value a full sort would put there.
     */
    static void select(long[] a, int lo, int hi, int k) {
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            long pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
