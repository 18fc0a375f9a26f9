package org.ntk4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.kernel.Diagonals;
import org.ntk4j.kernel.Network;
import org.ntk4j.simd.Simd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kernel regression with the NNGP and the NTK on Spark: the train tiles computed once and cached,
 * α_s = (K_s + σ_s² I)⁻¹ Y by preconditioned CG ({@link BlockCg}) over them, then the posterior
 * means K_s(X*, X) α_s from test/train tiles computed on the fly. σ_s² = diagReg · mean(diag K_s),
 * as in the single-machine {@code GpPosterior}. Progress goes to the Spark UI's job descriptions
 * and to the driver log.
 */
public final class KernelRegression {

    private static final Logger LOG = LoggerFactory.getLogger(KernelRegression.class);

    /** The job's settings. */
    public record Settings(int tile, int rank, double tol, double diagReg, Preconditioners.Kind preconditioner,
                           int maxIterations, int batch, long seed, int aggregateDepth, int partitions, Simd.Impl impl,
                           String tilesOut) {
        public Settings {
            if (tile < 1) {
                throw new IllegalArgumentException("--tile must be >= 1, got " + tile);
            }
            if (rank < 0) {
                throw new IllegalArgumentException("--rank must be >= 0, got " + rank);
            }
            if (!(tol > 0) || tol >= 1) {
                throw new IllegalArgumentException("--tol must be in (0, 1), got " + tol);
            }
            if (!(diagReg > 0) || Double.isInfinite(diagReg)) {
                throw new IllegalArgumentException("--diag-reg must be finite and > 0 for CG, got " + diagReg);
            }
            if (partitions < 0) {
                throw new IllegalArgumentException("--partitions must be >= 0, got " + partitions);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("--max-iter must be >= 1, got " + maxIterations);
            }
        }

        /** Defaults: tile 2048, rank 200, tol 1e-8, diag-reg 1e-6, Nyström, 5000 iterations. */
        public static Settings defaults() {
            return new Settings(2048, 200, 1e-8, 1e-6, Preconditioners.Kind.NYSTROM, 5000, 64, 42, 0, 0,
                    Simd.Impl.AUTO, null);
        }
    }

    /**
     * What a run produced and measured.
     *
     * @param means         posterior means, means[s] n_test × k (s = NNGP, NTK)
     * @param alpha         α_s, n × k
     * @param cg            the solver's result
     * @param trueResidual  ‖Y − (K_s + σ_s² I) α_s‖₂ / ‖Y‖₂, largest over columns, from one extra product
     * @param sigma2        σ_s²
     * @param ranks         preconditioner ranks reached
     * @param seconds       kernel, preconditioner, cg, predict (and tiles written) times
     * @param plan          the memory plan checked before the tiles
     */
    public record Outcome(double[][] means, double[][] alpha, BlockCg.Result cg, double[] trueResidual, double[] sigma2,
                          int[] ranks, java.util.Map<String, Double> seconds, MemoryPlan plan, long tiles) {
    }

    private KernelRegression() {
    }

