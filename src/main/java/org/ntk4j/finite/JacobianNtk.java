package org.ntk4j.finite;

import org.ntk4j.simd.KernelOps;

/**
 * The empirical NTK by Jacobian contraction, the reference: Θ_ab(x, x') = J_a(x)·J_b(x') with the
 * per-example Jacobians J (n·R × P) written out entry by entry, ∂g_r/∂W_l[i, j] =
 * δ_{l+1,r}[i] (wStd_l/√n_l) a_l[j] and ∂g_r/∂b_l[i] = bStd_l δ_{l+1,r}[i], and contracted with
 * Gram products. Built in chunks of parameter rows so that memory stays bounded; the cost is not:
 * N·O·L·W² + N²·O²·L·W².
 */
final class JacobianNtk {

    /** Jacobian columns per chunk are chosen so both sides' chunks hold about this many doubles. */
    private static final int CHUNK_DOUBLES = 1 << 21;

    private JacobianNtk() {
    }

    /** Same contract as {@link StructuredNtk#compute}. */
    static double[] compute(Mlp mlp, Forward f1, Forward f2, EmpiricalNtk.Mode mode, KernelOps ops, Workers workers) {
        int depth = mlp.depth();
        int o = mlp.outputs();
        int n1 = f1.n();
        int n2 = f2.n();
        boolean perOutput = mode != EmpiricalNtk.Mode.LOGITS;
        int rows = perOutput ? o : 1;
        double[] acc = new double[n1 * rows * n2 * rows];   // Σ_p J_r(x)_p J_r'(x')_p, row (x, r)
        double[] g = new double[acc.length];
        double[] d1 = null;
        double[] d2 = null;
        for (int l = depth; l >= 0; l--) {
            if (l == depth - 1) {
                d1 = Backward.last(mlp, f1, perOutput);
                d2 = f2 == f1 ? d1 : Backward.last(mlp, f2, perOutput);
            } else if (l < depth - 1) {
                double[] next1 = Backward.back(mlp, f1, l + 1, d1, rows, ops, workers);
                d2 = f2 == f1 ? next1 : Backward.back(mlp, f2, l + 1, d2, rows, ops, workers);
                d1 = next1;
            }
            int nIn = mlp.width(l);
            int nOut = mlp.width(l + 1);
            int perRow = nIn + 1;
            int chunkRows = Math.max(1, Math.min(nOut, CHUNK_DOUBLES / ((n1 + n2) * rows * perRow)));
            double[] j1 = new double[n1 * rows * chunkRows * perRow];
            double[] j2 = new double[n2 * rows * chunkRows * perRow];
            for (int i0 = 0; i0 < nOut; i0 += chunkRows) {
                int ci = Math.min(chunkRows, nOut - i0);
                int cols = ci * perRow;
                jacobian(mlp, f1, l, d1, rows, i0, ci, j1);
                double[] right = j1;
                if (f2 != f1) {
                    jacobian(mlp, f2, l, d2, rows, i0, ci, j2);
                    right = j2;
                }
                workers.gram(ops, j1, n1 * rows, right, n2 * rows, cols, g);
                for (int k = 0; k < acc.length; k++) {
                    acc[k] += g[k];
                }
            }
        }
        return arrange(acc, n1, n2, o, mode);
    }

    /**
     * The Jacobian columns of W_l rows i0 .. i0 + ci (each n_l weights then the bias) for every
     * signal row (x, r), into jac (n·R × ci·(n_l + 1)). delta is δ_{l+1}, or null for the readout
     * layer, whose signal is e_r (R = O) or the vector of ones (R = 1).
     */
    private static void jacobian(Mlp mlp, Forward fw, int l, double[] delta, int rows, int i0, int ci, double[] jac) {
        int nIn = mlp.width(l);
        int nOut = mlp.width(l + 1);
        int cols = ci * (nIn + 1);
        double s = mlp.wStd(l) / Math.sqrt(nIn);
        double bs = mlp.bStd(l);
        double[] a = fw.a(l);
        for (int x = 0; x < fw.n(); x++) {
            for (int r = 0; r < rows; r++) {
                int row = (x * rows + r) * cols;
                for (int i = 0; i < ci; i++) {
                    double sig;
                    if (delta != null) {
                        sig = delta[(x * rows + r) * nOut + i0 + i];
                    } else {
                        sig = rows == 1 || r == i0 + i ? 1.0 : 0.0;
                    }
                    int at = row + i * (nIn + 1);
                    for (int j = 0; j < nIn; j++) {
                        jac[at + j] = sig * (s * a[x * nIn + j]);
                    }
                    jac[at + nIn] = bs * sig;
                }
            }
        }
    }

    /** From Σ over parameters of the signal rows to the layout of {@code mode}. */
    private static double[] arrange(double[] acc, int n1, int n2, int o, EmpiricalNtk.Mode mode) {
        return switch (mode) {
            case FULL -> {
                double[] out = new double[n1 * n2 * o * o];
                for (int i = 0; i < n1; i++) {
                    for (int a = 0; a < o; a++) {
                        for (int j = 0; j < n2; j++) {
                            for (int b = 0; b < o; b++) {
                                out[((i * n2 + j) * o + a) * o + b] = acc[(i * o + a) * n2 * o + j * o + b];
                            }
                        }
                    }
                }
                yield out;
            }
            case LOGITS -> {
                for (int k = 0; k < acc.length; k++) {
                    acc[k] /= o;
                }
                yield acc;
            }
            case TRACE -> {
                double[] out = new double[n1 * n2];
                for (int i = 0; i < n1; i++) {
                    for (int j = 0; j < n2; j++) {
                        double s = 0;
                        for (int a = 0; a < o; a++) {
                            s += acc[(i * o + a) * n2 * o + j * o + a];
                        }
                        out[i * n2 + j] = s / o;
                    }
                }
                yield out;
            }
        };
    }
}
