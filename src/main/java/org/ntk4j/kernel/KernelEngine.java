package org.ntk4j.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.exec.ExecutionBuilder;
import org.ntk4j.exec.Progress;
import org.ntk4j.exec.Workers;
import org.ntk4j.simd.KernelOps;
import org.ntk4j.simd.Simd;

/**
 * Computes a network's NNGP and NTK on one machine: diagonals, then tiles (a block of rows
 * against a wider block of columns) spread over a fork-join pool, each tile a Gram block followed by the fused recursion. Without x2 only the
 * tiles on and above the diagonal are computed and the rest mirrored. Results are bit-identical
 * for any thread count. Immutable; build with {@link #builder()}.
 */
public final class KernelEngine {


    private static final KernelEngine DEFAULTS = builder().build();
    /** Columns per tile, in units of its rows. */
    static final int SPAN_TILES = 8;

    private final Simd.Impl impl;
    private final int threads;
    private final int tileSize;
    private final Progress progress;
    /** Created once with the engine and reused by every call. */
    private final Workers workers;

    private KernelEngine(Builder b) {
        this.impl = b.implementation();
        this.threads = b.threadCount();
        this.workers = b.newWorkers();
        this.tileSize = b.tileSize;
        this.progress = b.progressCallback();
    }

    /** Vector kernels when available, all available processors. */
    public static KernelEngine defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The implementation this engine resolves to. */
    public Simd.Impl impl() {
        return Simd.resolve(impl);
    }

    /** Worker threads. */
    public int threads() {
        return threads;
    }

    /**
     * NNGP and NTK of the readout of {@code net} between the rows of x and themselves (symmetric:
     * only the tiles on and above the diagonal are computed). x: not modified.
     *
     * @throws IllegalArgumentException for non-finite inputs, a zero input vector under an
     *                                  arc-cosine activation with b-std = 0, or kernels too large for the heap
     */
    public Kernels compute(Network net, DMatrixRMaj x) {
        return run(net, x, null, null, null);
    }

    /**
     * NNGP and NTK of the readout of {@code net} between the rows of x1 and x2. x1, x2: not
     * modified. (A null x2 is read as x1 against itself, as {@link #compute(Network, DMatrixRMaj)}.)
     *
     * @throws IllegalArgumentException for non-finite inputs, mismatched dimensions, a zero input
     *                                  vector under an arc-cosine activation with b-std = 0, or kernels too large for the heap
     */
    public Kernels compute(Network net, DMatrixRMaj x1, DMatrixRMaj x2) {
        return run(net, x1, x2, null, null);
    }

    /**
     * As {@link #compute(Network, DMatrixRMaj)}, writing the NNGP into kOut and the NTK into tOut
     * (each n × n) in place instead of fresh matrices.
     */
    public Kernels compute(Network net, DMatrixRMaj x, DMatrixRMaj kOut, DMatrixRMaj tOut) {
        return run(net, x, null, Objects.requireNonNull(kOut, "kOut"), Objects.requireNonNull(tOut, "tOut"));
    }

    /**
     * As {@link #compute(Network, DMatrixRMaj, DMatrixRMaj)}, writing the NNGP into kOut and the
     * NTK into tOut (each n1 × n2) in place instead of fresh matrices, so a caller that streams
     * blocks of rows through the kernels can reuse two buffers rather than leave n1 × n2 garbage
     * per block. (Null for either output: a fresh matrix.)
     *
     * @throws IllegalArgumentException as compute, or if an output has the wrong shape
     */
    public Kernels compute(Network net, DMatrixRMaj x1, DMatrixRMaj x2, DMatrixRMaj kOut, DMatrixRMaj tOut) {
        return run(net, x1, x2, kOut, tOut);
    }

