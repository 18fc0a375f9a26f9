package org.ntk4j.finite;

import java.util.function.IntConsumer;
import org.ntk4j.simd.KernelOps;

/**
 * The finite networks' parallel loops and tiled Gram products, on an engine's shared pool
 * ({@link org.ntk4j.exec.Workers}). Tasks write disjoint outputs and every output entry is computed
 * by the same code whichever task runs it, so results do not depend on the thread count.
 */
final class Workers implements AutoCloseable {

    /** Gram tile per task; multiples of 4, the register block of the vector Gram. */
    private static final int GRAM_ROWS = 256;
    private static final int GRAM_COLS = 64;
    /** Doubles of b per tile: 256 KiB, a quarter of a Zen 4 core's L2. */
    private static final int TILE_DOUBLES = 1 << 15;

    private final org.ntk4j.exec.Workers pool;
    /** Whether this object created the pool (and so stops it on close). */
    private final boolean owned;

    /** On a pool of its own (stopped by close). */
    Workers(int threads) {
        this(threads == 1 ? org.ntk4j.exec.Workers.SINGLE : new org.ntk4j.exec.Workers(threads), threads > 1);
    }

    /** On an engine's pool, which close leaves running. */
    Workers(org.ntk4j.exec.Workers pool) {
        this(pool, false);
    }

    private Workers(org.ntk4j.exec.Workers pool, boolean owned) {
        this.pool = pool;
        this.owned = owned;
    }

    int threads() {
        return pool.threads();
    }

    /** Runs task(0 .. count - 1), in parallel when there is more than one thread. */
    void run(int count, IntConsumer task) {
        pool.forEach(count, task::accept);
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
        if (owned) {
            pool.close();
        }
    }
}
