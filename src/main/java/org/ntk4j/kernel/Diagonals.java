package org.ntk4j.kernel;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.simd.KernelOps;
import org.ntk4j.simd.RecursionProgram;
import org.ntk4j.simd.Simd;

/**
 * The kernel recursion on the diagonal, K_l(x, x) and Θ_l(x, x), for every input row and every
 * layer of a network: what each tile needs about its rows. Immutable.
 */
public final class Diagonals {

    private final int n;
    private final int rows;
    private final double[] nngpTable;
    private final double[] ntkTable;

    private Diagonals(int n, int rows, double[] nngpTable, double[] ntkTable) {
        this.n = n;
        this.rows = rows;
        this.nngpTable = nngpTable;
        this.ntkTable = ntkTable;
    }

    /**
     * Computes the diagonals of the rows of x. Rejects inputs for which an arc-cosine activation
     * sees a zero variance (its angle is undefined) and any non-finite value.
     *
     * @param x    inputs, one per row; not modified
     * @param name what to call x in error messages, e.g. "x1"
     */
    public static Diagonals compute(Network net, DMatrixRMaj x, Simd.Impl impl, String name) {
        KernelInputs.requireFinite(x, name);
        return compute(net, x, Simd.ops(impl), name);
    }

    static Diagonals compute(Network net, DMatrixRMaj x, KernelOps ops, String name) {
        RecursionProgram pr = net.program();
        int n = x.numRows;
        int d = x.numCols;
        double[] dots = new double[n];
        ops.selfDots(x.data, 0, n, d, dots, 0);
        int rows = pr.length() + 1;
        double[] k = new double[rows * n];
        double[] t = new double[rows * n];
        ops.diagonals(pr, dots, n, d, k, t);
        // row by row, in the order the recursion produced them: an overflow in row p is reported
        // before op p turns it into NaN, and a zero variance before its 0/0 angle reaches row p + 1
        for (int p = 0; p < rows; p++) {
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(k[p * n + i]) || !Double.isFinite(t[p * n + i])) {
                    throw new IllegalArgumentException(name + " row " + i + ": the kernel overflows"
                            + (p == 0 ? " at the input" : " after " + describeLayer(net, p - 1))
                            + " (w-std too large for this depth or input norm?)");
                }
            }
            if (p < pr.length() && pr.needsAngle(p)) {
                for (int i = 0; i < n; i++) {
                    if (!(k[p * n + i] > 0)) {
                        throw new IllegalArgumentException(name + " row " + i + ": the variance entering "
                                + describeLayer(net, p) + " is 0" + (p == 1 ? " (a zero input vector with b-std = 0)" : "")
                                + ", so its arc-cosine angle is undefined");
                    }
                }
            }
        }
        return new Diagonals(n, rows, k, t);
    }

    private static String describeLayer(Network net, int p) {
        return "layer " + (p + 1) + " (" + net.layers().get(p).describe() + ")";
    }

    /** Number of inputs. */
    public int size() {
        return n;
    }

    /** K(x_i, x_i) of the readout, for every row i (a fresh copy). */
    public double[] nngp() {
        return Arrays.copyOfRange(nngpTable, (rows - 1) * n, rows * n);
    }

    /** Θ(x_i, x_i) of the readout, for every row i (a fresh copy). */
    public double[] ntk() {
        return Arrays.copyOfRange(ntkTable, (rows - 1) * n, rows * n);
    }

    /** K_p(x_i, x_i) after layer p (0 = the input kernel x·x/d). */
    public double nngp(int layer, int i) {
        return nngpTable[layer * n + i];
    }

    /** Rows i0 .. i0 + count − 1 as their own Diagonals (for a tile of those rows). */
    public Diagonals slice(int i0, int count) {
        if (i0 < 0 || count < 0 || i0 + count > n) {
            throw new IllegalArgumentException("slice [" + i0 + ", " + (i0 + count) + ") outside 0.." + n);
        }
        double[] k = new double[rows * count];
        double[] t = new double[rows * count];
        for (int p = 0; p < rows; p++) {
            System.arraycopy(nngpTable, p * n + i0, k, p * count, count);
            System.arraycopy(ntkTable, p * n + i0, t, p * count, count);
        }
        return new Diagonals(count, rows, k, t);
    }

    double[] nngpTable() {
        return nngpTable;
    }

    int tableRows() {
        return rows;
    }
}
