package org.ntk4j.spark;

import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.ntk4j.simd.LinalgOps;
import org.ntk4j.simd.Simd;

/**
 * Products of the tiled kernels with narrow matrices, both kernels in one pass over the tiles:
 * out_s = K_s V_s for s = NNGP, NTK, each V_s n2 × k. V is broadcast; each tile (bi, bj) adds
 * K_ij V_j to block bi of the output and, for an off-diagonal tile of a symmetric kernel, K_ijᵀ V_i
 * to block bj; the contributions meet in a treeAggregate and are summed exactly
 * ({@link ExactBlocks}), so the product has the same bits for any partitioning, executor count or
 * completion order. A tile's rows are read once per product: each row is dotted with the k
 * columns of V_j and added, times V_i's row, into the transposed output of block bj.
 */
public final class TileMatVec {

    private final JavaSparkContext sc;
    private final JavaRDD<TileData> tiles;
    private final TileGrid grid;
    private final double[] maxAbsEntry;
    private final int depth;
    private final Simd.Impl impl;

    /**
     * @param tiles       the kernel's tiles (cache them: every product reads all of them)
     * @param maxAbsEntry for NNGP and NTK, a bound on |K(x, x')| over the whole kernel (for a PSD
     *                    kernel the largest diagonal entry of x and x' together)
     * @param depth       treeAggregate depth (≥ 1, or 0: 1 up to 64 partitions, else 2); the bits do not depend on it
     */
    public TileMatVec(JavaSparkContext sc, JavaRDD<TileData> tiles, TileGrid grid, double[] maxAbsEntry, int depth,
                      Simd.Impl impl) {
        if (maxAbsEntry.length != 2) {
            throw new IllegalArgumentException("need bounds for NNGP and NTK, got " + maxAbsEntry.length);
        }
        this.sc = sc;
        this.tiles = tiles;
        this.grid = grid;
        this.maxAbsEntry = maxAbsEntry.clone();
        this.depth = depth > 0 ? depth : tiles.getNumPartitions() <= 64 ? 1 : 2;
        this.impl = impl;
    }

    /**
     * K_s V_s for both kernels.
     *
     * @param v v[s] is V_s, n2 × k row-major, or null to skip kernel s (its result is then null); not modified
     * @param k columns of each V_s
     * @return out[s], n1 × k row-major
     */
    public double[][] times(double[][] v, int k) {
        int[] exps = new int[2];
        for (int s = 0; s < 2; s++) {
            if (v[s] != null) {
                if (v[s].length != (long) grid.cols() * k) {
                    throw new IllegalArgumentException("V has " + v[s].length + " entries, expected " + grid.cols() + " x " + k);
                }
                double maxV = 0;
                for (double x : v[s]) {
                    maxV = Math.max(maxV, Math.abs(x));
                }
                // every partial sum of out_i is a sum over distinct j of K_ij v_j
                exps[s] = ExactBlocks.exponentFor((double) grid.cols() * maxAbsEntry[s] * maxV);
            }
        }
        Broadcast<double[][]> bv = sc.broadcast(v);
        try {
            int blocks = grid.rowBlocks();
            TileGrid g = grid;
            Simd.Impl im = impl;
            ExactBlocks zero = new ExactBlocks(exps, blocks);
            ExactBlocks sum = tiles.treeAggregate(zero,
                    (acc, tile) -> accumulate(acc, tile, bv.value(), k, g, Simd.linalg(im)),
                    ExactBlocks::merge, depth, depth >= 2); // deep trees: the last merge on an executor, not the driver
            double[][] out = new double[2][];
            for (int s = 0; s < 2; s++) {
                if (v[s] == null) {
                    continue;
                }
                out[s] = new double[grid.rows() * k];
                for (int b = 0; b < blocks; b++) {
                    sum.copyTo(s, b, out[s], grid.start(b) * k, grid.rowCount(b) * k);
                }
            }
            return out;
        } finally {
            bv.destroy();
        }
    }

    /** Adds one tile's contributions to acc (modified) and returns it. */
    static ExactBlocks accumulate(ExactBlocks acc, TileData t, double[][] v, int k, TileGrid grid, LinalgOps ops) {
        boolean mirror = grid.symmetric() && t.bi() != t.bj();
        int r0 = grid.start(t.bi());
        int c0 = grid.start(t.bj());
        int rows = t.rows();
        int cols = t.cols();
        for (int s = 0; s < 2; s++) {
            if (v[s] == null) {
                continue;
            }
            double[] a = s == 0 ? t.nngp() : t.ntk();
            double[] vt = transposedBlock(v[s], c0, cols, k);       // k × cols
            double[] direct = new double[rows * k];
            double[] mirrored = mirror ? new double[k * cols] : null; // k × cols, transposed
            for (int r = 0; r < rows; r++) {
                int row = r * cols;
                for (int q = 0; q < k; q++) {
                    direct[r * k + q] = ops.dot(a, row, vt, q * cols, cols);
                }
                if (mirror) {
                    for (int q = 0; q < k; q++) {
                        ops.axpy(v[s][(r0 + r) * k + q], a, row, mirrored, q * cols, cols);
                    }
                }
            }
            acc.add(s, t.bi(), direct, rows * k);
            if (mirror) {
                double[] back = new double[cols * k];
                for (int q = 0; q < k; q++) {
                    for (int c = 0; c < cols; c++) {
                        back[c * k + q] = mirrored[q * cols + c];
                    }
                }
                acc.add(s, t.bj(), back, cols * k);
            }
        }
        return acc;
    }

    private static double[] transposedBlock(double[] v, int c0, int cols, int k) {
        double[] out = new double[k * cols];
        for (int c = 0; c < cols; c++) {
            for (int q = 0; q < k; q++) {
                out[q * cols + c] = v[(c0 + c) * k + q];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "TileMatVec" + Arrays.toString(new int[] {grid.rows(), grid.cols(), grid.size()});
    }
}
