package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** CG against a dense solve on matrices with a kernel-like spectrum (fast decay plus a shift). */
class BlockCgTest {

    /** A = Q diag(λ) Qᵀ with λ_i = 100 · 0.7^i: numerical rank ~ 60 of n = 120, like a kernel. */
    static DMatrixRMaj kernelLike(int n, long seed) {
        Random r = new Random(seed);
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        for (int i = 0; i < n * n; i++) {
            g.data[i] = r.nextGaussian();
        }
        DMatrixRMaj q = new DMatrixRMaj(n, n);
        org.ejml.dense.row.decomposition.qr.QRDecompositionHouseholderColumn_DDRM qr =
                new org.ejml.dense.row.decomposition.qr.QRDecompositionHouseholderColumn_DDRM();
        qr.decompose(g);
        qr.getQ(q, false);
        DMatrixRMaj qd = q.copy();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                qd.data[i * n + j] *= 100 * Math.pow(0.7, j);
            }
        }
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(qd, q, a);
        return a;
    }

    static BlockCg.Operator dense(DMatrixRMaj[] a, int n, int k) {
        return v -> {
            double[][] out = new double[v.length][];
            for (int s = 0; s < v.length; s++) {
                if (v[s] != null) {
                    DMatrixRMaj o = new DMatrixRMaj(n, k);
                    CommonOps_DDRM.mult(a[s], DMatrixRMaj.wrap(n, k, v[s]), o);
                    out[s] = o.data;
                }
            }
            return out;
        };
    }

    /**
     * The error of a CG solution with relative residual ≤ tol is at most κ(A) · tol relative:
     * κ = (100 + σ²)/σ² = 1e5 for σ² = 1e-3, so tol 1e-12 bounds it by 1e-7.
     */
    @Test
    void solvesBothSystemsToTheStatedResidual() {
        int n = 120;
        int k = 3;
        DMatrixRMaj[] a = {kernelLike(n, 1), kernelLike(n, 2)};
        double[] sigma2 = {1e-3, 1e-3};
        Random r = new Random(3);
        double[] b = new double[n * k];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextGaussian();
        }
        for (int rank : new int[] {0, 20}) {
            LowRankPreconditioner[] pre = new LowRankPreconditioner[2];
            if (rank > 0) {
                double[][] diag = {diag(a[0]), diag(a[1])};
                DMatrixRMaj[] l = Preconditioners.pivotedCholesky(diag, rank, 1, columnsOf(a));
                pre = new LowRankPreconditioner[] {new LowRankPreconditioner(l[0], sigma2[0]),
                    new LowRankPreconditioner(l[1], sigma2[1])};
            }
            BlockCg.Result res = BlockCg.solve(dense(a, n, k), sigma2, new double[][] {b, b}, n, k, pre, 1e-12, 2000, null);
            for (int s = 0; s < 2; s++) {
                assertTrue(res.converged()[s]);
                assertTrue(res.finalResidual(s) <= 1e-12);
                DMatrixRMaj shifted = a[s].copy();
                for (int i = 0; i < n; i++) {
                    shifted.add(i, i, sigma2[s]);
                }
                DMatrixRMaj exact = new DMatrixRMaj(n, k);
                CommonOps_DDRM.solve(shifted, DMatrixRMaj.wrap(n, k, b), exact);
                assertEquals(0, SingleMachine.frobeniusRelative(res.x()[s], exact.data), 1e-7, "rank " + rank);
            }
        }
    }

    /** A good preconditioner cuts the iterations: rank 60 captures the spectrum down to σ². */
    @Test
    void preconditioningReducesIterationsAndTheLimitIsReported() {
        int n = 120;
        int k = 2;
        DMatrixRMaj[] a = {kernelLike(n, 4), kernelLike(n, 5)};
        double[] sigma2 = {1e-4, 1e-4};
        double[] b = new double[n * k];
        java.util.Arrays.fill(b, 1);
        BlockCg.Result plain = BlockCg.solve(dense(a, n, k), sigma2, new double[][] {b, b}, n, k,
                new LowRankPreconditioner[2], 1e-10, 5000, null);
        DMatrixRMaj[] l = Preconditioners.pivotedCholesky(new double[][] {diag(a[0]), diag(a[1])}, 60, 8, columnsOf(a));
        BlockCg.Result pre = BlockCg.solve(dense(a, n, k), sigma2, new double[][] {b, b}, n, k,
                new LowRankPreconditioner[] {new LowRankPreconditioner(l[0], 1e-4), new LowRankPreconditioner(l[1], 1e-4)},
                1e-10, 5000, null);
        assertTrue(pre.iterations()[0] * 3 < plain.iterations()[0], pre.iterations()[0] + " vs " + plain.iterations()[0]);
        BlockCg.Result capped = BlockCg.solve(dense(a, n, k), sigma2, new double[][] {b, b}, n, k,
                new LowRankPreconditioner[2], 1e-10, 5, null);
        assertFalse(capped.converged()[0]);
        assertEquals(5, capped.iterations()[0]);
    }

    static double[] diag(DMatrixRMaj a) {
        double[] d = new double[a.numRows];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i, i);
        }
        return d;
    }

    static KernelColumns columnsOf(DMatrixRMaj[] a) {
        return pts -> {
            int n = a[0].numRows;
            double[][] out = new double[2][n * pts.length];
            for (int s = 0; s < 2; s++) {
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < pts.length; c++) {
                        out[s][i * pts.length + c] = a[s].get(i, pts[c]);
                    }
                }
            }
            return out;
        };
    }
}
