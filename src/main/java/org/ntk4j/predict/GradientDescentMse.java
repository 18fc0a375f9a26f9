package org.ntk4j.predict;

import org.ejml.data.DMatrixRMaj;
import org.ntk4j.linalg.Solver;
import org.ntk4j.linalg.SymmetricEigen;

/**
 * Outputs of an infinitely wide network trained by full-batch gradient flow on the loss
 * ‖f(X) − Y‖² / (2N), N = n·k the number of targets (the convention of neural-tangents'
 * {@code gradient_descent_mse}), at any time t (Jacot et al. 2018; Lee et al. 2019, eq. 9):
 * <pre>
 *   f_t(X*) = f₀(X*) + Θ(X*, X) Θ⁻¹ (I − e^{−η Θ t / N}) (Y − f₀(X))
 *   f_t(X)  = Y + e^{−η Θ t / N} (f₀(X) − Y)
 * </pre>
 * with Θ = Θ(X, X) + r I, r = diagReg · mean(diag Θ). One symmetric eigendecomposition
 * Θ = V diag(λ) Vᵀ serves every t; t = ∞ is allowed. For t = ∞ alone a Cholesky solve is much
 * cheaper: use {@link GpPosterior} with the NTK.
 */
public final class GradientDescentMse {

    private final SymmetricEigen eigen;
    private final DMatrixRMaj residual0;
    private final DMatrixRMaj yTrain;
    private final double rate;
    private final double normalisation;
    private final Solver solver;

    private GradientDescentMse(SymmetricEigen eigen, DMatrixRMaj residual0, DMatrixRMaj yTrain, double rate,
                               double normalisation, Solver solver) {
        this.eigen = eigen;
        this.residual0 = residual0;
        this.yTrain = yTrain;
        this.rate = rate;
        this.normalisation = normalisation;
        this.solver = solver;
    }

    /**
     * Decomposes the train NTK once, for the infinite-width mean f₀ = 0; see
     * {@link #fit(DMatrixRMaj, DMatrixRMaj, DMatrixRMaj, double, double, Solver)}.
     */
    public static GradientDescentMse fit(DMatrixRMaj ntkTrain, DMatrixRMaj yTrain, double diagReg,
                                         double learningRate, Solver solver) {
        return decompose(ntkTrain, yTrain, null, diagReg, learningRate, solver);
    }

    /**
     * Decomposes the train NTK once.
     *
     * @param ntkTrain     Θ(X, X), n × n symmetric; not modified
     * @param yTrain       Y, n × k; not modified
     * @param f0Train      f₀(X), n × k, the network's outputs at initialisation (null: 0, as the
     *                     overload without it); not modified
     * @param diagReg      jitter relative to the mean diagonal, ≥ 0
     * @param learningRate η &gt; 0 (see {@link LearningRate#max})
     */
    public static GradientDescentMse fit(DMatrixRMaj ntkTrain, DMatrixRMaj yTrain, DMatrixRMaj f0Train,
                                         double diagReg, double learningRate, Solver solver) {
        return decompose(ntkTrain, yTrain, f0Train, diagReg, learningRate, solver);
    }

