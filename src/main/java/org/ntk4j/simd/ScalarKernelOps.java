package org.ntk4j.simd;

import org.ntk4j.kernel.Activation;

/**
 * The scalar reference for every hot loop: one entry at a time, each layer's formula from its
 * {@link Activation} ({@link Recursion#run}).
 */
final class ScalarKernelOps implements KernelOps {

    /** The shared instance; the class is stateless. */
    static final ScalarKernelOps INSTANCE = new ScalarKernelOps();

    private ScalarKernelOps() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public void gram(double[] a, int aOff, int ra, double[] b, int bOff, int rb, int d,
                     double[] out, int outOff, int ldo) {
        for (int i = 0; i < ra; i++) {
            for (int j = 0; j < rb; j++) {
                out[outOff + i * ldo + j] = dot(a, aOff + i * d, b, bOff + j * d, d);
            }
        }
    }

    @Override
    public void selfDots(double[] a, int aOff, int rows, int d, double[] out, int outOff) {
        for (int i = 0; i < rows; i++) {
            out[outOff + i] = dot(a, aOff + i * d, a, aOff + i * d, d);
        }
    }

    private static double dot(double[] a, int ao, double[] b, int bo, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s = Math.fma(a[ao + k], b[bo + k], s);
        }
        return s;
    }

    /** Op by op over all inputs, so that the factors of row p exist before op p reads them. */
    @Override
    public DiagonalTables diagonals(Recursion r, double[] dots, int n, int d) {
        DiagonalTables tables = DiagonalTables.allocate(r, n);
        double[] k = tables.k();
        double[] t = tables.t();
        for (int i = 0; i < n; i++) {
            k[i] = dots[i] / d;
        }
        double[] out = new double[2];
        for (int p = 0; p < r.length(); p++) {
            tables.finishRow(r, p);
            for (int i = 0; i < n; i++) {
                step(r, p, k[p * n + i], t[p * n + i], tables, i, out);
                k[(p + 1) * n + i] = out[0];
                t[(p + 1) * n + i] = out[1];
            }
        }
        return tables;
    }

    /** Op p alone on the diagonal entry (k, t) of input i. */
    private static void step(Recursion r, int p, double k, double t, DiagonalTables tables, int i, double[] out) {
        if (r.isDense(p)) {
            double kNew = r.weightVariance(p) * k + r.biasVariance(p);
            out[0] = kNew;
            out[1] = r.weightVariance(p) * t + kNew;
        } else {
            Activation a = r.activation(p);
            out[0] = a.nngp(k, k, k);
            out[1] = a.tdot(k, k, k) * t;
        }
    }

    @Override
    public void recursion(Recursion r, int d, double[] kernel, double[] ntk, int off, int ld,
                          int rows, int cols, DiagonalTables diag1, int i0, DiagonalTables diag2, int j0) {
        double[] out = new double[2];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int at = off + i * ld + j;
                r.run(0, kernel[at] / d, 0, diag1, i0 + i, diag2, j0 + j, out);
                kernel[at] = out[0];
                ntk[at] = out[1];
            }
        }
    }

    @Override
    public void activation(Activation phi, double[] in, double[] out, double[] deriv, int n) {
        checkActivation(in, out, deriv, n);
        for (int i = 0; i < n; i++) {
            double x = in[i];
            if (deriv != null) {
                deriv[i] = phi.derivative(x);
            }
            out[i] = phi.apply(x);
        }
    }

    /** The door check shared by both implementations of {@link #activation}. */
    static void checkActivation(double[] in, double[] out, double[] deriv, int n) {
        if (n < 0 || n > in.length || n > out.length || deriv != null && n > deriv.length) {
            throw new IllegalArgumentException("n = " + n + " does not fit arrays of length " + in.length + ", "
                    + out.length + (deriv == null ? "" : ", " + deriv.length));
        }
    }
}
