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
    private static final int GRAM_ROWS = 128;
    private static final int GRAM_COLS = 64;

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
     * (rb × d), in tiles of 128 × 64 across the pool. a, b: not modified; out: modified.
     */
    void gram(KernelOps ops, double[] a, int ra, double[] b, int rb, int d, double[] out) {
        gram(ops, a, 0, ra, b, rb, d, out);
    }

    /** As {@link #gram(KernelOps, double[], int, double[], int, int, double[])}, a starting at aOff. */
    void gram(KernelOps ops, double[] a, int aOff, int ra, double[] b, int rb, int d, double[] out) {
        int rowBlocks = (ra + GRAM_ROWS - 1) / GRAM_ROWS;
        int colBlocks = (rb + GRAM_COLS - 1) / GRAM_COLS;
        if (pool == null || rowBlocks * colBlocks == 1) {
            ops.gram(a, aOff, ra, b, 0, rb, d, out, 0, rb);
            return;
        }
        run(rowBlocks * colBlocks, k -> {
            int i0 = k / colBlocks * GRAM_ROWS;
            int j0 = k % colBlocks * GRAM_COLS;
            ops.gram(a, aOff + i0 * d, Math.min(GRAM_ROWS, ra - i0), b, j0 * d, Math.min(GRAM_COLS, rb - j0), d,
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
