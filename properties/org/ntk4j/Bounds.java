package org.ntk4j;

import static org.ntk4j.Numerics.U;

import org.ejml.data.DMatrixRMaj;
import org.ntk4j.Gens.Mlp;
import org.ntk4j.kernel.KernelEngine;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;

/**
 * Error bounds for comparing two ways of computing the same kernel entry (two implementations,
 * a rotated or rescaled input, a closed form), derived once here.
 *
 * <p>Entry (i, j) of either kernel is off by at most τ sqrt(K_ii K_jj) with
 * τ = C (L + 1)(d + 8) u · A: the Gram contributes ≤ (d + 2) u relative to |x||x'| (cancellation
 * cannot hurt more than that relative to the norms), the cosine and each layer's few correctly
 * rounded operations and 1-2 ulp arccos/arcsine add a handful of u, and the error of cos θ is
 * amplified into θ by |dθ/dcos| = 1/sin θ (at most sqrt(2/Δcos) when θ → 0). A is the worst of
 * these amplifications over the layers, measured on the kernels of the truncated networks (the
 * input of activation l is the readout of the depth-l network). C = 16 covers the remaining
 * constants: the NTK's derivative term (π − θ)/(2π) times slopes up to (|a| + |b|)² ≤ 9, and
 * the propagation of earlier layers' errors through maps of Lipschitz constant ≤ 1 in the
 * normalised kernel.
 */
public final class Bounds {

    private Bounds() {
    }

    /** τ for this network on these inputs (x2 null: x1 against itself). */
    public static double tau(Mlp mlp, DMatrixRMaj x1, DMatrixRMaj x2) {
        int d = x1.numCols;
        return 16.0 * (mlp.depth() + 1) * (d + 8) * U * amplification(mlp, x1, x2);
    }

    /** max over layers l &lt; depth of min(1/sin θ_l, sqrt(2/((d + 8) u))) over all pairs. */
    public static double amplification(Mlp mlp, DMatrixRMaj x1, DMatrixRMaj x2) {
        int d = x1.numCols;
        double cap = Math.sqrt(2 / ((d + 8) * U));
        double worst = 1;
        for (int l = 0; l < Math.max(1, mlp.depth()); l++) {
            Network net = Stax.mlp(l, mlp.phi(), mlp.wStd(), mlp.bStd());
            Kernels k = KernelEngine.defaults().compute(net, x1, x2);
            double[] d1 = k.diag1().nngp();
            double[] d2 = k.diag2().nngp();
            for (int i = 0; i < d1.length; i++) {
                for (int j = 0; j < d2.length; j++) {
                    double rho = k.nngp().get(i, j) / Math.sqrt(d1[i] * d2[j]);
                    double sin = Math.sqrt(Math.max(0, 1 - rho * rho));
                    worst = Math.max(worst, sin == 0 ? cap : Math.min(cap, 1 / sin));
                }
            }
        }
        return worst;
    }

    /** max over entries of |a − b| / sqrt(scale_ii scale_jj) for kernels a, b with diagonals s1, s2. */
    public static double maxScaledError(DMatrixRMaj a, DMatrixRMaj b, double[] s1, double[] s2) {
        double worst = 0;
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < a.numCols; j++) {
                double scale = Math.sqrt(Math.abs(s1[i] * s2[j]));
                worst = Math.max(worst, Math.abs(a.get(i, j) - b.get(i, j)) / scale);
            }
        }
        return worst;
    }
}
