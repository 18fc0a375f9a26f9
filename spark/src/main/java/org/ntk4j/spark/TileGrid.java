package org.ntk4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How a kernel of rows × cols entries is cut into tiles of at most size × size: blocks of
 * consecutive rows (and columns), tile (bi, bj) = row block bi against column block bj. A
 * symmetric kernel (x against itself) keeps only the tiles with bi ≤ bj. Immutable.
 *
 * @param rows      n1, the rows of the kernel
 * @param cols      n2, its columns (= rows when symmetric)
 * @param size      rows (and columns) per block, the last block may be shorter
 * @param symmetric whether only the tiles on and above the diagonal are kept
 */
public record TileGrid(int rows, int cols, int size, boolean symmetric) implements Serializable {

    /** One tile: row block bi against column block bj. */
    public record Id(int bi, int bj) implements Serializable {
    }

    public TileGrid {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a kernel needs at least one row and column, got " + rows + " x " + cols);
        }
        if (size < 1) {
            throw new IllegalArgumentException("--tile must be >= 1, got " + size);
        }
        if (symmetric && rows != cols) {
            throw new IllegalArgumentException("a symmetric kernel is square, got " + rows + " x " + cols);
        }
    }

    /** The train kernel: x against itself, tiles bi ≤ bj. */
    public static TileGrid symmetric(int n, int size) {
        return new TileGrid(n, n, size, true);
    }

    /** A test/train kernel: every tile. */
    public static TileGrid cross(int rows, int cols, int size) {
        return new TileGrid(rows, cols, size, false);
    }

    public int rowBlocks() {
        return (rows + size - 1) / size;
    }

    public int colBlocks() {
        return (cols + size - 1) / size;
    }

    /** First row of block b (rows and columns share the cut). */
    public int start(int b) {
        return b * size;
    }

    public int rowCount(int bi) {
        return Math.min(size, rows - bi * size);
    }

    public int colCount(int bj) {
        return Math.min(size, cols - bj * size);
    }

    /** The tiles, row block by row block, in the order their ids are listed in a manifest. */
    public List<Id> tiles() {
        List<Id> out = new ArrayList<>();
        for (int bi = 0; bi < rowBlocks(); bi++) {
            for (int bj = symmetric ? bi : 0; bj < colBlocks(); bj++) {
                out.add(new Id(bi, bj));
            }
        }
        return out;
    }

    /**
     * The tiles square by square of side s tiles (then row by row inside a square): consecutive
     * tiles then share few row and column blocks, so a partition made of a run of them (Spark's
     * coalesce) touches about 2 s blocks of a product's output instead of up to s² + 1.
     */
    public List<Id> tilesBySquares(int s) {
        if (s < 1) {
            throw new IllegalArgumentException("square side must be >= 1, got " + s);
        }
        List<Id> out = new ArrayList<>();
        for (int si = 0; si < rowBlocks(); si += s) {
            for (int sj = symmetric ? si : 0; sj < colBlocks(); sj += s) {
                for (int bi = si; bi < Math.min(si + s, rowBlocks()); bi++) {
                    for (int bj = Math.max(sj, symmetric ? bi : 0); bj < Math.min(sj + s, colBlocks()); bj++) {
                        out.add(new Id(bi, bj));
                    }
                }
            }
        }
        return out;
    }

    /** Number of tiles: nb (nb + 1) / 2 when symmetric, else row blocks × column blocks. */
    public long tileCount() {
        long r = rowBlocks();
        return symmetric ? r * (r + 1) / 2 : r * colBlocks();
    }

    /** Entries stored, counting a symmetric kernel's diagonal tiles whole. */
    public long storedEntries() {
        long total = 0;
        for (int bi = 0; bi < rowBlocks(); bi++) {
            for (int bj = symmetric ? bi : 0; bj < colBlocks(); bj++) {
                total += (long) rowCount(bi) * colCount(bj);
            }
        }
        return total;
    }
}
