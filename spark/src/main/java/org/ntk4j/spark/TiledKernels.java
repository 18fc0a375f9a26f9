package org.ntk4j.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.kernel.Diagonals;
import org.ntk4j.kernel.KernelEngine;
import org.ntk4j.kernel.KernelTiles;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Tile;
import org.ntk4j.simd.Simd;

/**
 * NNGP and NTK as an RDD of tiles, one task per tile: each task reads its two blocks of rows,
 * computes their diagonals and then the tile with the single-machine code, so every entry has the
 * bits the single-machine kernel gives it.
 */
public final class TiledKernels {

    /** Side of the squares of tiles the RDD lists together. */
    public static final int SQUARE = 4;

    private TiledKernels() {
    }

    /**
     * The tiles of the kernels between the rows of x1 and x2 (x2 null: x1 against itself, tiles
     * bi ≤ bj), one partition and task per tile, in {@link TileGrid#tilesBySquares} order (squares
     * of {@value #SQUARE} tiles a side, for products over coalesced partitions). Lazy: nothing
     * runs until an action.
     *
     * @param net the network (sent to executors as its --net text)
     */
    public static JavaRDD<TileData> tiles(JavaSparkContext sc, Network net, RowSource x1, RowSource x2, TileGrid grid,
                                          Simd.Impl impl) {
        String spec = net.toString();
        List<TileGrid.Id> ids = grid.tilesBySquares(SQUARE);
        return sc.parallelize(ids, ids.size()).map(id -> tile(Nets.of(spec), x1, x2, grid, id, impl));
    }

    /**
     * One tile. A diagonal tile of a symmetric kernel is computed as the single-machine symmetric
     * kernel of its block (half the work, the other half mirrored); any other as
     * {@link KernelTiles#tile} of the two blocks. Both give the single-machine bits.
     *
     * @throws IllegalArgumentException if a kernel entry is not finite (inputs or w-std too large)
     */
    public static TileData tile(Network net, RowSource x1, RowSource x2, TileGrid grid, TileGrid.Id id, Simd.Impl impl) {
        int r0 = grid.start(id.bi());
        int c0 = grid.start(id.bj());
        int rows = grid.rowCount(id.bi());
        int cols = grid.colCount(id.bj());
        DMatrixRMaj a = x1.block(r0, rows);
        DMatrixRMaj k;
        DMatrixRMaj t;
        if (x2 == null && id.bi() == id.bj()) {
            Kernels ks = KernelEngine.builder().impl(impl).threads(1).build().compute(net, a);
            k = ks.nngp();
            t = ks.ntk();
        } else {
            DMatrixRMaj b = (x2 == null ? x1 : x2).block(c0, cols);
            Diagonals da = Diagonals.compute(net, a, impl, rowsName(x2 == null ? "x" : "x1", r0, rows));
            Diagonals db = Diagonals.compute(net, b, impl, rowsName(x2 == null ? "x" : "x2", c0, cols));
            Tile tile = KernelTiles.tile(net, a, b, da, db, impl);
            k = tile.nngp();
            t = tile.ntk();
        }
        requireFinite(k, t, r0, c0);
        return new TileData(id.bi(), id.bj(), rows, cols, k.data, t.data);
    }

    private static String rowsName(String x, int r0, int count) {
        return x + " rows " + r0 + ".." + (r0 + count - 1) + ":";
    }

    private static void requireFinite(DMatrixRMaj k, DMatrixRMaj t, int r0, int c0) {
        int n = k.numRows * k.numCols;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(k.data[i]) || !Double.isFinite(t.data[i])) {
                throw new IllegalArgumentException("the kernel is not finite at (" + (r0 + i / k.numCols) + ", "
                        + (c0 + i % k.numCols) + "): NNGP " + k.data[i] + ", NTK " + t.data[i]
                        + " (inputs or w-std too large?)");
            }
        }
    }
}
