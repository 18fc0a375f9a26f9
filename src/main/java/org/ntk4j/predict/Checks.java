package org.ntk4j.predict;

import org.ejml.data.DMatrixRMaj;

/** Shape and value checks at the public doors of the predictors. */
final class Checks {

    private Checks() {
    }

    static void requireRows(DMatrixRMaj m, int rows, String what, String against) {
        if (m == null) {
            throw new IllegalArgumentException(what + " are missing");
        }
        if (m.numRows != rows) {
            throw new IllegalArgumentException(what + " have " + m.numRows + " rows but " + against + " has " + rows);
        }
    }

    static void requireCols(DMatrixRMaj m, int cols, String what) {
        if (m == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (m.numCols != cols) {
            throw new IllegalArgumentException(what + " has " + m.numCols + " columns but there are " + cols
                    + " training points");
        }
    }

    static void requireSquare(DMatrixRMaj m, int size, String what) {
        if (m == null || m.numRows != size || m.numCols != size) {
            throw new IllegalArgumentException(what + " must be " + size + " x " + size
                    + (m == null ? ", it is missing" : ", got " + m.numRows + " x " + m.numCols));
        }
    }

    static void requireFinite(DMatrixRMaj m, String what) {
        int n = m.numRows * m.numCols;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(m.data[i])) {
                throw new IllegalArgumentException(what + " row " + i / m.numCols + ", column " + i % m.numCols
                        + " is " + m.data[i] + ": it must be finite");
            }
        }
    }

    static void requirePositive(double v, String what) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be finite and > 0, got " + v);
        }
    }
}
