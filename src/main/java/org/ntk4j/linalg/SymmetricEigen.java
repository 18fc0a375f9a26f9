package org.ntk4j.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * A = V diag(λ) Vᵀ of a symmetric matrix, by EJML's symmetric QR algorithm, eigenvalues in
 * ascending order. O(n³) and single-threaded (about 11 s at n = 2000 on the reference machine),
 * so callers use it only where a Cholesky solve does not serve. Immutable.
 */
public final class SymmetricEigen {

    private final double[] values;
    private final DMatrixRMaj vectors;

    private SymmetricEigen(double[] values, DMatrixRMaj vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * Decomposes a (only its lower triangle is read; it is mirrored into a copy first).
     *
     * @param a n × n; not modified
     */
    public static SymmetricEigen of(DMatrixRMaj a) {
        if (a.numRows != a.numCols) {
            throw new IllegalArgumentException("the matrix to decompose must be square, got " + a.numRows + " x " + a.numCols);
        }
        int n = a.numRows;
        // EJML holds the input copy, a tridiagonal work copy and the eigenvectors
        MemoryCheck.require(4L * n * n * 8, "the eigendecomposition of a " + n + " x " + n + " matrix");
        DMatrixRMaj s = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = a.data[i * n + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("the matrix to decompose has " + v + " at (" + i + ", " + j + ")");
                }
                s.data[i * n + j] = v;
                s.data[j * n + i] = v;
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(s)) {
            throw new IllegalArgumentException("the symmetric eigendecomposition did not converge (n = " + n + ")");
        }
        Integer[] order = new Integer[n];
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            raw[i] = eig.getEigenvalue(i).real;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(raw[x], raw[y]));
        double[] values = new double[n];
        DMatrixRMaj v = new DMatrixRMaj(n, n);
        for (int c = 0; c < n; c++) {
            values[c] = raw[order[c]];
            DMatrixRMaj col = eig.getEigenVector(order[c]);
            for (int r = 0; r < n; r++) {
                v.data[r * n + c] = col.data[r];
            }
        }
        return new SymmetricEigen(values, v);
    }

    /** n. */
    public int size() {
        return values.length;
    }

    /** λ, ascending (a fresh copy). */
    public double[] values() {
        return values.clone();
    }

    /** λ_i. */
    public double value(int i) {
        return values[i];
    }

    /** V, eigenvectors in columns in the order of {@link #values()} (a fresh copy). */
    public DMatrixRMaj vectors() {
        return vectors.copy();
    }

    /** V without a copy, for this package's and the predictors' products; callers must not modify it. */
    DMatrixRMaj vectorsView() {
        return vectors;
    }

    /**
     * Vᵀ B.
     *
     * @param b n × k; not modified
     */
    public DMatrixRMaj toEigenbasis(DMatrixRMaj b) {
        requireRows(b);
        DMatrixRMaj out = new DMatrixRMaj(size(), b.numCols);
        org.ejml.dense.row.CommonOps_DDRM.multTransA(vectors, b, out);
        return out;
    }

    /**
     * V C.
     *
     * @param c n × k coefficients in the eigenbasis; not modified
     */
    public DMatrixRMaj fromEigenbasis(DMatrixRMaj c) {
        requireRows(c);
        DMatrixRMaj out = new DMatrixRMaj(size(), c.numCols);
        org.ejml.dense.row.CommonOps_DDRM.mult(vectors, c, out);
        return out;
    }

    private void requireRows(DMatrixRMaj b) {
        if (b.numRows != size()) {
            throw new IllegalArgumentException("operand has " + b.numRows + " rows, the decomposition is of size " + size());
        }
    }
}
