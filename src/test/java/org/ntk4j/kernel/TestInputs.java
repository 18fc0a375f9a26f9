package org.ntk4j.kernel;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/** Inputs for kernel tests: Gaussian rows, some nearly parallel, norms spread over decades. */
final class TestInputs {

    private TestInputs() {
    }

    static DMatrixRMaj gaussian(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < n * d; i++) {
            x.data[i] = gauss(r);
        }
        return x;
    }

    /**
     * Rows in pairs: row 2m+1 is row 2m plus a perturbation of relative size 1e-3 .. 1e-7, and row
     * norms are scaled by 10^(−2..2).
     */
    static DMatrixRMaj hard(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DMatrixRMaj x = gaussian(n, d, seed);
        for (int i = 1; i < n; i += 2) {
            double eps = Math.pow(10, -3 - (i / 2) % 5);
            for (int k = 0; k < d; k++) {
                x.data[i * d + k] = x.data[(i - 1) * d + k] + eps * gauss(r);
            }
        }
        for (int i = 0; i < n; i++) {
            double scale = Math.pow(10, -2 + (i % 5));
            for (int k = 0; k < d; k++) {
                x.data[i * d + k] *= scale;
            }
        }
        return x;
    }

    static double gauss(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    static double[][] rows(DMatrixRMaj x) {
        double[][] a = new double[x.numRows][x.numCols];
        for (int i = 0; i < x.numRows; i++) {
            for (int k = 0; k < x.numCols; k++) {
                a[i][k] = x.get(i, k);
            }
        }
        return a;
    }

    /** max |a − b| / max |b|. */
    static double relMaxErr(DMatrixRMaj a, double[][] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < b[i].length; j++) {
                num = Math.max(num, Math.abs(a.get(i, j) - b[i][j]));
                den = Math.max(den, Math.abs(b[i][j]));
            }
        }
        return num / den;
    }
}