    /** x2 null: x1 against itself; kOut, tOut null: fresh matrices. */
    private Kernels run(Network net, DMatrixRMaj x1, DMatrixRMaj x2, DMatrixRMaj kOut, DMatrixRMaj tOut) {
        KernelInputs.requireFinite(x1, "x1");
        if (x2 != null) {
            KernelInputs.requireFinite(x2, "x2");
        }
        KernelInputs.requireShapes(x1, x2);
        boolean symmetric = x2 == null;
        DMatrixRMaj y = symmetric ? x1 : x2;
        int n1 = x1.numRows;
        int n2 = y.numRows;
        requireShape(kOut, n1, n2, "the NNGP output");
        requireShape(tOut, n1, n2, "the NTK output");
        if (kOut != null && kOut == tOut) {
            throw new IllegalArgumentException("the NNGP and NTK outputs must be different matrices");
        }
        KernelInputs.requireMemory(n1, n2, (kOut == null ? 1 : 0) + (tOut == null ? 1 : 0));
        KernelOps ops = Simd.ops(impl);
        Diagonals d1 = Diagonals.compute(net, x1, ops, "x1");
        Diagonals d2 = symmetric ? d1 : Diagonals.compute(net, y, ops, "x2");
        DMatrixRMaj k = kOut != null ? kOut : new DMatrixRMaj(n1, n2);
        DMatrixRMaj t = tOut != null ? tOut : new DMatrixRMaj(n1, n2);
        int d = x1.numCols;

        int span = columnSpan(tileSize);
        List<int[]> tiles = new ArrayList<>();
        for (int i0 = 0; i0 < n1; i0 += tileSize) {
            for (int j0 = symmetric ? i0 : 0; j0 < n2; j0 += span) {
                tiles.add(new int[] {i0, j0});
            }
        }
        AtomicLong done = new AtomicLong();
        long total = tiles.size();
        runParallel(tiles.size(), idx -> {
            int i0 = tiles.get(idx)[0];
            int j0 = tiles.get(idx)[1];
            int rows = Math.min(tileSize, n1 - i0);
            int cols = Math.min(span, n2 - j0);
            KernelTiles.compute(ops, net, x1.data, i0, rows, y.data, j0, cols, d, d1, i0, d2, j0,
                    k.data, t.data, i0 * n2 + j0, n2);
            progress.update(done.incrementAndGet(), total);
        });
        if (symmetric) { // diagonal tiles were computed whole; mirror what lies left of them
            runParallel((n1 + MIRROR_BLOCK - 1) / MIRROR_BLOCK, b -> mirror(k.data, t.data, n1, b * MIRROR_BLOCK));
        }
        requireFiniteResult(k, t);
        return new Kernels(k, t, d1, d2);
    }

    /**
     * Columns per tile: {@value #SPAN_TILES} times the rows, so that the Gram kernel, which packs
     * a tile's rows once per call, spends its time on FMAs rather than on packing (for 120 rows
     * and d = 784 the Gram block of a tile is 1 MB and stays in L2 for the recursion).
     */
    static int columnSpan(int tileSize) {
        return (int) Math.min(Integer.MAX_VALUE, (long) tileSize * SPAN_TILES);
    }

    private static void requireShape(DMatrixRMaj out, int rows, int cols, String what) {
        if (out != null && (out.numRows != rows || out.numCols != cols)) {
            throw new IllegalArgumentException(what + " is " + out.numRows + " x " + out.numCols + ", the kernels are "
                    + rows + " x " + cols);
        }
    }

    /** Rows and columns of the square blocks the mirror copies at a time (2 x 32 KB read, L1-resident). */
    private static final int MIRROR_BLOCK = 64;

    /**
     * Copies k[j][i] to k[i][j] (and t likewise) for rows i in [r0, r0 + MIRROR_BLOCK) and every
     * j left of the tile holding (i, i), block by block so the strided reads hit cache lines
     * already loaded for the neighbouring rows.
     */
    private void mirror(double[] k, double[] t, int n, int r0) {
        int r1 = Math.min(n, r0 + MIRROR_BLOCK);
        int limit = (r1 - 1) - (r1 - 1) % tileSize;
        for (int c0 = 0; c0 < limit; c0 += MIRROR_BLOCK) {
            for (int i = r0; i < r1; i++) {
                int end = Math.min(c0 + MIRROR_BLOCK, i - i % tileSize);
                for (int j = c0; j < end; j++) {
                    k[i * n + j] = k[j * n + i];
                    t[i * n + j] = t[j * n + i];
                }
            }
        }
    }

    /** No silent NaN: overflow shows up here if the diagonals did not already catch it. */
    private static void requireFiniteResult(DMatrixRMaj k, DMatrixRMaj t) {
        int n = k.numRows * k.numCols;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(k.data[i]) || !Double.isFinite(t.data[i])) {
                throw new IllegalArgumentException("the kernel is not finite at (" + i / k.numCols + ", " + i % k.numCols
                        + "): NNGP " + k.data[i] + ", NTK " + t.data[i] + " (inputs or w-std too large?)");
            }
        }
    }

    private interface IntTask {
        void run(int i);
    }

    private void runParallel(int count, IntTask task) {
        workers.forEach(count, task::run);
    }

    /** Settings for a {@link KernelEngine}. */
    public static final class Builder extends ExecutionBuilder<Builder> {
        private int tileSize = 120; // whole panels of the Gram kernel for 2, 4 and 8 doubles per vector

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }



        /** Rows per tile (columns: {@value KernelEngine#SPAN_TILES} times as many), ≥ 1; results do not depend on it. */
        public Builder tileSize(int tileSize) {
            if (tileSize < 1) {
                throw new IllegalArgumentException("tile size must be >= 1, got " + tileSize);
            }
            this.tileSize = tileSize;
            return this;
        }

        public KernelEngine build() {
            return new KernelEngine(this);
        }
    }
}
