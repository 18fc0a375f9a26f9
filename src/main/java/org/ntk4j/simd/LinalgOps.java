package org.ntk4j.simd;

/**
 * The hot loops of the dense solvers: dot, axpy and the packed rank-k update that carries a
 * blocked Cholesky. Two implementations: {@link ScalarLinalgOps} (the reference) and
 * {@code VectorLinalgOps} (JDK Vector API, loaded by name in {@link Simd}). Matrices are row-major
 * {@code double[]} with explicit offsets and leading dimensions.
 *
 * <p>{@link #axpy} and {@link #rankUpdate} give the same bits in both implementations (one fused
 * multiply-add per term, in the same order); {@link #dot} differs by summation order only.
 */
public interface LinalgOps {

    /** "scalar" or "vector". */
    String name();

    /** Σ_k a[ao + k] b[bo + k] for 0 ≤ k &lt; n. a, b: not modified. */
    double dot(double[] a, int ao, double[] b, int bo, int n);

    /** y[yo + k] = fma(alpha, x[xo + k], y[yo + k]) for 0 ≤ k &lt; n. x: not modified; y: modified. */
    void axpy(double alpha, double[] x, int xo, double[] y, int yo, int n);

    /** Columns per strip of a packed right operand (see {@link #pack}). */
    int stripWidth();

    /**
     * Packs −B<sup>T</sup> for {@link #rankUpdate}: B is {@code cols} rows of {@code kLen} entries at
     * b[bo + j·ldb + k]; out receives, strip by strip of {@link #stripWidth()} columns, the
     * k-major block out[s·w·kLen + k·w + jj] = −B[s·w + jj][k], zero-padded. Negated so the
     * update's a entries can be broadcast straight from memory (fma(a, −b, c) has the bits of
     * fma(−a, b, c)). out needs
     * {@code ceil(cols / w)·w·kLen} entries. b: not modified; out: modified.
     */
    default void pack(double[] b, int bo, int ldb, int cols, int kLen, double[] out) {
        pack(b, bo, ldb, cols, kLen, out, 0);
    }

    /** As {@link #pack(double[], int, int, int, int, double[])}, writing from out[outOff]. */
    default void pack(double[] b, int bo, int ldb, int cols, int kLen, double[] out, int outOff) {
        int w = stripWidth();
        int strips = (cols + w - 1) / w;
        for (int s = 0; s < strips; s++) {
            int base = outOff + s * w * kLen;
            for (int jj = 0; jj < w; jj++) {
                int j = s * w + jj;
                if (j < cols) {
                    int row = bo + j * ldb;
                    for (int k = 0; k < kLen; k++) {
                        out[base + k * w + jj] = -b[row + k];
                    }
                } else {
                    for (int k = 0; k < kLen; k++) {
                        out[base + k * w + jj] = 0;
                    }
                }
            }
        }
    }

    /**
     * C ← C − A B<sup>T</sup> on a lower band: for 0 ≤ i &lt; rows and 0 ≤ j &lt; min(cols, i + diag + 1),
     * c[co + i·ldc + j] is updated by c = fma(−a[ao + i·lda + k], B[j][k], c) for k = 0, 1, ...,
     * kLen − 1 in that order; other entries are not touched. B[j] is column j of the packed
     * operand from offset po, which must start a strip (a multiple of stripWidth()·kLen), as
     * {@link #pack} lays it out. Pass diag ≥ cols for the whole rectangle.
     * a, packed: not modified; c: modified.
     */
    void rankUpdate(double[] a, int ao, int lda, int rows, double[] packed, int po, int cols, int kLen,
                    double[] c, int co, int ldc, int diag);
}