    /** f0Train null: f₀ = 0. */
    private static GradientDescentMse decompose(DMatrixRMaj ntkTrain, DMatrixRMaj yTrain, DMatrixRMaj f0Train,
                                                double diagReg, double learningRate, Solver solver) {
        int n = ntkTrain.numRows;
        Checks.requireSquare(ntkTrain, n, "the train NTK");
        Checks.requireRows(yTrain, n, "the targets", "the train NTK");
        Checks.requireFinite(yTrain, "the targets");
        Checks.requirePositive(learningRate, "the learning rate");
        if (!(diagReg >= 0) || Double.isInfinite(diagReg)) {
            throw new IllegalArgumentException("diag-reg must be finite and >= 0, got " + diagReg);
        }
        DMatrixRMaj r0 = yTrain.copy();
        if (f0Train != null) {
            Checks.requireRows(f0Train, n, "the initial train outputs", "the train NTK");
            Checks.requireFinite(f0Train, "the initial train outputs");
            org.ejml.dense.row.CommonOps_DDRM.subtractEquals(r0, f0Train);
        }
        DMatrixRMaj reg = ntkTrain.copy();
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += reg.data[i * n + i];
        }
        for (int i = 0; i < n; i++) {
            reg.data[i * n + i] += diagReg * trace / n;
        }
        SymmetricEigen eig = SymmetricEigen.of(reg);
        reg = null;
        return new GradientDescentMse(eig, eig.toEigenbasis(r0), yTrain.copy(), learningRate,
                (double) n * yTrain.numCols, solver);
    }

    /** The eigenvalues of Θ + r I, ascending (a fresh copy). */
    public double[] eigenvalues() {
        return eigen.values();
    }

    /** η. */
    public double learningRate() {
        return rate;
    }

    /** f_t(X*) for f₀ = 0; see {@link #testMean(DMatrixRMaj, DMatrixRMaj, double)}. */
    public DMatrixRMaj testMean(DMatrixRMaj ntkTestTrain, double t) {
        Checks.requireCols(ntkTestTrain, eigen.size(), "the test/train NTK");
        return solver.times(ntkTestTrain, eigen.fromEigenbasis(scaled(t, false)));
    }

    /**
     * f_t(X*).
     *
     * @param ntkTestTrain Θ(X*, X), m × n; not modified
     * @param f0Test       f₀(X*), m × k, the network's test outputs at initialisation (null: 0, as
     *                     the overload without it); not modified
     * @param t            training time ≥ 0, may be +∞
     * @return m × k
     */
    public DMatrixRMaj testMean(DMatrixRMaj ntkTestTrain, DMatrixRMaj f0Test, double t) {
        Checks.requireCols(ntkTestTrain, eigen.size(), "the test/train NTK");
        DMatrixRMaj coef = scaled(t, false);
        DMatrixRMaj out = solver.times(ntkTestTrain, eigen.fromEigenbasis(coef));
        if (f0Test != null) {
            Checks.requireRows(f0Test, ntkTestTrain.numRows, "the initial test outputs", "the test/train NTK");
            org.ejml.dense.row.CommonOps_DDRM.addEquals(out, f0Test);
        }
        return out;
    }

    /** f_t(X) = Y − V e^{−ηλt/N} Vᵀ (Y − f₀(X)), n × k. */
    public DMatrixRMaj trainMean(double t) {
        DMatrixRMaj out = yTrain.copy();
        org.ejml.dense.row.CommonOps_DDRM.subtractEquals(out, eigen.fromEigenbasis(scaled(t, true)));
        return out;
    }

    /**
     * g_t(λ) = (1 − e^{−ηλt/N}) / λ applied to the residual in the eigenbasis (decay = false), or
     * e^{−ηλt/N} (decay = true).
     */
    private DMatrixRMaj scaled(double t, boolean decay) {
        requireTime(t);
        DMatrixRMaj c = residual0.copy();
        int k = c.numCols;
        for (int i = 0; i < c.numRows; i++) {
            double g = decay ? decay(eigen.value(i), t) : growth(eigen.value(i), t);
            for (int q = 0; q < k; q++) {
                c.data[i * k + q] *= g;
            }
        }
        return c;
    }

    static void requireTime(double t) {
        if (!(t >= 0)) {
            throw new IllegalArgumentException("the training time must be >= 0 (or infinity), got " + t);
        }
    }

    /** (1 − e^{−ηλt/N}) / λ, with its λ → 0 limit ηt/N; negative λ (round-off) count as 0. */
    double growth(double lambda, double t) {
        double s = rate / normalisation;
        if (Double.isInfinite(t)) {
            if (!(lambda > 0)) {
                throw new IllegalArgumentException("the train NTK has eigenvalue " + lambda
                        + ", so t = infinity has no limit; use a larger --diag-reg");
            }
            return 1 / lambda;
        }
        if (!(lambda > 0)) {
            return s * t;
        }
        return -Math.expm1(-s * lambda * t) / lambda;
    }

    /** e^{−ηλt/N}, with λ clamped at 0. */
    double decay(double lambda, double t) {
        double x = rate / normalisation * Math.max(lambda, 0) * t;
        return Double.isNaN(x) ? 1 : Math.exp(-x); // 0·∞: a zero eigenvalue never decays
    }

    SymmetricEigen eigen() {
        return eigen;
    }
}
