package org.ntk4j.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LinalgOps} on the JDK Vector API. The rank update is an outer-product micro-kernel:
 * 8 rows × 2 vectors of C held in 16 registers, fed per k by 2 contiguous loads of the packed
 * operand and 8 broadcasts, so no horizontal sums are needed and each entry sees exactly the
 * scalar sequence of fused multiply-adds. Loaded by name from {@link Simd}.
 */
public final class VectorLinalgOps implements LinalgOps {

    /** The shared instance; the class is stateless. */
    public static final VectorLinalgOps INSTANCE = new VectorLinalgOps();

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;
    private static final int L = S.length();
    private static final int W = 2 * L;

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
        for (; i + 8 <= rows; i += 8) {
            int ai = ao + i * lda;
            int ci = co + i * ldc;
            for (int s = 0; s < strips; s++) {
                int j0 = s * W;
                // a full block when all 8 rows reach past the strip's last column
                if (j0 + W <= cols && (long) j0 + W - 1 <= (long) i + diag) {
                    block8(a, ai, lda, packed, po + s * W * kLen, kLen, c, ci + j0, ldc);
                } else {
                    for (int r = 0; r < 8; r++) {
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

    private static void block8(double[] a, int ai, int lda, double[] p, int po, int kLen,
                               double[] c, int cij, int ldc) {
        int r0 = cij + 0 * ldc;
        int a0 = ai + 0 * lda;
        int r1 = cij + 1 * ldc;
        int a1 = ai + 1 * lda;
        int r2 = cij + 2 * ldc;
        int a2 = ai + 2 * lda;
        int r3 = cij + 3 * ldc;
        int a3 = ai + 3 * lda;
        int r4 = cij + 4 * ldc;
        int a4 = ai + 4 * lda;
        int r5 = cij + 5 * ldc;
        int a5 = ai + 5 * lda;
        int r6 = cij + 6 * ldc;
        int a6 = ai + 6 * lda;
        int r7 = cij + 7 * ldc;
        int a7 = ai + 7 * lda;
        DoubleVector c00 = DoubleVector.fromArray(S, c, r0);
        DoubleVector c01 = DoubleVector.fromArray(S, c, r0 + L);
        DoubleVector c10 = DoubleVector.fromArray(S, c, r1);
        DoubleVector c11 = DoubleVector.fromArray(S, c, r1 + L);
        DoubleVector c20 = DoubleVector.fromArray(S, c, r2);
        DoubleVector c21 = DoubleVector.fromArray(S, c, r2 + L);
        DoubleVector c30 = DoubleVector.fromArray(S, c, r3);
        DoubleVector c31 = DoubleVector.fromArray(S, c, r3 + L);
        DoubleVector c40 = DoubleVector.fromArray(S, c, r4);
        DoubleVector c41 = DoubleVector.fromArray(S, c, r4 + L);
        DoubleVector c50 = DoubleVector.fromArray(S, c, r5);
        DoubleVector c51 = DoubleVector.fromArray(S, c, r5 + L);
        DoubleVector c60 = DoubleVector.fromArray(S, c, r6);
        DoubleVector c61 = DoubleVector.fromArray(S, c, r6 + L);
        DoubleVector c70 = DoubleVector.fromArray(S, c, r7);
        DoubleVector c71 = DoubleVector.fromArray(S, c, r7 + L);
        for (int k = 0; k < kLen; k++) {
            int pk = po + k * W;
            DoubleVector b0 = DoubleVector.fromArray(S, p, pk);
            DoubleVector b1 = DoubleVector.fromArray(S, p, pk + L);
            DoubleVector x;
            x = DoubleVector.broadcast(S, a[a0 + k]);
            c00 = b0.fma(x, c00); c01 = b1.fma(x, c01);
            x = DoubleVector.broadcast(S, a[a1 + k]);
            c10 = b0.fma(x, c10); c11 = b1.fma(x, c11);
            x = DoubleVector.broadcast(S, a[a2 + k]);
            c20 = b0.fma(x, c20); c21 = b1.fma(x, c21);
            x = DoubleVector.broadcast(S, a[a3 + k]);
            c30 = b0.fma(x, c30); c31 = b1.fma(x, c31);
            x = DoubleVector.broadcast(S, a[a4 + k]);
            c40 = b0.fma(x, c40); c41 = b1.fma(x, c41);
            x = DoubleVector.broadcast(S, a[a5 + k]);
            c50 = b0.fma(x, c50); c51 = b1.fma(x, c51);
            x = DoubleVector.broadcast(S, a[a6 + k]);
            c60 = b0.fma(x, c60); c61 = b1.fma(x, c61);
            x = DoubleVector.broadcast(S, a[a7 + k]);
            c70 = b0.fma(x, c70); c71 = b1.fma(x, c71);
        }
        c00.intoArray(c, r0); c01.intoArray(c, r0 + L);
        c10.intoArray(c, r1); c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2); c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3); c31.intoArray(c, r3 + L);
        c40.intoArray(c, r4); c41.intoArray(c, r4 + L);
        c50.intoArray(c, r5); c51.intoArray(c, r5 + L);
        c60.intoArray(c, r6); c61.intoArray(c, r6 + L);
        c70.intoArray(c, r7); c71.intoArray(c, r7 + L);
    }

    /** One row of one strip, the first {@code count} (≤ W) columns, under lane masks. */
    private static void row(double[] a, int ai, double[] p, int po, int kLen, double[] c, int cij, int count) {
        for (int v = 0; v < W / L && v * L < count; v++) {
            VectorMask<Double> m = S.indexInRange(v * L, count);
            DoubleVector acc = DoubleVector.fromArray(S, c, cij + v * L, m);
            for (int k = 0; k < kLen; k++) {
                acc = DoubleVector.fromArray(S, p, po + k * W + v * L).fma(DoubleVector.broadcast(S, a[ai + k]), acc);
            }
            acc.intoArray(c, cij + v * L, m);
        }
    }
}
