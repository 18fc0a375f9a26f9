package org.ntk4j.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ntk4j.exec.Workers;
import org.ntk4j.simd.LinalgOps;

/**
 * A B for a tall A (m × n, e.g. a test/train kernel) and a narrow B (n × k, e.g. k = 10 classes):
 * each output entry one vectorised dot of a row of A with a column of B, rows split over workers.
 * Bit-identical for any number of workers.
 */
public final class MatMul {

    private MatMul() {
    }

    /**
     * C = A B.
     *
     * @param a m × n; not modified
     * @param b n × k; not modified
     * @return a new m × k matrix
     */
    public static DMatrixRMaj times(DMatrixRMaj a, DMatrixRMaj b, LinalgOps ops, Workers workers) {
        if (a.numCols != b.numRows) {
            throw new IllegalArgumentException("cannot multiply " + a.numRows + " x " + a.numCols + " by "
                    + b.numRows + " x " + b.numCols);
        }
        int m = a.numRows;
        int n = a.numCols;
        int k = b.numCols;
        double[] bt = new double[MemoryCheck.entries(n, k, "the right factor")];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < k; q++) {
                bt[q * n + i] = b.data[i * k + q];
            }
        }
        DMatrixRMaj c = new DMatrixRMaj(m, k);
        int chunk = 64;
        workers.forEach((m + chunk - 1) / chunk, t -> {
            for (int i = t * chunk; i < Math.min(m, (t + 1) * chunk); i++) {
                for (int q = 0; q < k; q++) {
                    c.data[i * k + q] = ops.dot(a.data, i * n, bt, q * n, n);
                }
            }
        });
        return c;
    }
}
