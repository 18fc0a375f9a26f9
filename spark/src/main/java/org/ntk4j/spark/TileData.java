package org.ntk4j.spark;

import java.io.Serializable;

/**
 * One computed tile of both kernels: rows of block bi against rows of block bj, row-major.
 * The arrays are the tile's own; nothing modifies them after construction.
 *
 * @param bi   row block
 * @param bj   column block
 * @param rows rows of the tile
 * @param cols columns of the tile
 * @param nngp K on the tile, rows × cols
 * @param ntk  Θ on the tile, rows × cols
 */
public record TileData(int bi, int bj, int rows, int cols, double[] nngp, double[] ntk) implements Serializable {

    /** The tile's matrix for one kernel. */
    public double[] of(Which which) {
        return which == Which.NNGP ? nngp : ntk;
    }

    /** The two kernels a tile holds. */
    public enum Which {
        NNGP, NTK;

        /** "nngp" or "ntk": file names and JSON keys. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
