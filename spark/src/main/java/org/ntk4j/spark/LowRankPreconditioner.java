package org.ntk4j.spark;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ntk4j.exec.Workers;

/**
 * The preconditioner P = L Lᵀ + σ² I for K + σ² I, with L n × r from a pivoted Cholesky or a
 * Nyström approximation of K, applied by the Woodbury identity
 * P⁻¹ v = (v − L (σ² I + Lᵀ L)⁻¹ Lᵀ v) / σ² in O(n r) per column (Gardner et al. 2018, §4).
 * Immutable.
 */
public final class LowRankPreconditioner {

    /** Rows per chunk of the parallel loops (fixed, so the sums' order is). */
    static final int CHUNK = 1024;

    private final DMatrixRMaj l;
    private final DMatrixRMaj innerFactor;
    private final double sigma2;

    /**
     * @param l      n × r; not modified (copied)
     * @param sigma2 σ² &gt; 0
     */
    public LowRankPreconditioner(DMatrixRMaj l, double sigma2) {
        if (!(sigma2 > 0) || Double.isInfinite(sigma2)) {
            throw new IllegalArgumentException("the preconditioner needs sigma^2 > 0 (a --diag-reg > 0), got " + sigma2);
        }
        this.l = l.copy();
        this.sigma2 = sigma2;
        DMatrixRMaj inner = new DMatrixRMaj(l.numCols, l.numCols);
        CommonOps_DDRM.multTransA(l, l, inner);
        for (int i = 0; i < l.numCols; i++) {
            inner.add(i, i, sigma2);
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(l.numCols, true);
        if (l.numCols > 0 && !chol.decompose(inner)) {
            throw new IllegalStateException("sigma^2 I + L^T L is not positive definite (sigma^2 = " + sigma2 + ")");
        }
        this.innerFactor = l.numCols > 0 ? chol.getT(null) : null;
    }

    /** r, the rank. */
    public int rank() {
        return l.numCols;
    }

    /**
     * P⁻¹ v for each of the k columns of v, on all processors: Lᵀ v as partial sums over fixed
     * chunks of {@value #CHUNK} rows added in chunk order, then one row of the result per row of
     * L, so the bits do not depend on the thread count.
     *
     * @param v n × k row-major; not modified
     * @return a new n × k array
     */
    public double[] solve(double[] v, int k) {
        int n = l.numRows;
        int r = rank();
        double[] out = new double[n * k];
        double inv = 1 / sigma2;
        if (r == 0) {
            for (int i = 0; i < n * k; i++) {
                out[i] = v[i] * inv;
            }
            return out;
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        double[][] parts = new double[chunks][r * k];
        double[] ld = l.data;
        try (Workers workers = Workers.all()) {
            workers.forEach(chunks, c -> {
                double[] part = parts[c];
                for (int i = c * CHUNK; i < Math.min(n, (c + 1) * CHUNK); i++) {
                    for (int a = 0; a < r; a++) {
                        double lia = ld[i * r + a];
                        for (int q = 0; q < k; q++) {
                            part[a * k + q] += lia * v[i * k + q];
                        }
                    }
                }
            });
            DMatrixRMaj w = new DMatrixRMaj(r, k);
            for (double[] part : parts) {
                for (int i = 0; i < r * k; i++) {
                    w.data[i] += part[i];
                }
            }
            // (σ² I + LᵀL)⁻¹ w with the lower factor G: G Gᵀ w' = w
            solveLower(innerFactor, w);
            solveUpperTransposed(innerFactor, w);
            double[] wd = w.data;
            workers.forEach(chunks, c -> {
                double[] row = new double[k];
                for (int i = c * CHUNK; i < Math.min(n, (c + 1) * CHUNK); i++) {
                    System.arraycopy(v, i * k, row, 0, k);
                    for (int a = 0; a < r; a++) {
                        double lia = ld[i * r + a];
                        for (int q = 0; q < k; q++) {
                            row[q] -= lia * wd[a * k + q];
                        }
                    }
                    for (int q = 0; q < k; q++) {
                        out[i * k + q] = row[q] * inv;
                    }
                }
            });
        }
        return out;
    }

    /** w ← G⁻¹ w for lower-triangular G. */
    private static void solveLower(DMatrixRMaj g, DMatrixRMaj w) {
        int r = g.numRows;
        int k = w.numCols;
        for (int i = 0; i < r; i++) {
            for (int q = 0; q < k; q++) {
                double s = w.data[i * k + q];
                for (int j = 0; j < i; j++) {
                    s -= g.data[i * r + j] * w.data[j * k + q];
                }
                w.data[i * k + q] = s / g.data[i * r + i];
            }
        }
    }

    /** w ← G⁻ᵀ w for lower-triangular G. */
    private static void solveUpperTransposed(DMatrixRMaj g, DMatrixRMaj w) {
        int r = g.numRows;
        int k = w.numCols;
        for (int i = r - 1; i >= 0; i--) {
            for (int q = 0; q < k; q++) {
                double s = w.data[i * k + q];
                for (int j = i + 1; j < r; j++) {
                    s -= g.data[j * r + i] * w.data[j * k + q];
                }
                w.data[i * k + q] = s / g.data[i * r + i];
            }
        }
    }
}