    /**
     * Runs the regression.
     *
     * @param y train targets, n × k; not modified
     */
    public static Outcome run(JavaSparkContext sc, Network net, RowSource train, DMatrixRMaj y, RowSource test,
                              Settings s) {
        int n = train.rows();
        int k = y.numCols;
        if (y.numRows != n) {
            throw new IllegalArgumentException("the targets have " + y.numRows + " rows but train-x has " + n);
        }
        if (test.cols() != train.cols()) {
            throw new IllegalArgumentException("test-x has " + test.cols() + " columns but train-x has " + train.cols());
        }
        TileGrid grid = TileGrid.symmetric(n, Math.min(s.tile(), n));
        MemoryPlan plan = MemoryPlan.of(sc, grid, train.cols());
        plan.require();
        java.util.Map<String, Double> secs = new java.util.LinkedHashMap<>();
        java.util.Map<String, Double> cpu = new java.util.LinkedHashMap<>();
        double cpu0 = KernelOverhead.processCpu();

        long t0 = System.nanoTime();
        describe(sc, "ntk4j: train kernel, " + grid.tileCount() + " tiles of " + grid.size() + " x " + grid.size());
        JavaRDD<TileData> tiles = TiledKernels.tiles(sc, net, train, null, grid, s.impl()).persist(StorageLevel.MEMORY_ONLY());
        List<double[][]> diagParts = tiles.filter(t -> t.bi() == t.bj()).map(KernelRegression::diagonal).collect();
        secs.put("kernel", seconds(t0));
        cpu0 = lap(cpu, "kernel", cpu0);
        LOG.info("train kernel: {} tiles of {} x {} in {} s", grid.tileCount(), grid.size(), grid.size(),
                String.format(Locale.ROOT, "%.2f", secs.get("kernel")));
        double[][] diag = {new double[n], new double[n]};
        for (double[][] part : diagParts) {
            int b = (int) part[2][0];
            System.arraycopy(part[0], 0, diag[0], grid.start(b), part[0].length);
            System.arraycopy(part[1], 0, diag[1], grid.start(b), part[1].length);
        }
        if (s.tilesOut() != null) {
            long w0 = System.nanoTime();
            describe(sc, "ntk4j: writing train tiles to " + s.tilesOut());
            TileFiles.write(sc, tiles, grid, net, s.tilesOut() + "/train");
            secs.put("write_train_tiles", seconds(w0));
        }
        double[] sigma2 = new double[2];
        double[] maxDiag = new double[2];
        for (int q = 0; q < 2; q++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += diag[q][i];
                maxDiag[q] = Math.max(maxDiag[q], diag[q][i]);
            }
            if (!(sum > 0)) {
                throw new IllegalArgumentException("the train " + (q == 0 ? "NNGP" : "NTK") + " has a non-positive mean diagonal");
            }
            sigma2[q] = s.diagReg() * (sum / n);
        }

        long p0 = System.nanoTime();
        LowRankPreconditioner[] pre = new LowRankPreconditioner[2];
        int[] ranks = new int[2];
        if (s.rank() > 0) {
            describe(sc, "ntk4j: " + s.preconditioner().key() + " preconditioner, rank " + s.rank());
            SparkColumns cols = new SparkColumns(sc, net, train, grid.size(), s.impl());
            DMatrixRMaj[] l = Preconditioners.factors(s.preconditioner(), diag, s.rank(), s.batch(), s.seed(), cols);
            for (int q = 0; q < 2; q++) {
                pre[q] = new LowRankPreconditioner(l[q], sigma2[q]);
                ranks[q] = l[q].numCols;
            }
            LOG.info("{} preconditioner: ranks {} / {} from {} column job(s)", s.preconditioner().key(), ranks[0], ranks[1],
                    cols.jobs());
        }
        secs.put("preconditioner", seconds(p0));
        cpu0 = lap(cpu, "preconditioner", cpu0);

        long c0 = System.nanoTime();
        // products read the cached tiles through fewer, larger partitions (runs of squares of tiles)
        int parts = s.partitions() > 0 ? s.partitions() : 4 * sc.defaultParallelism();
        JavaRDD<TileData> product = grid.tileCount() > parts ? tiles.coalesce(parts) : tiles;
        TileMatVec kv = new TileMatVec(sc, product, grid, maxDiag, s.aggregateDepth(), s.impl());
        describe(sc, "ntk4j: CG iteration 1");
        BlockCg.Result cg = BlockCg.solve(v -> kv.times(v, k), sigma2, new double[][] {y.data, y.data}, n, k, pre, s.tol(),
                s.maxIterations(), (it, res) -> {
                    String line = String.format(Locale.ROOT, "CG iteration %d: relative residual NNGP %s, NTK %s (tol %.1g)",
                            it, residual(res[0]), residual(res[1]), s.tol());
                    describe(sc, "ntk4j: " + line);
                    if (it == 1 || it % 10 == 0) {
                        LOG.info(line);
                    }
                });
        secs.put("cg", seconds(c0));
        cpu0 = lap(cpu, "cg", cpu0);
        describe(sc, "ntk4j: true residual");
        double[][] check = kv.times(cg.x(), k);
        double[] trueRes = new double[2];
        for (int q = 0; q < 2; q++) {
            double[] r = y.data.clone();
            for (int i = 0; i < n * k; i++) {
                r[i] -= check[q][i] + sigma2[q] * cg.x()[q][i];
            }
            double[] rn = BlockCg.columnNorms(r, n, k);
            double[] bn = BlockCg.columnNorms(y.data, n, k);
            for (int c = 0; c < k; c++) {
                trueRes[q] = Math.max(trueRes[q], bn[c] == 0 ? 0 : rn[c] / bn[c]);
            }
        }
        LOG.info("CG: {} / {} iterations (NNGP / NTK), true relative residual {} / {}", cg.iterations()[0],
                cg.iterations()[1], String.format(Locale.ROOT, "%.3g", trueRes[0]), String.format(Locale.ROOT, "%.3g", trueRes[1]));
        tiles.unpersist(false);
        cpu0 = lap(cpu, "true_residual", cpu0);

