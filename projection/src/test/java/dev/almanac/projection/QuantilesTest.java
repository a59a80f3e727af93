package dev.almanac.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantilesTest {

    @Test
    void ranksEqualThoseOfAFullSortForSpreadDuplicateAndConstantValues() {
        SplittableRandom random = new SplittableRandom(1);
        Quantiles quantiles = new Quantiles();
        long[] out = new long[2];
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(1500);
            long[] v = new long[n];
            int kind = trial % 3;
            for (int i = 0; i < n; i++) {
                v[i] =
                        kind == 0
                                ? 1_700_000_000L + random.nextLong(1L << random.nextInt(1, 40))
                                : kind == 1 ? 1_700_000_000L + 86_400L * random.nextInt(4) : 42;
            }
            long[] sorted = v.clone();
            Arrays.sort(sorted);
            long[] before = v.clone();
            int k1 = random.nextInt(n);
            int k2 = random.nextInt(n);

            quantiles.ranks(v, n, k1, k2, out);

            assertThat(out).containsExactly(sorted[k1], sorted[k2]);
            assertThat(v).isEqualTo(before);
        }
    }
}
