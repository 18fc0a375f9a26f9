package org.ntk4j.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.linalg.Solver;
import org.ntk4j.linalg.SymmetricEigen;
import org.ntk4j.linalg.TestMatrices;

class LearningRateTest {

    @Test
    void lambdaMaxAgreesWithTheEigendecomposition() {
        for (long seed = 1; seed <= 4; seed++) {
            DMatrixRMaj a = TestMatrices.spd(80, 100, 0.1, seed);
            double[] l = SymmetricEigen.of(a).values();
            double lmax = l[l.length - 1];
            // the Rayleigh quotient's error is quadratic in the eigenvector's, stopped at 1e-12 change
            assertEquals(lmax, LearningRate.lambdaMax(a, Solver.defaults()), 1e-9 * lmax);
            assertEquals(2.0 * 80 * 10 / lmax, LearningRate.max(a, 10, Solver.defaults()), 1e-9 * 2.0 * 80 * 10 / lmax);
        }
    }

    @Test
    void rejectsZeroOutputsAndTheZeroMatrix() {
        DMatrixRMaj a = TestMatrices.spd(5, 6, 0.1, 1);
        assertThrows(IllegalArgumentException.class, () -> LearningRate.max(a, 0, Solver.defaults()));
        assertThrows(IllegalArgumentException.class, () -> LearningRate.max(new DMatrixRMaj(3, 3), 1, Solver.defaults()));
    }
}
