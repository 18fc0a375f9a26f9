package org.ntk4j.predict;

import org.ejml.data.DMatrixRMaj;
import org.ntk4j.linalg.Cholesky;
import org.ntk4j.linalg.Solver;

/**
 * Exact Gaussian-process regression with a kernel k (Rasmussen &amp; Williams 2006, alg. 2.1):
 * mean k(X*, X)(K + r I)⁻¹ Y, covariance k(X*, X*) − k(X*, X)(K + r I)⁻¹ k(X, X*), with
 * r = diagReg · mean(diag K). With the NNGP this is the infinitely wide Bayesian network
 * (Lee et al. 2018); with the NTK, the mean is the t = ∞ output of gradient descent on squared
 * loss from f₀ = 0 (Jacot et al. 2018). Holds the Cholesky factor and α = (K + r I)⁻¹ Y.
 */
public final class GpPosterior {

    private final Cholesky chol;
    private final DMatrixRMaj alpha;
    private final Solver solver;

    private GpPosterior(Cholesky chol, DMatrixRMaj alpha, Solver solver) {
        this.chol = chol;
        this.alpha = alpha;
        this.solver = solver;
    }

    /**
     * Conditions on the training set, leaving the caller's kernel as it was (the factor is made
     * in a copy: n² more doubles; {@link #fitInPlace} saves them).
     *
     * @param kTrain  K(X, X), n × n symmetric; not modified
     * @param yTrain  Y, n × k; not modified
     * @param diagReg jitter relative to the mean diagonal, ≥ 0 (neural-tangents' diag_reg)
     */
    public static GpPosterior fit(DMatrixRMaj kTrain, DMatrixRMaj yTrain, double diagReg, Solver solver) {
        Checks.requireRows(yTrain, kTrain.numRows, "the targets", "the train kernel");
        return fitInPlace(kTrain.copy(), yTrain, diagReg, solver);
    }

    /**
     * Conditions on the training set, factoring the kernel in place: afterwards {@code kTrain}'s
     * lower triangle holds the Cholesky factor and the kernel is gone. For kernels too large to
     * copy.
     *
     * @param kTrain  K(X, X), n × n symmetric; destroyed (overwritten by its factor)
     * @param yTrain  Y, n × k; not modified
     * @param diagReg jitter relative to the mean diagonal, ≥ 0 (neural-tangents' diag_reg)
     */
    public static GpPosterior fitInPlace(DMatrixRMaj kTrain, DMatrixRMaj yTrain, double diagReg, Solver solver) {
        Checks.requireRows(yTrain, kTrain.numRows, "the targets", "the train kernel");
        Cholesky c = solver.factorInPlace(kTrain, diagReg);
        return new GpPosterior(c, solver.solve(c, yTrain), solver);
    }

    /** n. */
    public int trainSize() {
        return chol.size();
    }

    /** The Cholesky factor behind this posterior. */
    public Cholesky cholesky() {
        return chol;
    }

    /** α = (K + r I)⁻¹ Y, n × k (a fresh copy). */
    public DMatrixRMaj alpha() {
        return alpha.copy();
    }

    /**
     * The posterior mean k(X*, X) α.
     *
     * @param kTestTrain m × n; not modified
     * @return m × k
     */
    public DMatrixRMaj mean(DMatrixRMaj kTestTrain) {
        Checks.requireCols(kTestTrain, trainSize(), "the test/train kernel");
        return solver.times(kTestTrain, alpha);
    }

    /**
     * The posterior covariance k(X*, X*) − Zᵀ Z with Z = L⁻¹ k(X, X*).
     *
     * @param kTestTrain m × n; not modified
     * @param kTestTest  m × m; not modified
     * @return m × m
     */
    public DMatrixRMaj covariance(DMatrixRMaj kTestTrain, DMatrixRMaj kTestTest) {
        Checks.requireCols(kTestTrain, trainSize(), "the test/train kernel");
        Checks.requireSquare(kTestTest, kTestTrain.numRows, "the test/test kernel");
        DMatrixRMaj z = lowerSolved(kTestTrain);
        DMatrixRMaj cov = kTestTest.copy();
        org.ejml.dense.row.CommonOps_DDRM.multAddTransA(-1, z, z, cov);
        return cov;
    }

    /**
     * The posterior variances k(x*, x*) − ‖L⁻¹ k(X, x*)‖² (the covariance diagonal).
     *
     * @param kTestTrain m × n; not modified
     * @param kTestDiag  k(x*_i, x*_i), length m; not modified
     */
    public double[] variance(DMatrixRMaj kTestTrain, double[] kTestDiag) {
        Checks.requireCols(kTestTrain, trainSize(), "the test/train kernel");
        if (kTestDiag.length != kTestTrain.numRows) {
            throw new IllegalArgumentException("the test diagonal has " + kTestDiag.length + " entries for "
                    + kTestTrain.numRows + " test points");
        }
        DMatrixRMaj z = lowerSolved(kTestTrain);
        int n = z.numRows;
        int m = z.numCols;
        double[] v = kTestDiag.clone();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double zij = z.data[i * m + j];
                v[j] -= zij * zij;
            }
        }
        return v;
    }

    private DMatrixRMaj lowerSolved(DMatrixRMaj kTestTrain) {
        DMatrixRMaj kt = new DMatrixRMaj(kTestTrain.numCols, kTestTrain.numRows);
        org.ejml.dense.row.CommonOps_DDRM.transpose(kTestTrain, kt);
        return solver.solveLower(chol, kt);
    }
}
