package org.ntk4j.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LinalgOps} on the JDK Vector API. The rank update is an outer-product micro-kernel:
 * 4 rows × 3 vectors of C held in 12 registers, fed per k by 3 contiguous loads of the packed
 * operand and 4 broadcasts, so no horizontal sums are needed and each entry sees exactly the
 * scalar sequence of fused multiply-adds. Loaded by name from {@link Simd}.
 */
public final class VectorLinalgOps implements LinalgOps {

    /** The shared instance; the class is stateless. */
    public static final VectorLinalgOps INSTANCE = new VectorLinalgOps();

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;
    private static final int L = S.length();
    private static final int W = 3 * L;

    private VectorLinalgOps() {
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public double dot(double[] a, int ao, double[] b, int bo, int n) {
        if (n < 2 * L) {
            return ScalarLinalgOps.INSTANCE.dot(a, ao, b, bo, n);
        }
        int bound = S.loopBound(n);
        DoubleVector acc0 = DoubleVector.zero(S);
        DoubleVector acc1 = acc0;
        int k = 0;
        for (; k + 2 * L <= bound; k += 2 * L) {
            acc0 = DoubleVector.fromArray(S, a, ao + k).fma(DoubleVector.fromArray(S, b, bo + k), acc0);
            acc1 = DoubleVector.fromArray(S, a, ao + k + L).fma(DoubleVector.fromArray(S, b, bo + k + L), acc1);
        }
        for (; k < bound; k += L) {
            acc0 = DoubleVector.fromArray(S, a, ao + k).fma(DoubleVector.fromArray(S, b, bo + k), acc0);
        }
        DoubleVector acc = acc0.add(acc1);
        double s = 0;
        for (int l = 0; l < L; l++) { // fixed order: reduceLanes(ADD) leaves its order unspecified
            s += acc.lane(l);
        }
        for (; k < n; k++) {
            s = Math.fma(a[ao + k], b[bo + k], s);
        }
        return s;
    }

    @Override
    public void axpy(double alpha, double[] x, int xo, double[] y, int yo, int n) {
        int bound = S.loopBound(n);
        DoubleVector av = DoubleVector.broadcast(S, alpha);
        int k = 0;
        for (; k < bound; k += L) {
            // fma(x, alpha, y) rounds x·alpha + y once, the same bits as Math.fma(alpha, x, y)
            DoubleVector.fromArray(S, x, xo + k).fma(av, DoubleVector.fromArray(S, y, yo + k)).intoArray(y, yo + k);
        }
        for (; k < n; k++) {
            y[yo + k] = Math.fma(alpha, x[xo + k], y[yo + k]);
        }
    }

    @Override
    public int stripWidth() {
        return W;
    }

    @Override
    public void rankUpdate(double[] a, int ao, int lda, int rows, double[] packed, int po, int cols, int kLen,
                           double[] c, int co, int ldc, int diag) {
        int strips = (cols + W - 1) / W;
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            int ai = ao + i * lda;
            int ci = co + i * ldc;
            for (int s = 0; s < strips; s++) {
                int j0 = s * W;
                // a full block when all 4 rows reach past the strip's last column
                if (j0 + W <= cols && (long) j0 + W - 1 <= (long) i + diag) {
                    block4(a, ai, lda, packed, po + s * W * kLen, kLen, c, ci + j0, ldc);
                } else {
                    for (int r = 0; r < 4; r++) {
                        row(a, ai + r * lda, packed, po + s * W * kLen, kLen, c, ci + r * ldc + j0,
                                limit(cols, i + r, diag) - j0);
                    }
                }
            }
        }
        for (; i < rows; i++) {
            for (int s = 0; s < strips; s++) {
                int j0 = s * W;
                row(a, ao + i * lda, packed, po + s * W * kLen, kLen, c, co + i * ldc + j0, limit(cols, i, diag) - j0);
            }
        }
    }

    private static int limit(int cols, int i, int diag) {
        return (int) Math.min(cols, (long) i + diag + 1);
    }

    private static void block4(double[] a, int ai, int lda, double[] p, int po, int kLen,
                               double[] c, int cij, int ldc) {
        int c1 = cij + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        DoubleVector c00 = DoubleVector.fromArray(S, c, cij);
        DoubleVector c01 = DoubleVector.fromArray(S, c, cij + L);
        DoubleVector c02 = DoubleVector.fromArray(S, c, cij + 2 * L);
        DoubleVector c10 = DoubleVector.fromArray(S, c, c1);
        DoubleVector c11 = DoubleVector.fromArray(S, c, c1 + L);
        DoubleVector c12 = DoubleVector.fromArray(S, c, c1 + 2 * L);
        DoubleVector c20 = DoubleVector.fromArray(S, c, c2);
        DoubleVector c21 = DoubleVector.fromArray(S, c, c2 + L);
        DoubleVector c22 = DoubleVector.fromArray(S, c, c2 + 2 * L);
        DoubleVector c30 = DoubleVector.fromArray(S, c, c3);
        DoubleVector c31 = DoubleVector.fromArray(S, c, c3 + L);
        DoubleVector c32 = DoubleVector.fromArray(S, c, c3 + 2 * L);
        int a1 = ai + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        for (int k = 0; k < kLen; k++) {
            int pk = po + k * W;
            DoubleVector b0 = DoubleVector.fromArray(S, p, pk);
            DoubleVector b1 = DoubleVector.fromArray(S, p, pk + L);
            DoubleVector b2 = DoubleVector.fromArray(S, p, pk + 2 * L);
            DoubleVector x0 = DoubleVector.broadcast(S, -a[ai + k]);
            DoubleVector x1 = DoubleVector.broadcast(S, -a[a1 + k]);
            DoubleVector x2 = DoubleVector.broadcast(S, -a[a2 + k]);
            DoubleVector x3 = DoubleVector.broadcast(S, -a[a3 + k]);
            c00 = b0.fma(x0, c00); c01 = b1.fma(x0, c01); c02 = b2.fma(x0, c02);
            c10 = b0.fma(x1, c10); c11 = b1.fma(x1, c11); c12 = b2.fma(x1, c12);
            c20 = b0.fma(x2, c20); c21 = b1.fma(x2, c21); c22 = b2.fma(x2, c22);
            c30 = b0.fma(x3, c30); c31 = b1.fma(x3, c31); c32 = b2.fma(x3, c32);
        }
        c00.intoArray(c, cij); c01.intoArray(c, cij + L); c02.intoArray(c, cij + 2 * L);
        c10.intoArray(c, c1); c11.intoArray(c, c1 + L); c12.intoArray(c, c1 + 2 * L);
        c20.intoArray(c, c2); c21.intoArray(c, c2 + L); c22.intoArray(c, c2 + 2 * L);
        c30.intoArray(c, c3); c31.intoArray(c, c3 + L); c32.intoArray(c, c3 + 2 * L);
    }

    /** One row of one strip, the first {@code count} (≤ W) columns, under lane masks. */
    private static void row(double[] a, int ai, double[] p, int po, int kLen, double[] c, int cij, int count) {
        for (int v = 0; v < 3 && v * L < count; v++) {
            VectorMask<Double> m = S.indexInRange(v * L, count);
            DoubleVector acc = DoubleVector.fromArray(S, c, cij + v * L, m);
            for (int k = 0; k < kLen; k++) {
                acc = DoubleVector.fromArray(S, p, po + k * W + v * L).fma(DoubleVector.broadcast(S, -a[ai + k]), acc);
            }
            acc.intoArray(c, cij + v * L, m);
        }
    }
}
