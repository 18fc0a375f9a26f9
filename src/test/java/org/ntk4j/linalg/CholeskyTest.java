package org.ntk4j.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ntk4j.exec.Workers;
import org.ntk4j.simd.LinalgOps;
import org.ntk4j.simd.Simd;

/** The blocked Cholesky against the backward-error bound, EJML, and its own determinism. */
class CholeskyTest {

    private static final int[] SIZES = {1, 2, 3, 5, 17, 127, 128, 129, 250, 301};
    private static final int[] BLOCKS = {Cholesky.DEFAULT_BLOCK, 7, 64};

    private static Cholesky factor(DMatrixRMaj a, double diagReg, Cholesky.Method m, int block, LinalgOps ops,
                                   int threads) {
        try (Workers w = new Workers(threads)) {
            return Cholesky.factorInPlace(a, diagReg, m, block, ops, w, null);
        }
    }

    /**
     * Higham, Accuracy and Stability of Numerical Algorithms, thm 10.3: the computed L satisfies
     * L Lᵀ = A + ΔA with |ΔA| ≤ γ_{n+1} |L||Lᵀ|, γ_k = k u / (1 − k u), for any order of the inner
     * products; and (|L||Lᵀ|)_ij ≤ ‖L_i‖ ‖L_j‖ = sqrt(a_ii a_jj) by Cauchy–Schwarz.
     */
    private static void assertBackwardStable(DMatrixRMaj original, double jitter, DMatrixRMaj factored) {
        int n = original.numRows;
        double gamma = (n + 1) * TestMatrices.U / (1 - (n + 1) * TestMatrices.U);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k <= j; k++) {
                    s += factored.data[i * n + k] * factored.data[j * n + k];
                }
                double aij = original.data[i * n + j] + (i == j ? jitter : 0);
                double aii = original.data[i * n + i] + jitter;
                double ajj = original.data[j * n + j] + jitter;
                // + n u for rounding in this test's own sum
                double bound = (gamma + n * TestMatrices.U) * Math.sqrt(aii * ajj);
                if (!(Math.abs(s - aij) <= bound)) {
                    throw new AssertionError("n " + n + " (" + i + ", " + j + "): |LLᵀ − A| = " + Math.abs(s - aij)
                            + " > " + bound);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Cholesky.Method.class)
    void backwardStableOnAwkwardSizes(Cholesky.Method method) {
        for (int n : SIZES) {
            for (int block : BLOCKS) {
                DMatrixRMaj a = TestMatrices.spd(n, n + 3, 0.01, 31L * n + block);
                DMatrixRMaj copy = a.copy();
                Cholesky c = factor(copy, 1e-6, method, block, Simd.linalg(Simd.Impl.AUTO), 2);
                assertEquals(1e-6 * TestMatrices.meanDiagonal(a), c.jitter(), 1e-22);
                assertBackwardStable(a, c.jitter(), copy);
                if (method == Cholesky.Method.EJML) {
                    break; // block size does not apply
                }
            }
        }
    }

    @Test
    void solvesLikeADirectSolveWithinTheConditionNumber() {
        for (int n : new int[] {1, 9, 129, 260}) {
            DMatrixRMaj a = TestMatrices.spd(n, 2 * n, 0.05, n);
            DMatrixRMaj b = TestMatrices.gaussian(n, 3, n + 1);
            double r = 1e-4 * TestMatrices.meanDiagonal(a);
            DMatrixRMaj ref = TestMatrices.directSolve(a, r, b);
            Cholesky c = factor(a.copy(), 1e-4, Cholesky.Method.BLOCKED, 64, Simd.linalg(Simd.Impl.AUTO), 2);
            DMatrixRMaj x;
            try (Workers w = new Workers(2)) {
                x = c.solve(b, w);
            }
            double kappa = TestMatrices.condition(a);
            // both solutions are backward stable: forward error ≤ c κ n u each; c = 10 covers both
            double tol = 10 * kappa * n * TestMatrices.U;
            assertTrue(TestMatrices.relativeError(x, ref) <= tol, "n " + n + ": " + TestMatrices.relativeError(x, ref)
                    + " > " + tol);
        }
    }

    @Test
    void keepsTheStrictUpperTriangleAndTheOriginalDiagonal() {
        DMatrixRMaj a = TestMatrices.spd(150, 160, 0.1, 7);
        DMatrixRMaj f = a.copy();
        Cholesky c = factor(f, 1e-3, Cholesky.Method.BLOCKED, 32, Simd.linalg(Simd.Impl.AUTO), 2);
        for (int i = 0; i < 150; i++) {
            for (int j = i + 1; j < 150; j++) {
                assertEquals(a.data[i * 150 + j], f.data[i * 150 + j], 0.0);
            }
            assertEquals(a.data[i * 150 + i], c.originalDiagonal()[i], 0.0);
        }
    }

