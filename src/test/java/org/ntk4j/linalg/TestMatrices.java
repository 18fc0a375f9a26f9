package org.ntk4j.linalg;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** Random matrices for the solver tests, from fixed seeds. */
public final class TestMatrices {

    /** Unit roundoff of double precision. */
    public static final double U = 0x1p-53;

    private TestMatrices() {
    }

    /** rows × cols standard normal entries. */
    public static DMatrixRMaj gaussian(int rows, int cols, long seed) {
        Random r = new Random(seed);
        DMatrixRMaj g = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < g.data.length; i++) {
            g.data[i] = r.nextGaussian();
        }
        return g;
    }

    /** G Gᵀ / d + shift·I with G n × d Gaussian: symmetric positive definite for shift &gt; 0. */
    public static DMatrixRMaj spd(int n, int d, double shift, long seed) {
        DMatrixRMaj g = gaussian(n, d, seed);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(1.0 / d, g, g, a);
        for (int i = 0; i < n; i++) {
            a.data[i * n + i] += shift;
        }
        // exactly symmetric, as the kernel engine produces
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                a.data[j * n + i] = a.data[i * n + j];
            }
        }
        return a;
    }

    /** The 2-norm condition number of a symmetric positive-definite matrix (by EJML). */
    public static double condition(DMatrixRMaj a) {
        EigenDecomposition_F64<DMatrixRMaj> e = DecompositionFactory_DDRM.eig(a.numRows, false, true);
        if (!e.decompose(a.copy())) {
            throw new AssertionError("eig failed");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < a.numRows; i++) {
            double v = e.getEigenvalue(i).real;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return hi / lo;
    }

    /** max |x − y| / max |y|. */
    public static double relativeError(DMatrixRMaj x, DMatrixRMaj y) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < y.data.length && i < y.numRows * y.numCols; i++) {
            num = Math.max(num, Math.abs(x.data[i] - y.data[i]));
            den = Math.max(den, Math.abs(y.data[i]));
        }
        return num / den;
    }

    /** (A + r I)⁻¹ B by EJML's general solver, the reference for the tests. */
    public static DMatrixRMaj directSolve(DMatrixRMaj a, double r, DMatrixRMaj b) {
        DMatrixRMaj ar = a.copy();
        for (int i = 0; i < a.numRows; i++) {
            ar.data[i * a.numRows + i] += r;
        }
        DMatrixRMaj x = new DMatrixRMaj(b.numRows, b.numCols);
        if (!CommonOps_DDRM.solve(ar, b, x)) {
            throw new AssertionError("reference solve failed");
        }
        return x;
    }

    /** Mean of the diagonal. */
    public static double meanDiagonal(DMatrixRMaj a) {
        double s = 0;
        for (int i = 0; i < a.numRows; i++) {
            s += a.data[i * a.numCols + i];
        }
        return s / a.numRows;
    }
}