        long m0 = System.nanoTime();
        int nTest = test.rows();
        TileGrid cross = TileGrid.cross(nTest, n, grid.size());
        double[] testDiagMax = maxDiagonal(sc, net, test, grid.size(), s.impl());
        double[] bound = {Math.max(maxDiag[0], testDiagMax[0]), Math.max(maxDiag[1], testDiagMax[1])};
        describe(sc, "ntk4j: test/train kernel and posterior means, " + cross.tileCount() + " tiles");
        JavaRDD<TileData> crossTiles = TiledKernels.tiles(sc, net, test, train, cross, s.impl());
        if (s.tilesOut() != null) {
            crossTiles = crossTiles.persist(StorageLevel.MEMORY_AND_DISK());
            long w0 = System.nanoTime();
            TileFiles.write(sc, crossTiles, cross, net, s.tilesOut() + "/test-train");
            secs.put("write_test_tiles", seconds(w0));
        }
        double[][] means = new TileMatVec(sc, crossTiles, cross, bound, s.aggregateDepth(), s.impl()).times(cg.x(), k);
        crossTiles.unpersist(false);
        secs.put("predict", seconds(m0));
        lap(cpu, "predict", cpu0);
        LOG.info("posterior means: {} x {} from {} tiles in {} s", nTest, k, cross.tileCount(),
                String.format(Locale.ROOT, "%.2f", secs.get("predict")));
        for (var e : cpu.entrySet()) {
            secs.put("cpu_" + e.getKey(), e.getValue());
        }
        return new Outcome(means, cg.x(), cg, trueRes, sigma2, ranks, secs, plan, grid.tileCount());
    }

    /** The diagonal of a diagonal tile: {nngp, ntk, {block}}. */
    private static double[][] diagonal(TileData t) {
        double[] k = new double[t.rows()];
        double[] th = new double[t.rows()];
        for (int i = 0; i < t.rows(); i++) {
            k[i] = t.nngp()[i * t.cols() + i];
            th[i] = t.ntk()[i * t.cols() + i];
        }
        return new double[][] {k, th, {t.bi()}};
    }

    /** The largest K(x, x) and Θ(x, x) over the rows of x, one task per block. */
    static double[] maxDiagonal(JavaSparkContext sc, Network net, RowSource x, int block, Simd.Impl impl) {
        int n = x.rows();
        List<Integer> ids = new ArrayList<>();
        for (int b = 0; b < (n + block - 1) / block; b++) {
            ids.add(b);
        }
        String spec = net.toString();
        List<double[]> parts = sc.parallelize(ids, ids.size()).map(b -> {
            int r0 = b * block;
            DMatrixRMaj a = x.block(r0, Math.min(block, n - r0));
            Diagonals d = Diagonals.compute(Nets.of(spec), a, impl, "x rows from " + r0 + ",");
            double mk = 0;
            double mt = 0;
            for (double v : d.nngp()) {
                mk = Math.max(mk, v);
            }
            for (double v : d.ntk()) {
                mt = Math.max(mt, v);
            }
            return new double[] {mk, mt};
        }).collect();
        double[] out = new double[2];
        for (double[] p : parts) {
            out[0] = Math.max(out[0], p[0]);
            out[1] = Math.max(out[1], p[1]);
        }
        return out;
    }

    /**
     * Records the process CPU seconds since cpu0 under key (in local mode the executors' work
     * too; on a cluster the driver's only) and returns the new mark.
     */
    private static double lap(java.util.Map<String, Double> cpu, String key, double cpu0) {
        double now = KernelOverhead.processCpu();
        cpu.put(key, now - cpu0);
        return now;
    }

    private static String residual(double r) {
        return Double.isNaN(r) ? "converged" : String.format(Locale.ROOT, "%.3g", r);
    }

    private static void describe(JavaSparkContext sc, String what) {
        sc.setJobDescription(what);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
