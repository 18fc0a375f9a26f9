package org.ntk4j.spark;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * The preconditioner P = L Lᵀ + σ² I for K + σ² I, with L n × r from a pivoted Cholesky or a
 * Nyström approximation of K, applied by the Woodbury identity
 * P⁻¹ v = (v − L (σ² I + Lᵀ L)⁻¹ Lᵀ v) / σ² in O(n r) per column (Gardner et al. 2018, §4).
 * Immutable.
 */
public final class LowRankPreconditioner {

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
     * P⁻¹ v for each of the k columns of v.
     *
     * @param v n × k row-major; not modified
     * @return a new n × k array
     */
    public double[] solve(double[] v, int k) {
        int n = l.numRows;
        DMatrixRMaj vm = DMatrixRMaj.wrap(n, k, v);
        DMatrixRMaj out = vm.copy();
        if (rank() > 0) {
            DMatrixRMaj w = new DMatrixRMaj(rank(), k);
            CommonOps_DDRM.multTransA(l, vm, w);
            // (σ² I + LᵀL)⁻¹ w with the lower factor G: G Gᵀ w' = w
            solveLower(innerFactor, w);
            solveUpperTransposed(innerFactor, w);
            CommonOps_DDRM.multAdd(-1, l, w, out);
        }
        CommonOps_DDRM.scale(1 / sigma2, out);
        return out.data;
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
