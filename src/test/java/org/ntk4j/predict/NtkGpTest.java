package org.ntk4j.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.linalg.Solver;
import org.ntk4j.linalg.TestMatrices;

/** The NTK-GP ensemble in the two cases where it has a closed form to compare with. */
class NtkGpTest {

    private final int n = 40;
    private final int m = 6;
    private final DMatrixRMaj kJoint = GpPosteriorTest.joint(n, m, 31);
    private final DMatrixRMaj tJoint = GpPosteriorTest.joint(n, m, 32);
    private final DMatrixRMaj y = TestMatrices.gaussian(n, 3, 33);

    private static DMatrixRMaj train(DMatrixRMaj j, int n) {
        return GpPosteriorTest.block(j, 0, n, 0, n);
    }

    private DMatrixRMaj testTrain(DMatrixRMaj j) {
        return GpPosteriorTest.block(j, n, m, 0, n);
    }

    private DMatrixRMaj testTest(DMatrixRMaj j) {
        return GpPosteriorTest.block(j, n, m, n, m);
    }

    @Test
    void withTheNngpAsNtkTheLimitIsTheGpPosterior() {
        // Θ = K: Σ = K** + K* K⁻¹ K K⁻¹ K*ᵀ − 2 K* K⁻¹ K*ᵀ = K** − K* K⁻¹ K*ᵀ
        NtkGp gp = NtkGp.fit(train(kJoint, n), train(kJoint, n), y, 0, 1, Solver.defaults());
        Gaussian g = gp.predict(testTrain(kJoint), testTrain(kJoint), testTest(kJoint), Double.POSITIVE_INFINITY);
        GpPosterior post = GpPosterior.fit(train(kJoint, n), y, 0, Solver.defaults());
        double tol = 100 * TestMatrices.condition(train(kJoint, n)) * n * TestMatrices.U;
        assertTrue(TestMatrices.relativeError(g.mean(), post.mean(testTrain(kJoint))) <= tol);
        DMatrixRMaj cov = post.covariance(testTrain(kJoint), testTest(kJoint));
        double err = 0;
        for (int i = 0; i < m * m; i++) {
            err = Math.max(err, Math.abs(g.covariance().data[i] - cov.data[i]));
        }
        assertTrue(err <= tol * org.ejml.dense.row.CommonOps_DDRM.elementMaxAbs(testTest(kJoint)), "" + err);
    }

    @Test
    void atTimeZeroItIsThePrior() {
        NtkGp gp = NtkGp.fit(train(tJoint, n), train(kJoint, n), y, 0, 1, Solver.defaults());
        Gaussian g = gp.predict(testTrain(tJoint), testTrain(kJoint), testTest(kJoint), 0);
        // A₀ = 0 exactly: mean 0, covariance K(X*, X*)
        assertArrayEquals(new double[m * 3], g.mean().data, 0.0);
        assertArrayEquals(testTest(kJoint).data, g.covariance().data, 0.0);
    }

    @Test
    void theMeanIsGradientDescentsAndTheCovarianceSymmetricPsd() {
        NtkGp gp = NtkGp.fit(train(tJoint, n), train(kJoint, n), y, 1e-6, 2, Solver.defaults());
        Gaussian g = gp.predict(testTrain(tJoint), testTrain(kJoint), testTest(kJoint), 50);
        DMatrixRMaj gd = GradientDescentMse.fit(train(tJoint, n), y, 1e-6, 2, Solver.defaults())
                .testMean(testTrain(tJoint), 50);
        assertTrue(TestMatrices.relativeError(g.mean(), gd) <= 1e-10);
        DMatrixRMaj c = g.covariance();
        for (int i = 0; i < m; i++) {
            assertTrue(c.data[i * m + i] > 0);
            for (int j = 0; j < m; j++) {
                assertTrue(Math.abs(c.data[i * m + j] - c.data[j * m + i]) <= 1e-12 * Math.abs(c.data[i * m + i]) + 1e-14);
            }
        }
    }
}
