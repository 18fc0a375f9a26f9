package org.ntk4j.predict;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ntk4j.linalg.Solver;

/**
 * The distribution over the outputs of an infinite ensemble of infinitely wide networks, each
 * initialised at random and trained by gradient flow on squared loss for time t: a Gaussian
 * (Lee et al. 2019, eq. 15-16) with, for A_t = Θ(X*, X) Θ⁻¹ (I − e^{−η Θ t / N}),
 * <pre>
 *   mean       A_t Y
 *   covariance K(X*, X*) + A_t K(X, X) A_tᵀ − (A_t K(X, X*) + K(X*, X) A_tᵀ)
 * </pre>
 * where K is the NNGP and Θ the NTK (+ r I). Costs m n² per call: for modest m.
 */
public final class NtkGp {

    private final GradientDescentMse dynamics;
    private final DMatrixRMaj nngpTrain;
    private final DMatrixRMaj yTrain;

    private NtkGp(GradientDescentMse dynamics, DMatrixRMaj nngpTrain, DMatrixRMaj yTrain) {
        this.dynamics = dynamics;
        this.nngpTrain = nngpTrain;
        this.yTrain = yTrain;
    }

    /**
     * @param ntkTrain  Θ(X, X), n × n; not modified
     * @param nngpTrain K(X, X), n × n; not modified (copied)
     * @param yTrain    Y, n × k; not modified
     */
    public static NtkGp fit(DMatrixRMaj ntkTrain, DMatrixRMaj nngpTrain, DMatrixRMaj yTrain, double diagReg,
                            double learningRate, Solver solver) {
        Checks.requireSquare(nngpTrain, ntkTrain.numRows, "the train NNGP");
        Checks.requireFinite(nngpTrain, "the train NNGP");
        GradientDescentMse gd = GradientDescentMse.fit(ntkTrain, yTrain, diagReg, learningRate, solver);
        return new NtkGp(gd, nngpTrain.copy(), yTrain.copy());
    }

    /**
     * The ensemble's Gaussian at time t.
     *
     * @param ntkTestTrain  Θ(X*, X), m × n; not modified
     * @param nngpTestTrain K(X*, X), m × n; not modified
     * @param nngpTestTest  K(X*, X*), m × m; not modified
     * @param t             ≥ 0, may be +∞
     */
    public Gaussian predict(DMatrixRMaj ntkTestTrain, DMatrixRMaj nngpTestTrain, DMatrixRMaj nngpTestTest, double t) {
        GradientDescentMse.requireTime(t);
        int n = nngpTrain.numRows;
        Checks.requireCols(ntkTestTrain, n, "the test/train NTK");
        Checks.requireCols(nngpTestTrain, n, "the test/train NNGP");
        int m = ntkTestTrain.numRows;
        Checks.requireSquare(nngpTestTest, m, "the test/test NNGP");
        if (nngpTestTrain.numRows != m) {
            throw new IllegalArgumentException("the test/train NNGP has " + nngpTestTrain.numRows
                    + " rows but the test/train NTK has " + m);
        }
        // A = Θ* V diag(g) Vᵀ
        DMatrixRMaj v = dynamics.eigen().vectors();
        DMatrixRMaj p = new DMatrixRMaj(m, n);
        CommonOps_DDRM.mult(ntkTestTrain, v, p);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                p.data[i * n + j] *= dynamics.growth(dynamics.eigen().value(j), t);
            }
        }
        DMatrixRMaj a = new DMatrixRMaj(m, n);
        CommonOps_DDRM.multTransB(p, v, a);
        DMatrixRMaj mean = new DMatrixRMaj(m, yTrain.numCols);
        CommonOps_DDRM.mult(a, yTrain, mean);

        DMatrixRMaj ak = new DMatrixRMaj(m, n);
        CommonOps_DDRM.mult(a, nngpTrain, ak);
        DMatrixRMaj cov = nngpTestTest.copy();
        CommonOps_DDRM.multAddTransB(ak, a, cov);
        DMatrixRMaj cross = new DMatrixRMaj(m, m);
        CommonOps_DDRM.multTransB(a, nngpTestTrain, cross);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                cov.data[i * m + j] -= cross.data[i * m + j] + cross.data[j * m + i];
            }
        }
        return new Gaussian(mean, cov);
    }
}
