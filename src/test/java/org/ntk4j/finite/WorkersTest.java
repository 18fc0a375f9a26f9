package org.ntk4j.finite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ntk4j.simd.KernelOps;
import org.ntk4j.simd.Simd;

/**
 * The tiled Gram of {@link Workers} against one untiled call of the kernel: every entry is the
 * same FMA chain wherever its tile sits (the {@link KernelOps#gram} contract), so the two agree
 * bit for bit on any thread count, and a tile that is skipped, shifted or clipped shows.
 */
class WorkersTest {

    private static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        return x;
    }

    @Test
    void tiledGramIsTheUntiledKernelBitForBit() {
        // (rows of a, rows of b, d, offset of a): 256-row blocks and 1024/d-column blocks with
        // tails (600 = 256 + 256 + 88, 150 = 64 + 64 + 22), one extra row (257), exact blocks,
        // a single tile, many row blocks of one column block, and empty sides
        int[][] shapes = {{600, 150, 300, 17}, {257, 70, 600, 0}, {512, 128, 256, 3}, {255, 64, 512, 0},
                          {1000, 10, 4, 9}, {3, 5, 7, 1}, {0, 5, 7, 0}, {5, 0, 7, 0}};
        for (Simd.Impl impl : new Simd.Impl[] {Simd.Impl.SCALAR, Simd.Impl.AUTO}) {
            KernelOps ops = Simd.ops(impl);
            for (int[] s : shapes) {
                int ra = s[0];
                int rb = s[1];
                int d = s[2];
                int aOff = s[3];
                double[] a = random(aOff + ra * d, ra);
                double[] b = random(rb * d, rb + 1);
                double[] want = new double[ra * rb];
                ops.gram(a, aOff, ra, b, 0, rb, d, want, 0, rb);
                if (ra > 0 && rb > 0) {   // the reference is the dot product it claims to be
                    double dot = 0;
                    for (int k = 0; k < d; k++) {
                        dot += a[aOff + (ra - 1) * d + k] * b[(rb - 1) * d + k];
                    }
                    assertEquals(dot, want[ra * rb - 1], 1e-13 * d);
                }
                for (int threads : new int[] {1, 2, 3}) {
                    double[] got = new double[ra * rb];
                    java.util.Arrays.fill(got, Double.NaN);   // an entry no tile writes stays NaN
                    try (Workers w = new Workers(threads)) {
                        assertEquals(threads, w.threads());
                        w.gram(ops, a, aOff, ra, b, rb, d, got);
                    }
                    assertArrayEquals(want, got, 0.0, ops.name() + " " + java.util.Arrays.toString(s) + " threads " + threads);
                }
            }
        }
    }
}
