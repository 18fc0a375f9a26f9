package org.ntk4j.predict;

import org.ejml.data.DMatrixRMaj;

/**
 * The relative residual ‖(K + r I) α − Y‖_F / ‖Y‖_F of a kernel solve, with
 * r = diagReg · mean(diag K) as in {@link GpPosterior}: how well α solves the regularised system,
 * the figure to report next to predictions (and the stopping test of any refined solver).
 */
public final class Residual {

    private Residual() {
    }

    /**
     * @param kTrain  K, n × n; not modified (pass the kernel before any in-place factorisation)
     * @param diagReg the relative jitter the solve used, ≥ 0
     * @param alpha   α, n × k; not modified
     * @param yTrain  Y, n × k; not modified
     * @return ‖(K + r I) α − Y‖_F / ‖Y‖_F (‖(K + r I) α‖_F when Y = 0)
     */
    public static double relative(DMatrixRMaj kTrain, double diagReg, DMatrixRMaj alpha, DMatrixRMaj yTrain) {
        int n = kTrain.numRows;
        Checks.requireSquare(kTrain, n, "the train kernel");
        Checks.requireRows(alpha, n, "alpha", "the train kernel");
        Checks.requireRows(yTrain, n, "the targets", "the train kernel");
        if (alpha.numCols != yTrain.numCols) {
            throw new IllegalArgumentException("alpha has " + alpha.numCols + " columns but the targets have "
                    + yTrain.numCols);
        }
        if (!(diagReg >= 0) || Double.isInfinite(diagReg)) {
            throw new IllegalArgumentException("diag-reg must be finite and >= 0, got " + diagReg);
        }
        int k = yTrain.numCols;
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += kTrain.data[i * n + i];
        }
        double r = n == 0 ? 0 : diagReg * (trace / n);
        double num = 0;
        double den = 0;
        double[] row = new double[k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                row[c] = r * alpha.data[i * k + c] - yTrain.data[i * k + c];
            }
            for (int j = 0; j < n; j++) {
                double kij = kTrain.data[i * n + j];
                for (int c = 0; c < k; c++) {
                    row[c] += kij * alpha.data[j * k + c];
                }
            }
            for (int c = 0; c < k; c++) {
                num += row[c] * row[c];
                double y = yTrain.data[i * k + c];
                den += y * y;
            }
        }
        return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
    }
}
