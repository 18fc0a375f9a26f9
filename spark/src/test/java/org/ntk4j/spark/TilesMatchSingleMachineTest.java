package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.io.Npy;
import org.ntk4j.kernel.KernelEngine;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;
import org.ntk4j.simd.Simd;

/** Every tile computed on Spark has the bits of the same entries of the single-machine kernel. */
class TilesMatchSingleMachineTest {

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start("tiles");
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    static DMatrixRMaj gaussian(int n, int d, long seed) {
        Random r = new Random(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < n * d; i++) {
            x.data[i] = r.nextGaussian();
        }
        return x;
    }

    /** Tile sizes that cut the rows unevenly and cross the engine's own 120-row tiles. */
    @Test
    void symmetricTilesEqualTheSingleMachineKernelBitForBit() {
        for (String spec : List.of("dense(1.5,0.05),relu,dense(1.5,0.05),relu,dense(1.5,0.05)",
                "dense(1.2,0.1),erf,dense(1.2,0.1)", "dense,step,dense,leaky-relu(0.1),dense")) {
            Network net = Stax.parse(spec);
            DMatrixRMaj x = gaussian(301, 17, spec.hashCode());
            Kernels whole = KernelEngine.builder().threads(2).build().compute(net, x);
            for (int tile : new int[] {97, 150, 301}) {
                TileGrid grid = TileGrid.symmetric(x.numRows, tile);
                List<TileData> tiles = TiledKernels.tiles(sc, net, RowSource.broadcast(sc, x), null, grid,
                        Simd.Impl.AUTO).collect();
                assertEquals(grid.tileCount(), tiles.size());
                for (TileData t : tiles) {
                    assertTileEquals(whole, t, grid, spec + ", tile " + tile);
                }
            }
        }
    }

    @Test
    void crossTilesEqualTheSingleMachineKernelBitForBit() {
        Network net = Stax.parse("dense(1.5,0.05),relu,dense(1.5,0.05),erf,dense(1.5,0.05)");
        DMatrixRMaj test = gaussian(77, 23, 5);
        DMatrixRMaj train = gaussian(260, 23, 6);
        Kernels whole = KernelEngine.builder().threads(2).build().compute(net, test, train);
        TileGrid grid = TileGrid.cross(test.numRows, train.numRows, 64);
        List<TileData> tiles = TiledKernels.tiles(sc, net, RowSource.broadcast(sc, test), RowSource.broadcast(sc, train),
                grid, Simd.Impl.AUTO).collect();
        assertEquals(2 * 5, tiles.size());
        for (TileData t : tiles) {
            assertTileEquals(whole, t, grid, "cross");
        }
    }

    /**
     * Tiles written through the Hadoop FileSystem API (file:// URI here) read back with the core
     * library's .npy reader carry the single-machine bits; the manifest lists every file.
     */
    @Test
    void writtenTilesAndManifestRoundTrip(@TempDir Path dir) throws Exception {
        Network net = Stax.parse("dense(1.5,0.05),relu,dense(1.5,0.05),relu,dense(1.5,0.05)");
        DMatrixRMaj x = gaussian(150, 9, 11);
        Kernels whole = KernelEngine.builder().threads(2).build().compute(net, x);
        TileGrid grid = TileGrid.symmetric(x.numRows, 64);
        String out = "file://" + dir.resolve("tiles");
        TileFiles.write(sc, TiledKernels.tiles(sc, net, RowSource.broadcast(sc, x), null, grid, Simd.Impl.AUTO), grid, net, out);
        String manifest = Files.readString(dir.resolve("tiles/manifest.json"));
        assertTrue(manifest.contains("\"format\": \"" + TileFiles.FORMAT + "\""), manifest);
        for (TileGrid.Id id : grid.tiles()) {
            TileData probe = new TileData(id.bi(), id.bj(), 0, 0, null, null);
            assertTrue(manifest.contains(TileFiles.name("ntk", probe)), manifest);
            DMatrixRMaj k = Npy.readMatrix(dir.resolve("tiles").resolve(TileFiles.name("nngp", probe)));
            DMatrixRMaj t = Npy.readMatrix(dir.resolve("tiles").resolve(TileFiles.name("ntk", probe)));
            assertEquals(grid.rowCount(id.bi()), k.numRows);
            assertEquals(grid.colCount(id.bj()), k.numCols);
            assertTileEquals(whole, new TileData(id.bi(), id.bj(), k.numRows, k.numCols, k.data, t.data), grid, "written");
        }
        try (var files = Files.list(dir.resolve("tiles"))) {
            assertEquals(2 * grid.tileCount() + 1, files.count(), "two files a tile and the manifest, nothing else");
        }
    }

    /** Blocks read by each task from the .npy file (inputs too large to broadcast) give the same bits. */
    @Test
    void tilesFromBlocksReadPerTaskEqualTheSingleMachineKernel(@TempDir Path dir) throws Exception {
        Network net = Stax.parse("dense(1.2,0.1),erf,dense(1.2,0.1),relu,dense(1.2,0.1)");
        DMatrixRMaj x = gaussian(170, 13, 21);
        Path file = dir.resolve("x.npy");
        Npy.write(file, x);
        org.apache.hadoop.conf.Configuration conf = sc.hadoopConfiguration();
        RowSource rows = RowSource.file(NpyFs.header("file://" + file, conf), new HadoopConf(conf));
        Kernels whole = KernelEngine.builder().threads(2).build().compute(net, x);
        TileGrid grid = TileGrid.symmetric(x.numRows, 64);
        for (TileData t : TiledKernels.tiles(sc, net, rows, null, grid, Simd.Impl.AUTO).collect()) {
            assertTileEquals(whole, t, grid, "read per block");
        }
    }

    static void assertTileEquals(Kernels whole, TileData t, TileGrid grid, String what) {
        int n2 = whole.nngp().numCols;
        int r0 = grid.start(t.bi());
        int c0 = grid.start(t.bj());
        double[] k = new double[t.rows() * t.cols()];
        double[] th = new double[t.rows() * t.cols()];
        for (int r = 0; r < t.rows(); r++) {
            System.arraycopy(whole.nngp().data, (r0 + r) * n2 + c0, k, r * t.cols(), t.cols());
            System.arraycopy(whole.ntk().data, (r0 + r) * n2 + c0, th, r * t.cols(), t.cols());
        }
        assertArrayEquals(k, t.nngp(), 0.0, what + ": NNGP tile (" + t.bi() + ", " + t.bj() + ")");
        assertArrayEquals(th, t.ntk(), 0.0, what + ": NTK tile (" + t.bi() + ", " + t.bj() + ")");
    }
}
