package org.ntk4j.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.ntk4j.linalg.Solver;
import org.ntk4j.linalg.TestMatrices;

/** Gradient-flow predictions: the limits t = 0 and t = ∞, and agreement with gradient descent itself. */
class GradientDescentMseTest {

    private final int n = 50;
    private final int m = 7;
    private final DMatrixRMaj joint = GpPosteriorTest.joint(n, m, 21);
    private final DMatrixRMaj theta = GpPosteriorTest.block(joint, 0, n, 0, n);
    private final DMatrixRMaj thetaSx = GpPosteriorTest.block(joint, n, m, 0, n);
    private final DMatrixRMaj y = TestMatrices.gaussian(n, 2, 22);
    private final double tol = 10 * TestMatrices.condition(theta) * n * TestMatrices.U;

    @Test
    void atTimeZeroTheOutputsAreTheInitialOnes() {
        DMatrixRMaj f0 = TestMatrices.gaussian(n, 2, 23);
        DMatrixRMaj f0s = TestMatrices.gaussian(m, 2, 24);
        GradientDescentMse gd = GradientDescentMse.fit(theta, y, f0, 0, 1.0, Solver.defaults());
        // (1 − e⁰)/λ = 0 exactly, so the test outputs are f₀ to the bit
        assertArrayEquals(f0s.data, gd.testMean(thetaSx, f0s, 0).data, 0.0);
        // the train outputs Y − V Vᵀ (Y − f₀): f₀ up to the orthogonality of V, n u
        assertTrue(TestMatrices.relativeError(gd.trainMean(0), f0) <= 100 * n * TestMatrices.U);
    }

    @Test
    void atInfinityTheyAreTheCholeskySolution() {
        double diagReg = 1e-4;
        GradientDescentMse gd = GradientDescentMse.fit(theta, y, diagReg, 0.3, Solver.defaults());
        DMatrixRMaj chol = GpPosterior.fit(theta.copy(), y, diagReg, Solver.defaults()).mean(thetaSx);
        assertTrue(TestMatrices.relativeError(gd.testMean(thetaSx, Double.POSITIVE_INFINITY), chol) <= tol);
        // and the train outputs fit the targets: e^{−∞} = 0 exactly
        assertArrayEquals(y.data, gd.trainMean(Double.POSITIVE_INFINITY).data, 0.0);
        // a long but finite time is already there: e^{−η λ_min t / N} < 1e-30
        double lmin = gd.eigenvalues()[0];
        double t = 70 * n * 2 / (0.3 * lmin);
        assertTrue(TestMatrices.relativeError(gd.testMean(thetaSx, t), chol) <= tol);
    }

    @Test
    void followsDiscreteGradientDescentForASmallStep() {
        // f ← f − (η/N) Θ (f − Y) on train, f* ← f* − (η/N) Θ* (f − Y) on test: the loss |f − Y|² / 2N
        double eta = 0.01 * LearningRate.max(theta, 2, Solver.defaults());
        int steps = 3000;
        double scale = eta / (n * 2);
        DMatrixRMaj f = new DMatrixRMaj(n, 2);
        DMatrixRMaj fs = new DMatrixRMaj(m, 2);
        DMatrixRMaj r = new DMatrixRMaj(n, 2);
        DMatrixRMaj step = new DMatrixRMaj(n, 2);
        DMatrixRMaj steps2 = new DMatrixRMaj(m, 2);
        for (int s = 0; s < steps; s++) {
            CommonOps_DDRM.subtract(f, y, r);
            CommonOps_DDRM.mult(scale, theta, r, step);
            CommonOps_DDRM.mult(scale, thetaSx, r, steps2);
            CommonOps_DDRM.subtractEquals(f, step);
            CommonOps_DDRM.subtractEquals(fs, steps2);
        }
        GradientDescentMse gd = GradientDescentMse.fit(theta, y, 0, eta, Solver.defaults());
        // Euler steps of size h = η λ / N ≤ 0.02 per mode: global error O(h) relative to the change; 0.02 covers it
        assertTrue(TestMatrices.relativeError(gd.testMean(thetaSx, steps), fs) <= 0.02,
                "" + TestMatrices.relativeError(gd.testMean(thetaSx, steps), fs));
        assertTrue(TestMatrices.relativeError(gd.trainMean(steps), f) <= 0.02);
    }

    @Test
    void rejectsBadArguments() {
        Solver s = Solver.defaults();
        assertThrows(IllegalArgumentException.class, () -> GradientDescentMse.fit(theta, y, 0, 0, s));
        assertThrows(IllegalArgumentException.class, () -> GradientDescentMse.fit(theta, y, -1, 1, s));
        assertThrows(IllegalArgumentException.class,
                () -> GradientDescentMse.fit(theta, new DMatrixRMaj(3, 1), 0, 1, s));
        GradientDescentMse gd = GradientDescentMse.fit(theta, y, 0, 1, s);
        assertThrows(IllegalArgumentException.class, () -> gd.testMean(thetaSx, -1));
        assertThrows(IllegalArgumentException.class, () -> gd.testMean(thetaSx, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> gd.testMean(new DMatrixRMaj(2, 3), 1));
    }
}
