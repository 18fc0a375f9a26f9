package org.ntk4j.finite;

import org.ntk4j.simd.KernelOps;

/**
 * The empirical NTK by structured derivatives (Novak, Sohl-Dickstein &amp; Schoenholz 2022, "Fast
 * Finite Width Neural Tangent Kernel"): ∂f_a/∂W_l = δ_{l+1,a} (wStd_l/√n_l) a_lᵀ is an outer
 * product, so dense layer l adds
 * Θ_ab(x, x') += [(wStd_l²/n_l) a_l(x)·a_l(x') + bStd_l²] · δ_{l+1,a}(x)·δ_{l+1,b}(x'),
 * with δ_{L+1,a} = e_a. Only Gram products of layer inputs and of signals; no Jacobian.
 * Cost N·O·L·W² (backward) + N²·O²·L·W (contractions) for FULL, a factor O less for LOGITS.
 */
final class StructuredNtk {

    /** Scratch for one block of signal Gram rows, in doubles (32 MiB). */
    private static final int BLOCK_DOUBLES = 1 << 22;

    private StructuredNtk() {
    }

    /**
     * The kernel in {@code mode}: FULL as n1·n2·O·O in C order (n1, n2, O, O), LOGITS and TRACE
     * as n1 × n2. f2 may be f1 (same inputs: the signals are computed once).
     */
    static double[] compute(Mlp mlp, Forward f1, Forward f2, EmpiricalNtk.Mode mode, KernelOps ops, Workers workers) {
        int depth = mlp.depth();
        int o = mlp.outputs();
        int n1 = f1.n();
        int n2 = f2.n();
        boolean full = mode == EmpiricalNtk.Mode.FULL;
        double[] out = new double[full ? n1 * n2 * o * o : n1 * n2];

        // the readout layer: δ_{L+1,a}·δ_{L+1,b} = [a = b]; summed over a, b (or over a = b) it is O
        double[] c = layerFactor(mlp, f1, f2, depth, ops, workers);
        for (int ij = 0; ij < n1 * n2; ij++) {
            if (full) {
                for (int a = 0; a < o; a++) {
                    out[(ij * o + a) * o + a] = c[ij];
                }
            } else {
                out[ij] = o * c[ij];
            }
        }
        if (depth > 0) {
            boolean perOutput = mode != EmpiricalNtk.Mode.LOGITS;
            int rows = perOutput ? o : 1;
            double[] d1 = Backward.last(mlp, f1, perOutput);
            double[] d2 = f2 == f1 ? d1 : Backward.last(mlp, f2, perOutput);
            for (int l = depth - 1; l >= 0; l--) {
                c = layerFactor(mlp, f1, f2, l, ops, workers);
                int width = mlp.width(l + 1);
                switch (mode) {
                    case FULL -> addFull(c, d1, d2, n1, n2, o, width, out, ops, workers);
                    // LOGITS: one signal per input; TRACE: the O signals of an input side by side,
                    // so one dot product of length O·n sums δ_a·δ'_a over a
                    case LOGITS, TRACE -> {
                        double[] g = new double[n1 * n2];
                        workers.gram(ops, d1, n1, d2, n2, rows * width, g);
                        for (int ij = 0; ij < n1 * n2; ij++) {
                            out[ij] += c[ij] * g[ij];
                        }
                    }
                }
                if (l > 0) {
                    double[] next1 = Backward.back(mlp, f1, l, d1, rows, ops, workers);
                    d2 = f2 == f1 ? next1 : Backward.back(mlp, f2, l, d2, rows, ops, workers);
                    d1 = next1;
                }
            }
        }
        if (!full) {
            for (int ij = 0; ij < n1 * n2; ij++) {
                out[ij] /= o;
            }
        }
        return out;
    }

    /** c_l(x, x') = (wStd_l²/n_l) a_l(x)·a_l(x') + bStd_l², n1 × n2. */
    static double[] layerFactor(Mlp mlp, Forward f1, Forward f2, int l, KernelOps ops, Workers workers) {
        int n1 = f1.n();
        int n2 = f2.n();
        int nl = mlp.width(l);
        double[] c = new double[n1 * n2];
        workers.gram(ops, f1.a(l), n1, f2.a(l), n2, nl, c);
        double w2 = mlp.wStd(l) * mlp.wStd(l) / nl;
        double b2 = mlp.bStd(l) * mlp.bStd(l);
        for (int ij = 0; ij < c.length; ij++) {
            c[ij] = w2 * c[ij] + b2;
        }
        return c;
    }

    /** out[i, j, a, b] += c[i, j] · δ1_(i,a)·δ2_(j,b), in blocks of inputs i to bound the scratch. */
    private static void addFull(double[] c, double[] d1, double[] d2, int n1, int n2, int o, int width,
                                double[] out, KernelOps ops, Workers workers) {
        int cols = n2 * o;
        int block = Math.max(1, Math.min(n1, BLOCK_DOUBLES / Math.max(1, o * cols)));
        double[] g = new double[block * o * cols];
        for (int i0 = 0; i0 < n1; i0 += block) {
            int bi = Math.min(block, n1 - i0);
            workers.gram(ops, d1, i0 * o * width, bi * o, d2, cols, width, g);
            for (int i = 0; i < bi; i++) {
                for (int j = 0; j < n2; j++) {
                    double cij = c[(i0 + i) * n2 + j];
                    int base = ((i0 + i) * n2 + j) * o * o;
                    for (int a = 0; a < o; a++) {
                        int row = (i * o + a) * cols + j * o;
                        for (int b = 0; b < o; b++) {
                            out[base + a * o + b] += cij * g[row + b];
                        }
                    }
                }
            }
        }
    }
}
