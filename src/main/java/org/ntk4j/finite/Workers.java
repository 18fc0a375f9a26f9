package org.ntk4j.finite;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;
import org.ntk4j.simd.KernelOps;

/**
 * A fixed pool for one computation. Tasks write disjoint outputs and every output entry is
 * computed by the same code whichever task runs it, so results do not depend on the thread count.
 */
final class Workers implements AutoCloseable {

    /** Gram tile per task; multiples of 4, the register block of the vector Gram. */
    private static final int GRAM_ROWS = 256;
    private static final int GRAM_COLS = 64;
    /** Doubles of b per tile: 256 KiB, a quarter of a Zen 4 core's L2. */
    private static final int TILE_DOUBLES = 1 << 15;

    private final int threads;
    private final ForkJoinPool pool;

    Workers(int threads) {
        assert threads >= 1;
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads);
    }

    int threads() {
        return threads;
    }

    /** Runs task(0 .. count - 1), in parallel when there is more than one thread. */
    void run(int count, IntConsumer task) {
        if (pool == null || count <= 1) {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
            return;
        }
        List<ForkJoinTask<?>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int idx = i;
            futures.add(pool.submit(() -> task.accept(idx)));
        }
        for (ForkJoinTask<?> f : futures) {
            f.join();
        }
    }

    /**
     * out (ra × rb, row-major, leading dimension rb) = rows of a (ra × d) against rows of b
     * (rb × d), in tiles across the pool. a, b: not modified; out: modified.
     */
    void gram(KernelOps ops, double[] a, int ra, double[] b, int rb, int d, double[] out) {
        gram(ops, a, 0, ra, b, rb, d, out);
    }

    /**
     * As {@link #gram(KernelOps, double[], int, double[], int, int, double[])}, a starting at aOff.
     * Tiled even on one thread: a tile's rows of b (about 256 KiB) stay in L2 while the rows of a
     * stream past, instead of every 4 rows of a streaming all of b from memory (a wide layer's W
     * is 128 MiB). Each entry's bits do not depend on the tiling.
     */
    void gram(KernelOps ops, double[] a, int aOff, int ra, double[] b, int rb, int d, double[] out) {
        int cols = Math.max(4, Math.min(GRAM_COLS, (TILE_DOUBLES / Math.max(1, d)) & ~3));
        int rowBlocks = (ra + GRAM_ROWS - 1) / GRAM_ROWS;
        int colBlocks = (rb + cols - 1) / cols;
        if (rowBlocks * colBlocks == 1) {
            ops.gram(a, aOff, ra, b, 0, rb, d, out, 0, rb);
            return;
        }
        // column blocks outermost: consecutive tasks on one thread reuse a block of b
        run(rowBlocks * colBlocks, k -> {
            int j0 = k / rowBlocks * cols;
            int i0 = k % rowBlocks * GRAM_ROWS;
            ops.gram(a, aOff + i0 * d, Math.min(GRAM_ROWS, ra - i0), b, j0 * d, Math.min(cols, rb - j0), d,
                    out, i0 * rb + j0, rb);
        });
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
