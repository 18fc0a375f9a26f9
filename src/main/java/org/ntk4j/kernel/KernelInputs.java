package org.ntk4j.kernel;

import org.ejml.data.DMatrixRMaj;
import org.ntk4j.linalg.MemoryCheck;

/** Checks at the public door for kernel inputs: shapes, finiteness, memory. */
final class KernelInputs {

    private KernelInputs() {
    }

    static void requireFinite(DMatrixRMaj x, String name) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        int n = x.numRows * x.numCols;
        double[] a = x.data;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(name + " row " + (i / x.numCols) + ", column " + (i % x.numCols)
                        + " is " + a[i] + ": inputs must be finite");
            }
        }
    }

    static void requireShapes(DMatrixRMaj x1, DMatrixRMaj x2) {
        if (x1.numCols == 0) {
            throw new IllegalArgumentException("x1 has no columns: inputs need at least one feature");
        }
        if (x2 != null && x2.numCols != x1.numCols) {
            throw new IllegalArgumentException("x1 and x2 have different dimensions: x1 is " + x1.numRows + " x "
                    + x1.numCols + ", x2 is " + x2.numRows + " x " + x2.numCols);
        }
    }

    /** Refuses an n1 × n2 pair of kernels that the JVM cannot hold, before allocating it. */
    static void requireMemory(long n1, long n2, int matrices) {
        long entries = n1 * n2;
        if (entries > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("an " + n1 + " x " + n2 + " kernel has " + entries
                    + " entries, more than a Java array holds (" + (Integer.MAX_VALUE - 8) + "): split x1 or x2");
        }
        MemoryCheck.require(entries * 8 * matrices, "a pair of " + n1 + " x " + n2 + " kernels (NNGP and NTK)");
    }
}
