package org.ntk4j.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.ntk4j.linalg.Cholesky;
import org.ntk4j.linalg.Solver;
import org.ntk4j.linalg.TestMatrices;

/** The GP posterior against a direct EJML solve of the textbook formulas. */
class GpPosteriorTest {

    /** A joint kernel over n train and m test points, so the blocks are consistent. */
    static DMatrixRMaj joint(int n, int m, long seed) {
        return TestMatrices.spd(n + m, n + m + 5, 0.05, seed);
    }

    static DMatrixRMaj block(DMatrixRMaj k, int r0, int rows, int c0, int cols) {
        DMatrixRMaj b = new DMatrixRMaj(rows, cols);
        CommonOps_DDRM.extract(k, r0, r0 + rows, c0, c0 + cols, b, 0, 0);
        return b;
    }

    @Test
    void meanAndCovarianceMatchTheDirectFormulas() {
        int n = 140;
        int m = 9;
        for (Cholesky.Method method : Cholesky.Method.values()) {
            DMatrixRMaj k = joint(n, m, 3);
            DMatrixRMaj kxx = block(k, 0, n, 0, n);
            DMatrixRMaj ksx = block(k, n, m, 0, n);
            DMatrixRMaj kss = block(k, n, m, n, m);
            DMatrixRMaj y = TestMatrices.gaussian(n, 3, 4);
            double diagReg = 1e-3;
            double r = diagReg * TestMatrices.meanDiagonal(kxx);

            DMatrixRMaj alpha = TestMatrices.directSolve(kxx, r, y);
            DMatrixRMaj mean = new DMatrixRMaj(m, 3);
            CommonOps_DDRM.mult(ksx, alpha, mean);
            DMatrixRMaj kxs = new DMatrixRMaj(n, m);
            CommonOps_DDRM.transpose(ksx, kxs);
            DMatrixRMaj w = TestMatrices.directSolve(kxx, r, kxs);
            DMatrixRMaj cov = kss.copy();
            CommonOps_DDRM.multAdd(-1, ksx, w, cov);

            DMatrixRMaj kr = kxx.copy();
            for (int i = 0; i < n; i++) {
                kr.data[i * n + i] += r;
            }
            double kappa = TestMatrices.condition(kr);
            Solver solver = Solver.builder().method(method).threads(2).build();
            GpPosterior gp = GpPosterior.fit(kxx.copy(), y, diagReg, solver);
            // both backward stable: forward errors ≤ c κ n u; c = 10. The covariance is a small
            // difference of O(1) terms, so its error is measured against max |k(X*, X*)|.
            double tol = 10 * kappa * n * TestMatrices.U;
            assertTrue(TestMatrices.relativeError(gp.mean(ksx), mean) <= tol, method + " mean");
            DMatrixRMaj c = gp.covariance(ksx, kss);
            double covErr = 0;
            for (int i = 0; i < m * m; i++) {
                covErr = Math.max(covErr, Math.abs(c.data[i] - cov.data[i]));
            }
            assertTrue(covErr <= tol * CommonOps_DDRM.elementMaxAbs(kss), method + " covariance " + covErr);
            double[] diag = new double[m];
            for (int i = 0; i < m; i++) {
                diag[i] = kss.data[i * m + i];
            }
            double[] v = gp.variance(ksx, diag);
            for (int i = 0; i < m; i++) {
                assertEquals(c.data[i * m + i], v[i], tol * diag[i], "variance " + i);
                assertTrue(v[i] > 0, "a posterior variance of a PD joint kernel is positive");
            }
        }
    }

    @Test
    void interpolatesTheTrainingTargetsWithATinyJitter() {
        int n = 60;
        DMatrixRMaj k = TestMatrices.spd(n, 200, 0.1, 8);
        DMatrixRMaj y = TestMatrices.gaussian(n, 2, 9);
        GpPosterior gp = GpPosterior.fit(k.copy(), y, 0, Solver.defaults());
        // K (K)⁻¹ Y = Y up to κ n u
        double tol = 10 * TestMatrices.condition(k) * n * TestMatrices.U;
        assertTrue(TestMatrices.relativeError(gp.mean(k), y) <= tol);
    }

    @Test
    void sameBitsForAnyThreadCount() {
        DMatrixRMaj k = joint(300, 40, 5);
        DMatrixRMaj kxx = block(k, 0, 300, 0, 300);
        DMatrixRMaj ksx = block(k, 300, 40, 0, 300);
        DMatrixRMaj y = TestMatrices.gaussian(300, 10, 6);
        DMatrixRMaj one = GpPosterior.fit(kxx.copy(), y, 1e-6, Solver.builder().threads(1).build()).mean(ksx);
        DMatrixRMaj two = GpPosterior.fit(kxx.copy(), y, 1e-6, Solver.builder().threads(2).build()).mean(ksx);
        DMatrixRMaj three = GpPosterior.fit(kxx.copy(), y, 1e-6, Solver.builder().threads(3).build()).mean(ksx);
        assertArrayEquals(one.data, two.data);
        assertArrayEquals(one.data, three.data);
    }

    @Test
    void rejectsMismatchedShapes() {
        DMatrixRMaj k = TestMatrices.spd(5, 6, 0.1, 1);
        assertThrows(IllegalArgumentException.class,
                () -> GpPosterior.fit(k.copy(), new DMatrixRMaj(4, 1), 0, Solver.defaults()));
        GpPosterior gp = GpPosterior.fit(k.copy(), new DMatrixRMaj(5, 1), 0, Solver.defaults());
        assertThrows(IllegalArgumentException.class, () -> gp.mean(new DMatrixRMaj(2, 4)));
        assertThrows(IllegalArgumentException.class, () -> gp.covariance(new DMatrixRMaj(2, 5), new DMatrixRMaj(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> gp.variance(new DMatrixRMaj(2, 5), new double[3]));
        DMatrixRMaj y = new DMatrixRMaj(5, 1);
        y.data[2] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> GpPosterior.fit(k.copy(), y, 0, Solver.defaults()));
    }
}
