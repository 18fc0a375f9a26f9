package org.ntk4j.finite;

import org.ntk4j.simd.KernelOps;

/**
 * Back-propagated signals δ_l = ∂g/∂h_l of an {@link Mlp} for every input of a {@link Forward}
 * pass, for R readouts g at once: the O outputs f_a (R = O) or their sum Σ_a f_a (R = 1). Stored
 * n·R × n_l row-major, row (x, r) at x·R + r. From the readout down:
 * δ_L = (wStd_L/√n_L) W_Lᵀ e ⊙ φ'(h_L), δ_l = (wStd_l/√n_l) W_lᵀ δ_{l+1} ⊙ φ'(h_l), with e the
 * unit vector of output r (or the vector of ones for the sum).
 */
final class Backward {

    private Backward() {
    }

    /** δ_L (n·R × n_L); needs depth ≥ 1. perOutput: R = O, else R = 1 (the logit sum). */
    static double[] last(Mlp mlp, Forward fw, boolean perOutput) {
        int depth = mlp.depth();
        assert depth >= 1;
        int nl = mlp.width(depth);
        int o = mlp.outputs();
        int rows = perOutput ? o : 1;
        double[] w = mlp.w(depth);
        double[] v = w;   // readout weights per signal: W_L itself, or its column sums 1ᵀ W_L
        if (!perOutput) {
            v = new double[nl];
            for (int a = 0; a < o; a++) {
                for (int j = 0; j < nl; j++) {
                    v[j] += w[a * nl + j];
                }
            }
        }
        double s = mlp.wStd(depth) / Math.sqrt(nl);
        double[] slope = fw.slope(depth);
        int n = fw.n();
        double[] delta = new double[n * rows * nl];
        for (int x = 0; x < n; x++) {
            for (int r = 0; r < rows; r++) {
                int at = (x * rows + r) * nl;
                for (int j = 0; j < nl; j++) {
                    delta[at + j] = s * v[r * nl + j] * slope[x * nl + j];
                }
            }
        }
        return delta;
    }

    /** δ_l (n·R × n_l) from δ_{l+1}, for 1 ≤ l &lt; L. next: not modified. */
    static double[] back(Mlp mlp, Forward fw, int l, double[] next, int rows, KernelOps ops, Workers workers) {
        assert l >= 1 && l < mlp.depth();
        int nl = mlp.width(l);
        int nNext = mlp.width(l + 1);
        int n = fw.n();
        double[] delta = new double[n * rows * nl];
        workers.gram(ops, next, n * rows, mlp.wT(l), nl, nNext, delta);
        double s = mlp.wStd(l) / Math.sqrt(nl);
        double[] slope = fw.slope(l);
        for (int x = 0; x < n; x++) {
            for (int r = 0; r < rows; r++) {
                int at = (x * rows + r) * nl;
                for (int j = 0; j < nl; j++) {
                    delta[at + j] = s * delta[at + j] * slope[x * nl + j];
                }
            }
        }
        return delta;
    }
}
