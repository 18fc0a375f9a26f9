package org.ntk4j.predict;

import org.ejml.data.DMatrixRMaj;
import org.ntk4j.linalg.Solver;

/**
 * The largest learning rate for which gradient descent on ‖f(X) − Y‖² / (2N) (N = n·k targets)
 * converges in the infinite-width limit: η_max = 2N / λ_max(Θ(X, X)), where the step
 * I − (η/N) Θ stops being a contraction. This is neural-tangents' {@code max_learning_rate} with
 * {@code y_train_size = n·k} (its default, n, is the k = 1 case). λ_max by power iteration.
 */
public final class LearningRate {

    private static final int MAX_ITERATIONS = 10_000;
    /** Relative change of the Rayleigh quotient at which the power iteration stops. */
    private static final double TOLERANCE = 1e-12;

    private LearningRate() {
    }

    /**
     * η_max = 2 n k / λ_max.
     *
     * @param ntkTrain Θ(X, X), n × n symmetric positive semi-definite; not modified
     * @param outputs  k, the number of outputs per training point, ≥ 1
     */
    public static double max(DMatrixRMaj ntkTrain, int outputs, Solver solver) {
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be >= 1, got " + outputs);
        }
        double lambda = lambdaMax(ntkTrain, solver);
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("the train NTK has no positive eigenvalue (" + lambda + ")");
        }
        return 2.0 * ntkTrain.numRows * outputs / lambda;
    }

    /**
     * λ_max of a symmetric positive semi-definite matrix by power iteration from a fixed start,
     * stopped when the Rayleigh quotient changes by less than 1e-12 relatively. Deterministic.
     *
     * @param a n × n; not modified
     */
    public static double lambdaMax(DMatrixRMaj a, Solver solver) {
        int n = a.numRows;
        Checks.requireSquare(a, n, "the matrix");
        Checks.requireFinite(a, "the matrix");
        if (n == 0) {
            return 0;
        }
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            // not orthogonal to the top eigenvector of a positive matrix, nor to most others
            x.data[i] = 1 + 0.5 * Math.sin(i + 1.0);
        }
        normalise(x);
        double lambda = 0;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            DMatrixRMaj y = solver.times(a, x);
            double rq = 0;
            for (int i = 0; i < n; i++) {
                rq += x.data[i] * y.data[i];
            }
            double norm = normalise(y);
            if (norm == 0) {
                return 0;
            }
            x = y;
            if (Math.abs(rq - lambda) <= TOLERANCE * Math.abs(rq)) {
                return rq;
            }
            lambda = rq;
        }
        return lambda;
    }

    private static double normalise(DMatrixRMaj x) {
        double s = 0;
        for (double v : x.data) {
            s += v * v;
        }
        double norm = Math.sqrt(s);
        if (norm > 0) {
            for (int i = 0; i < x.data.length; i++) {
                x.data[i] /= norm;
            }
        }
        return norm;
    }
}
