package org.ntk4j.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Both {@link LinalgOps} against the definition: axpy and the rank update must give exactly the
 * bits of the sequential fused multiply-adds they promise; dot within its rounding bound. Sizes
 * walk through every tail of the strips and vectors.
 */
class LinalgOpsTest {

    private static final double U = 0x1p-53;

    private static LinalgOps[] implementations() {
        return Simd.vectorAvailable()
                ? new LinalgOps[] {ScalarLinalgOps.INSTANCE, Simd.linalg(Simd.Impl.VECTOR)}
                : new LinalgOps[] {ScalarLinalgOps.INSTANCE};
    }

    private static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }

    @Test
    void vectorOpsAreAvailableUnderTheBuild() {
        Assumptions.assumeTrue(Simd.vectorAvailable());
        assertEquals("vector", Simd.linalg(Simd.Impl.VECTOR).name());
    }

    @Test
    void rankUpdateIsTheSequenceOfFusedMultiplyAdds() {
        for (LinalgOps ops : implementations()) {
            int w = ops.stripWidth();
            for (int rows : new int[] {0, 1, 3, 4, 5, 8, 9, 16, 17}) {
                for (int cols : new int[] {0, 1, 7, 8, 9, w - 1, w, w + 1, 2 * w + 5}) {
                    for (int kLen : new int[] {0, 1, 5, 16}) {
                        for (int diag : new int[] {-2, 0, 1, 3, 1 << 20}) {
                            check(ops, rows, cols, kLen, diag, 1000L * rows + 10L * cols + kLen);
                        }
                    }
                }
            }
        }
    }

    private static void check(LinalgOps ops, int rows, int cols, int kLen, int diag, long seed) {
        int lda = kLen + 3;
        int ldb = kLen + 2;
        int ldc = cols + 4;
        double[] a = random(rows * lda + 1, seed);
        double[] b = random(Math.max(cols * ldb, 1), seed + 1);
        double[] c = random(rows * ldc + 2, seed + 2);
        double[] expected = c.clone();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols && j <= i + diag; j++) {
                double s = expected[1 + i * ldc + j];
                for (int k = 0; k < kLen; k++) {
                    s = Math.fma(-a[1 + i * lda + k], b[j * ldb + k], s);
                }
                expected[1 + i * ldc + j] = s;
            }
        }
        int w = ops.stripWidth();
        double[] packed = new double[Math.max(1, (cols + w - 1) / w * w * kLen)];
        ops.pack(b, 0, ldb, cols, kLen, packed);
        ops.rankUpdate(a, 1, lda, rows, packed, 0, cols, kLen, c, 1, ldc, diag);
        assertArrayEquals(expected, c, () -> ops.name() + " rows " + rows + " cols " + cols + " k " + kLen + " diag " + diag);
    }

    @Test
    void rankUpdateFromAStripOffsetTouchesOnlyItsColumns() {
        for (LinalgOps ops : implementations()) {
            int w = ops.stripWidth();
            int cols = 3 * w;
            int kLen = 6;
            double[] b = random(cols * kLen, 5);
            double[] a = random(4 * kLen, 6);
            double[] packed = new double[cols * kLen];
            ops.pack(b, 0, kLen, cols, kLen, packed);
            double[] c = random(4 * cols, 7);
            double[] whole = c.clone();
            ops.rankUpdate(a, 0, kLen, 4, packed, 0, cols, kLen, whole, 0, cols, cols);
            // the same update in two calls: strip 0, then strips 1-2 from offset w·kLen
            ops.rankUpdate(a, 0, kLen, 4, packed, 0, w, kLen, c, 0, cols, cols);
            ops.rankUpdate(a, 0, kLen, 4, packed, w * kLen, 2 * w, kLen, c, w, cols, cols);
            assertArrayEquals(whole, c, ops.name());
        }
    }

    @Test
    void axpyIsOneFusedMultiplyAddPerEntry() {
        for (LinalgOps ops : implementations()) {
            for (int n = 0; n < 40; n++) {
                double[] x = random(n + 2, n);
                double[] y = random(n + 3, n + 100);
                double[] expected = y.clone();
                for (int k = 0; k < n; k++) {
                    expected[3 + k] = Math.fma(-0.75, x[2 + k], expected[3 + k]);
                }
                ops.axpy(-0.75, x, 2, y, 3, n);
                assertArrayEquals(expected, y, ops.name() + " n " + n);
            }
        }
    }

    @Test
    void dotWithinItsRoundingBound() {
        for (LinalgOps ops : implementations()) {
            for (int n = 0; n < 70; n++) {
                double[] a = random(n + 1, 2 * n);
                double[] b = random(n + 1, 2 * n + 1);
                double exact = 0;
                double abs = 0;
                java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
                for (int k = 0; k < n; k++) {
                    sum = sum.add(new java.math.BigDecimal(a[1 + k]).multiply(new java.math.BigDecimal(b[1 + k])));
                    abs += Math.abs(a[1 + k] * b[1 + k]);
                }
                exact = sum.doubleValue();
                // any summation order: |error| ≤ γ_n Σ|a_k b_k| (Higham eq. 3.5), γ_n ≈ n u
                double bound = (n + 1) * U * abs + Double.MIN_VALUE;
                double got = ops.dot(a, 1, b, 1, n);
                assertTrue(Math.abs(got - exact) <= bound, ops.name() + " n " + n + ": " + Math.abs(got - exact));
            }
        }
    }

    @Test
    void namesAndDiagonalTableShapes() {
        assertEquals("scalar", Simd.linalg(Simd.Impl.SCALAR).name());
        assertEquals("vector", Simd.linalg(Simd.Impl.VECTOR).name());
        // a program of 3 ops (dense, relu, dense) has 4 rows: the input row and one per op
        Recursion pr = Recursion.of(org.ntk4j.kernel.Stax.mlp(1, org.ntk4j.kernel.Stax.relu(), 1.5, 0.1));
        double[] dots = {4.0, 9.0};
        for (KernelOps ops : new KernelOps[] {Simd.ops(Simd.Impl.SCALAR), Simd.ops(Simd.Impl.VECTOR)}) {
            DiagonalTables d = ops.diagonals(pr, dots, 2, 2);
            assertEquals(pr.length() + 1, d.rows());
            assertEquals(2, d.size());
            assertEquals(d.rows() * d.size(), d.t().length);
            assertEquals(d.ntk(d.rows() - 1, 1), d.t()[(d.rows() - 1) * d.size() + 1]);
        }
    }
}
