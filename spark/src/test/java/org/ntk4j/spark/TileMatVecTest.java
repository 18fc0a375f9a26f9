package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntk4j.kernel.KernelEngine;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;
import org.ntk4j.simd.Simd;

/** Products over the tiles: the dense product's values, and the same bits for any partitioning. */
class TileMatVecTest {

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start("matvec");
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    /**
     * Against EJML's dense product: both sum n = 230 products in a different order, so they
     * differ by at most about n · eps · Σ|K_ij v_j| (Higham 2002, §3.1); 230 · 2.2e-16 ≈ 5e-14
     * relative to the row's absolute sum, well inside 1e-12 of the largest entry.
     */
    @Test
    void symmetricAndCrossProductsMatchDenseAndIgnorePartitioning() {
        Network net = Stax.parse("dense(1.3,0.2),relu,dense(1.3,0.2),relu,dense(1.3,0.2)");
        DMatrixRMaj x = TilesMatchSingleMachineTest.gaussian(230, 11, 7);
        DMatrixRMaj xt = TilesMatchSingleMachineTest.gaussian(90, 11, 8);
        int k = 4;
        Random r = new Random(9);
        double[][] v = {new double[230 * k], new double[230 * k]};
        for (double[] a : v) {
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextGaussian();
            }
        }
        Kernels whole = KernelEngine.defaults().compute(net, x);
        Kernels cross = KernelEngine.defaults().compute(net, xt, x);
        double[] maxDiag = {max(whole.diag1().nngp()), max(whole.diag1().ntk())};
        double[] bound = {Math.max(maxDiag[0], max(cross.diag1().nngp())), Math.max(maxDiag[1], max(cross.diag1().ntk()))};

        TileGrid grid = TileGrid.symmetric(230, 60);
        JavaRDD<TileData> tiles = TiledKernels.tiles(sc, net, RowSource.broadcast(sc, x), null, grid, Simd.Impl.AUTO).cache();
        double[][] got = new TileMatVec(sc, tiles, grid, maxDiag, 1, Simd.Impl.AUTO).times(v, k);
        assertClose(whole.nngp(), v[0], got[0], k);
        assertClose(whole.ntk(), v[1], got[1], k);
        for (JavaRDD<TileData> other : List.of(tiles.coalesce(1), tiles.repartition(3), tiles.repartition(7))) {
            for (int depth : new int[] {1, 3}) {
                double[][] again = new TileMatVec(sc, other, grid, maxDiag, depth, Simd.Impl.AUTO).times(v, k);
                assertArrayEquals(got[0], again[0], 0.0);
                assertArrayEquals(got[1], again[1], 0.0);
            }
        }
        double[][] onlyNtk = new TileMatVec(sc, tiles, grid, maxDiag, 1, Simd.Impl.AUTO).times(new double[][] {null, v[1]}, k);
        assertEquals(null, onlyNtk[0]);
        assertArrayEquals(got[1], onlyNtk[1], 0.0);

        TileGrid cg = TileGrid.cross(90, 230, 64);
        JavaRDD<TileData> ct = TiledKernels.tiles(sc, net, RowSource.broadcast(sc, xt), RowSource.broadcast(sc, x), cg,
                Simd.Impl.AUTO);
        double[][] means = new TileMatVec(sc, ct, cg, bound, 2, Simd.Impl.AUTO).times(v, k);
        assertClose(cross.nngp(), v[0], means[0], k);
        assertClose(cross.ntk(), v[1], means[1], k);
        tiles.unpersist();
    }

    static void assertClose(DMatrixRMaj a, double[] v, double[] got, int k) {
        DMatrixRMaj want = new DMatrixRMaj(a.numRows, k);
        CommonOps_DDRM.mult(a, DMatrixRMaj.wrap(a.numCols, k, v), want);
        double scale = CommonOps_DDRM.elementMaxAbs(want);
        assertArrayEquals(want.data, got, 1e-12 * scale);
    }

    static double max(double[] a) {
        double m = 0;
        for (double x : a) {
            m = Math.max(m, x);
        }
        return m;
    }
}
