package org.ntk4j.kernel;

import org.ejml.data.DMatrixRMaj;
import org.ntk4j.simd.KernelOps;
import org.ntk4j.simd.Recursion;
import org.ntk4j.simd.Simd;

/**
 * The kernels tile by tile: a pure function of two input blocks and their diagonals, so the same
 * code runs on one machine (a loop over tiles on a thread pool, {@link KernelEngine}) or tile by
 * tile on a distributed engine. A tile entry is bit-identical to the same entry computed in any
 * other tiling.
 */
public final class KernelTiles {

    private KernelTiles() {
    }

    /**
     * NNGP and NTK of block x1 (rows i) against block x2 (rows j): Gram, then the whole depth of
     * the recursion fused per entry.
     *
     * @param d1 diagonals of exactly the rows of x1 ({@link Diagonals#compute} or a slice)
     * @param d2 diagonals of exactly the rows of x2
     */
    public static Tile tile(Network net, DMatrixRMaj x1, DMatrixRMaj x2, Diagonals d1, Diagonals d2, Simd.Impl impl) {
        KernelInputs.requireShapes(x1, x2);
        if (d1.size() != x1.numRows || d2.size() != x2.numRows) {
            throw new IllegalArgumentException("diagonals do not match the blocks: " + d1.size() + " and " + d2.size()
                    + " rows for blocks of " + x1.numRows + " and " + x2.numRows);
        }
        DMatrixRMaj k = new DMatrixRMaj(x1.numRows, x2.numRows);
        DMatrixRMaj t = new DMatrixRMaj(x1.numRows, x2.numRows);
        compute(Simd.ops(impl), net, x1.data, 0, x1.numRows, x2.data, 0, x2.numRows, x1.numCols,
                d1, 0, d2, 0, k.data, t.data, 0, x2.numRows);
        return new Tile(k, t);
    }

    /**
     * Writes the tile of rows [i0, i0 + rows) of x1 against rows [j0, j0 + cols) of x2 into
     * k/t at off with leading dimension ld; diagonals are indexed by the same i0, j0.
     */
    static void compute(KernelOps ops, Network net, double[] x1, int i0, int rows, double[] x2, int j0, int cols,
                        int d, Diagonals d1, int di0, Diagonals d2, int dj0, double[] k, double[] t, int off, int ld) {
        ops.gram(x1, i0 * d, rows, x2, j0 * d, cols, d, k, off, ld);
        Recursion pr = Recursion.of(net);
        int[] flagged = null;
        double[] form = InputDeterminant.form(pr);
        if (form != null && InputDeterminant.mayNeedRepair(form, d, d1.tables(), di0, rows, d2.tables(), dj0, cols)) {
            flagged = InputDeterminant.flag(pr, form, d, k, off, ld, rows, cols, d1.tables(), di0, d2.tables(), dj0);
        }
        ops.recursion(pr, d, k, t, off, ld, rows, cols, d1.tables(), di0, d2.tables(), dj0);
        if (flagged != null && flagged.length > 0) {
            InputDeterminant.repair(pr, d, flagged, x1, i0, x2, j0, k, t, off, ld, d1.tables(), di0, d2.tables(), dj0);
        }
    }
}
