package org.ntk4j.kernel;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.simd.DiagonalTables;
import org.ntk4j.simd.KernelOps;
import org.ntk4j.simd.Recursion;
import org.ntk4j.simd.Simd;

/**
 * The kernel recursion on the diagonal, K_l(x, x) and Θ_l(x, x), for every input row and every
 * layer of a network: what each tile needs about its rows. Immutable.
 */
public final class Diagonals {

    private final int length;
    private final DiagonalTables tables;

    private Diagonals(int length, DiagonalTables tables) {
        this.length = length;
        this.tables = tables;
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
        Recursion pr = Recursion.of(net);
        int n = x.numRows;
        int d = x.numCols;
        double[] dots = new double[n];
        ops.selfDots(x.data, 0, n, d, dots, 0);
        DiagonalTables tables = ops.diagonals(pr, dots, n, d);
        // row by row, in the order the recursion produced them: an overflow in row p is reported
        // before op p turns it into NaN, an underflow where it happens, and a zero variance before
        // its 0/0 angle reaches row p + 1
        for (int p = 0; p <= pr.length(); p++) {
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(tables.nngp(p, i)) || !Double.isFinite(tables.ntk(p, i))) {
                    throw new IllegalArgumentException(name + " row " + i + ": the kernel overflows"
                            + (p == 0 ? " at the input" : " after " + describeLayer(net, p - 1))
                            + " (w-std too large for this depth or input norm?)");
                }
            }
            if (p > 0 && !(pr.isDense(p - 1) && pr.weightVariance(p - 1) == 0 && pr.biasVariance(p - 1) == 0)) {
                for (int i = 0; i < n; i++) {
                    // from a normal variance, a result below the normal range has lost its digits
                    // (max(x, 0)^n of a small variance goes like k^(n^L)); a zero-weight, zero-bias
                    // dense layer is the one op whose exact result is 0
                    if (tables.nngp(p - 1, i) >= Double.MIN_NORMAL && tables.nngp(p, i) < Double.MIN_NORMAL) {
                        throw new IllegalArgumentException(name + " row " + i + ": the kernel underflows after "
                                + describeLayer(net, p - 1) + ": its variance fell below " + Double.MIN_NORMAL
                                + " (input norm too small for this depth?)");
                    }
                }
            }
            if (p < pr.length() && pr.needsAngle(p)) {
                for (int i = 0; i < n; i++) {
                    if (!(tables.nngp(p, i) > 0)) {
                        throw new IllegalArgumentException(name + " row " + i + ": the variance entering "
                                + describeLayer(net, p) + " is 0" + (p == 1 ? " (a zero input vector with b-std = 0)" : "")
                                + ", so its arc-cosine angle is undefined");
                    }
                }
            }
        }
        return new Diagonals(pr.length(), tables);
    }

    private static String describeLayer(Network net, int p) {
        return "layer " + (p + 1) + " (" + net.layers().get(p).describe() + ")";
    }

    /** Number of inputs. */
    public int size() {
        return tables.size();
    }

    /** K(x_i, x_i) of the readout, for every row i (a fresh copy). */
    public double[] nngp() {
        double[] out = new double[size()];
        Arrays.setAll(out, i -> tables.nngp(length, i));
        return out;
    }

    /** Θ(x_i, x_i) of the readout, for every row i (a fresh copy). */
    public double[] ntk() {
        double[] out = new double[size()];
        Arrays.setAll(out, i -> tables.ntk(length, i));
        return out;
    }

    /** K(x_i, x_i) after layer p (0 = the input kernel x·x/d). */
    public double nngp(int layer, int i) {
        return tables.nngp(layer, i);
    }

    /** Rows i0 .. i0 + count − 1 as their own Diagonals (for a tile of those rows). */
    public Diagonals slice(int i0, int count) {
        return new Diagonals(length, tables.slice(i0, count));
    }

    DiagonalTables tables() {
        return tables;
    }
}