    @Test
    void bitIdenticalForAnyThreadCount() {
        for (Simd.Impl impl : new Simd.Impl[] {Simd.Impl.SCALAR, Simd.Impl.AUTO}) {
            DMatrixRMaj a = TestMatrices.spd(517, 530, 0.01, 3);
            DMatrixRMaj one = a.copy();
            factor(one, 1e-6, Cholesky.Method.BLOCKED, 64, Simd.linalg(impl), 1);
            for (int threads : new int[] {2, 3, 5}) {
                DMatrixRMaj many = a.copy();
                factor(many, 1e-6, Cholesky.Method.BLOCKED, 64, Simd.linalg(impl), threads);
                assertArrayEquals(one.data, many.data, impl + ", " + threads + " threads");
            }
        }
    }

    @Test
    void notPositiveDefiniteNamesThePivotAndSuggestsALargerDiagReg() {
        DMatrixRMaj a = TestMatrices.spd(200, 50, 0, 5); // rank 50: singular
        a.data[130 * 200 + 130] = -1; // and now indefinite
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> factor(a.copy(), 1e-9, Cholesky.Method.BLOCKED, 64, Simd.linalg(Simd.Impl.AUTO), 2));
        assertTrue(e.getMessage().contains("not positive definite") && e.getMessage().contains("pivot")
                && e.getMessage().contains("--diag-reg"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> factor(a.copy(), 1e-9, Cholesky.Method.EJML, 64, Simd.linalg(Simd.Impl.AUTO), 1));
        assertTrue(f.getMessage().contains("--diag-reg"), f.getMessage());
    }

    @Test
    void anExactlySingularMatrixNeedsTheJitter() {
        DMatrixRMaj ones = new DMatrixRMaj(3, 3);
        java.util.Arrays.fill(ones.data, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> factor(ones.copy(), 0, Cholesky.Method.BLOCKED, 2, Simd.linalg(Simd.Impl.AUTO), 1));
        assertTrue(e.getMessage().contains("pivot 1 of 3 "), e.getMessage());
        Cholesky c = factor(ones.copy(), 1e-6, Cholesky.Method.BLOCKED, 2, Simd.linalg(Simd.Impl.AUTO), 1);
        // pivots of J + rI: 1 + r, then r (2 + r)/(1 + r) ≈ 2r, then ≈ 1.5r: the smallest is about r
        assertEquals(1e-6, c.smallestPivot(), 0.6e-6);
    }

    @Test
    void rejectsBadInput() {
        DMatrixRMaj a = TestMatrices.spd(4, 5, 0.1, 1);
        LinalgOps ops = Simd.linalg(Simd.Impl.AUTO);
        DMatrixRMaj nan = a.copy();
        nan.data[2 * 4 + 1] = Double.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> factor(nan, 0, Cholesky.Method.BLOCKED, 2, ops, 1)).getMessage().contains("(2, 1)"));
        assertThrows(IllegalArgumentException.class,
                () -> factor(new DMatrixRMaj(3, 4), 0, Cholesky.Method.BLOCKED, 2, ops, 1));
        assertThrows(IllegalArgumentException.class, () -> factor(a.copy(), -1, Cholesky.Method.BLOCKED, 2, ops, 1));
        assertThrows(IllegalArgumentException.class,
                () -> factor(a.copy(), Double.NaN, Cholesky.Method.BLOCKED, 2, ops, 1));
        DMatrixRMaj negative = a.copy();
        for (int i = 0; i < 4; i++) {
            negative.data[i * 5] = -1;
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> factor(negative, 0, Cholesky.Method.BLOCKED, 2, ops, 1)).getMessage().contains("mean diagonal"));
        Cholesky c = factor(a.copy(), 0, Cholesky.Method.BLOCKED, 2, ops, 1);
        try (Workers w = new Workers(1)) {
            assertThrows(IllegalArgumentException.class, () -> c.solve(new DMatrixRMaj(3, 1), w));
            DMatrixRMaj b = new DMatrixRMaj(4, 1);
            b.data[0] = Double.POSITIVE_INFINITY;
            assertThrows(IllegalArgumentException.class, () -> c.solve(b, w));
        }
    }
}
