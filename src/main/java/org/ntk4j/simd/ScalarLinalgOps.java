package org.ntk4j.simd;

/** The reference {@link LinalgOps}, written for clarity; stateless. */
public final class ScalarLinalgOps implements LinalgOps {

    /** The shared instance. */
    public static final ScalarLinalgOps INSTANCE = new ScalarLinalgOps();

    /** Matches the vector strip width of AVX-512 so packed buffers have the same shape. */
    private static final int STRIP = 24;

    private ScalarLinalgOps() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            s = Math.fma(a[ao + k], b[bo + k], s);
        }
        return s;
    }

    @Override
    public void axpy(double alpha, double[] x, int xo, double[] y, int yo, int n) {
        for (int k = 0; k < n; k++) {
            y[yo + k] = Math.fma(alpha, x[xo + k], y[yo + k]);
        }
    }

    @Override
    public int stripWidth() {
        return STRIP;
    }

    @Override
    public void rankUpdate(double[] a, int ao, int lda, int rows, double[] packed, int po, int cols, int kLen,
                           double[] c, int co, int ldc, int diag) {
        int w = STRIP;
        for (int i = 0; i < rows; i++) {
            int jEnd = (int) Math.min(cols, (long) i + diag + 1);
            for (int j = 0; j < jEnd; j++) {
                int base = po + (j / w) * w * kLen + j % w;
                double s = c[co + i * ldc + j];
                for (int k = 0; k < kLen; k++) {
                    s = Math.fma(a[ao + i * lda + k], packed[base + k * w], s); // packed holds −B
                }
                c[co + i * ldc + j] = s;
            }
        }
    }
}
