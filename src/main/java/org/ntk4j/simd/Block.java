package org.ntk4j.simd;

/**
 * A block of a tile in place: k/t[off + i·ld + j], i &lt; rows, j &lt; cols; row i is input i0 + i
 * of d1, column j input j0 + j of d2; two scratch rows of at least cols entries.
 */
record Block(double[] k, double[] t, int off, int ld, int rows, int cols,
             DiagonalTables d1, int i0, DiagonalTables d2, int j0, double[] scratchA, double[] scratchB) {
}
