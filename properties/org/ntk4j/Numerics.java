package org.ntk4j;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/** Measurements the properties assert on: eigenvalues, norms, distances in ulps. */
public final class Numerics {

    /** Unit roundoff of double: 2^-53 (ε/2 with ε = ulp(1)). */
    public static final double U = 0x1p-53;
    /** Machine epsilon ε = ulp(1) = 2^-52. */
    public static final double EPS = 0x1p-52;

    private Numerics() {
    }

    /** Eigenvalues of the symmetric part of k (symmetric QR, EJML); k is not modified. */
    public static double[] eigenvalues(DMatrixRMaj k) {
        int n = k.numRows;
        DMatrixRMaj sym = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sym.set(i, j, 0.5 * (k.get(i, j) + k.get(j, i)));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(sym)) {
            throw new AssertionError("EJML's symmetric eigen-solver did not converge on " + n + " x " + n);
        }
        double[] ev = new double[n];
        for (int i = 0; i < n; i++) {
            ev[i] = eig.getEigenvalue(i).getReal();
        }
        return ev;
    }

    /** The smallest eigenvalue of a symmetric matrix. */
    public static double lambdaMin(DMatrixRMaj k) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : eigenvalues(k)) {
            min = Math.min(min, v);
        }
        return min;
    }

    /** The spectral norm of a symmetric matrix: max |λ|. */
    public static double spectralNorm(DMatrixRMaj k) {
        double max = 0;
        for (double v : eigenvalues(k)) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /** max |a_ij|. */
    public static double maxAbs(DMatrixRMaj a) {
        double m = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            m = Math.max(m, Math.abs(a.data[i]));
        }
        return m;
    }

    /** |a − b| in units of ulp(|b|) (ulp of the smallest normal for b = 0). */
    public static double ulps(double a, double b) {
        if (a == b) {
            return 0;
        }
        return Math.abs(a - b) / Math.ulp(Math.max(Math.abs(b), Double.MIN_NORMAL));
    }

    /** True when both matrices have the same shape and the same bits everywhere. */
    public static boolean sameBits(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            return false;
        }
        for (int i = 0; i < a.getNumElements(); i++) {
            if (Double.doubleToRawLongBits(a.data[i]) != Double.doubleToRawLongBits(b.data[i])) {
                return false;
            }
        }
        return true;
    }

    /** The first entry where a and b differ in bits, for messages. */
    public static String firstDifference(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            return "shapes " + a.numRows + "x" + a.numCols + " vs " + b.numRows + "x" + b.numCols;
        }
        for (int i = 0; i < a.getNumElements(); i++) {
            if (Double.doubleToRawLongBits(a.data[i]) != Double.doubleToRawLongBits(b.data[i])) {
                return "(" + i / a.numCols + ", " + i % a.numCols + "): " + a.data[i] + " vs " + b.data[i];
            }
        }
        return "none";
    }

    /** The transpose. */
    public static DMatrixRMaj transpose(DMatrixRMaj a) {
        return org.ejml.dense.row.CommonOps_DDRM.transpose(a, null);
    }
}
