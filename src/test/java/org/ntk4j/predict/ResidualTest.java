package org.ntk4j.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.linalg.Solver;

class ResidualTest {

    // K = diag(2, 4), diagReg 0.5: r = 0.5 * mean(2, 4) = 1.5, K + r I = diag(3.5, 5.5), all exact
    // in binary. Y = (3.5, 5.5): alpha = (1, 1) solves it exactly (residual 0); alpha = (2, 1)
    // leaves the residual (3.5, 0), so the relative residual is 3.5 / sqrt(3.5² + 5.5²); every
    // step is exact except the final sqrt and division (≤ 2 ulps).
    @Test
    void exactOnDiagonalSystem() {
        DMatrixRMaj k = new DMatrixRMaj(new double[][] {{2, 0}, {0, 4}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{3.5}, {5.5}});
        assertEquals(0.0, Residual.relative(k, 0.5, new DMatrixRMaj(new double[][] {{1}, {1}}), y));
        double expected = 3.5 / Math.sqrt(3.5 * 3.5 + 5.5 * 5.5);
        assertEquals(expected, Residual.relative(k, 0.5, new DMatrixRMaj(new double[][] {{2}, {1}}), y),
                2 * Math.ulp(expected));
    }

    // Off-diagonal entries enter: K = [[2, 1], [1, 2]], diagReg 0, alpha = (1, 0) gives (2, 1);
    // against Y = (2, 0) the residual is (0, 1) and ‖Y‖ = 2, so exactly 0.5.
    @Test
    void usesOffDiagonal() {
        DMatrixRMaj k = new DMatrixRMaj(new double[][] {{2, 1}, {1, 2}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{2}, {0}});
        assertEquals(0.5, Residual.relative(k, 0, new DMatrixRMaj(new double[][] {{1}, {0}}), y));
    }

    // A float64 Cholesky solve is backward stable: ‖(K + rI) α − Y‖ ≤ c n u ‖K + rI‖ ‖α‖ with
    // u = 2^-53. K = A Aᵀ/d + I on 40 points has eigenvalues in [1, ~1 + 40] (κ ≤ ~50) and
    // ‖α‖ ≤ ‖Y‖, so with a generous c = 10 the relative residual is below 10·40·41·2^-53 ≈ 2e-12.
    @Test
    void choleskySolveHasSmallResidual() {
        int n = 40;
        int d = 40;
        Random rnd = new Random(7);
        double[][] a = new double[n][d];
        for (double[] row : a) {
            for (int j = 0; j < d; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        DMatrixRMaj k = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 1 : 0;
                for (int t = 0; t < d; t++) {
                    s += a[i][t] * a[j][t] / d;
                }
                k.set(i, j, s);
            }
        }
        DMatrixRMaj y = new DMatrixRMaj(n, 3);
        for (int i = 0; i < y.data.length; i++) {
            y.data[i] = rnd.nextGaussian();
        }
        GpPosterior gp = GpPosterior.fit(k, y, 1e-6, Solver.defaults());
        double res = Residual.relative(k, 1e-6, gp.alpha(), y);
        assertTrue(res < 10.0 * n * 41 * 0x1p-53, "residual " + res);
        DMatrixRMaj off = gp.alpha();
        off.data[0] += 1e-3;
        assertTrue(Residual.relative(k, 1e-6, off, y) > 1e-5, "a perturbed alpha must show");
    }

    @Test
    void rejectsBadShapes() {
        DMatrixRMaj k = new DMatrixRMaj(2, 2);
        assertThrows(IllegalArgumentException.class,
                () -> Residual.relative(k, 0, new DMatrixRMaj(3, 1), new DMatrixRMaj(2, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> Residual.relative(k, 0, new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> Residual.relative(k, Double.NaN, new DMatrixRMaj(2, 1), new DMatrixRMaj(2, 1)));
    }
}
