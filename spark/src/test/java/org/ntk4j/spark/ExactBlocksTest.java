package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Fixed-point block sums: the same bits in any order and grouping, and close to the exact sum. */
class ExactBlocksTest {

    /**
     * Contributions of mixed signs and magnitudes over 30 decades, merged in a shuffled order and
     * random groups, always give the bits of the in-order sum; the result is within one part in
     * 2^50 of the exact (BigDecimal) sum relative to the bound: the truncation below 2^(E-124)
     * is far smaller, the last step rounds the 124-bit integer to a double (≤ 1 ulp of the bound
     * scale, 2^-52 of 2^E, plus one rounding of the sum of the two parts).
     */
    @Test
    void orderAndGroupingDoNotChangeTheBits() {
        qt().withExamples(200).forAll(integers().between(1, 60), longs().all()).checkAssert((parts, seed) -> {
            Random r = new Random(seed);
            int len = 7;
            double bound = 0;
            List<double[]> contributions = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                double[] c = new double[len];
                for (int i = 0; i < len; i++) {
                    c[i] = (r.nextBoolean() ? 1 : -1) * Math.pow(10, -25 + 30 * r.nextDouble());
                }
                contributions.add(c);
            }
            for (int i = 0; i < len; i++) {
                double abs = 0;
                for (double[] c : contributions) {
                    abs += Math.abs(c[i]);
                }
                bound = Math.max(bound, abs);
            }
            int[] e = {ExactBlocks.exponentFor(bound * 1.01)};
            ExactBlocks ordered = new ExactBlocks(e, 1);
            for (double[] c : contributions) {
                ordered.add(0, 0, c, len);
            }
            List<double[]> shuffled = new ArrayList<>(contributions);
            Collections.shuffle(shuffled, r);
            ExactBlocks merged = new ExactBlocks(e, 1);
            ExactBlocks group = new ExactBlocks(e, 1);
            for (double[] c : shuffled) {
                group.add(0, 0, c, len);
                if (r.nextInt(3) == 0) {
                    merged = r.nextBoolean() ? merged.merge(group) : group.merge(merged);
                    group = new ExactBlocks(e, 1);
                }
            }
            merged.merge(group);
            double[] a = new double[len];
            double[] b = new double[len];
            ordered.copyTo(0, 0, a, 0, len);
            merged.copyTo(0, 0, b, 0, len);
            assertArrayEquals(a, b, 0.0);
            for (int i = 0; i < len; i++) {
                BigDecimal exact = BigDecimal.ZERO;
                for (double[] c : contributions) {
                    exact = exact.add(new BigDecimal(c[i]));
                }
                double err = exact.subtract(new BigDecimal(a[i]), MathContext.DECIMAL128).abs().doubleValue();
                assertEquals(0, err, Math.scalb(1.0, e[0] - 50), "entry " + i);
            }
        });
    }

    @Test
    void untouchedBlocksAreZeroAndBoundsAreEnforced() {
        ExactBlocks acc = new ExactBlocks(new int[] {ExactBlocks.exponentFor(1.0), 0}, 3);
        double[] out = {7, 7};
        acc.copyTo(0, 2, out, 0, 2);
        assertArrayEquals(new double[] {0, 0}, out, 0.0);
        acc.add(0, 1, new double[] {0.75, -0.5}, 2);
        acc.copyTo(0, 1, out, 0, 2);
        assertArrayEquals(new double[] {0.75, -0.5}, out, 0.0);
        assertThrows(IllegalStateException.class, () -> acc.add(0, 0, new double[] {4.5}, 1));
    }
}
