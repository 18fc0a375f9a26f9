package org.ntk4j.finite;

import static org.ntk4j.Numerics.U;

import org.ejml.data.DMatrixRMaj;
import org.ntk4j.kernel.ABRelu;
import org.ntk4j.kernel.Activation;
import org.ntk4j.kernel.Erf;
import org.ntk4j.math.ScalarMath;

/**
 * A first-order bound on |f_vector(x) − f_scalar(x)| for every input and output, carried through
 * the layers next to a plain forward pass. Per dense layer, the two Gram orders are each within
 * γ_n Σ_k |a_k W_jk| of the exact dot product (Higham, Thm 3.1), the earlier difference e_k
 * propagates as Σ_k |W_jk| e_k, and s·g + bStd·b adds two roundings per side:
 * e_h ≤ s (Σ_k |W_jk| e_k + (2γ_n + 4u) Σ_k |a_k W_jk|) + 4u |bStd b_j|.
 * Per activation: ABReLU (slopes a, b; m = max(|a|, |b|)) maps e_h to m e_h plus its rounding; a
 * unit within 2 e_h of the kink may take the other slope on one side, then both outputs are
 * ≤ m (|h| + 2e_h) ≤ 4 m e_h in size. erf is (2/√π)-Lipschitz and the two erfs differ by ≤ 4 ulp
 * ≤ 8u |erf h| (ActivationOpsTest). A step output is exact unless |h| ≤ 2 e_h, where it may jump
 * by 1. The bound returned is twice the first-order value: the neglected terms are products of
 * two γ's.
 */
final class ForwardBound {

    private ForwardBound() {
    }

    /** The bound, n × O, for the network (built from spec's activation) on the rows of x. */
    static DMatrixRMaj of(Mlp mlp, Activation phi, DMatrixRMaj x) {
        int n = x.numRows;
        double[] a = x.data.clone();
        double[] e = new double[a.length];
        for (int l = 0; l <= mlp.depth(); l++) {
            int nIn = mlp.width(l);
            int nOut = mlp.width(l + 1);
            double[] w = mlp.weight(l).data;
            double[] b = mlp.bias(l);
            double s = mlp.wStd(l) / Math.sqrt(nIn);
            double bs = mlp.bStd(l);
            double gamma = nIn * U / (1 - nIn * U);
            double[] h = new double[n * nOut];
            double[] eh = new double[n * nOut];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < nOut; j++) {
                    double g = 0;
                    double abs = 0;
                    double prop = 0;
                    for (int k = 0; k < nIn; k++) {
                        g += a[i * nIn + k] * w[j * nIn + k];
                        abs += Math.abs(a[i * nIn + k] * w[j * nIn + k]);
                        prop += Math.abs(w[j * nIn + k]) * e[i * nIn + k];
                    }
                    h[i * nOut + j] = s * g + bs * b[j];
                    eh[i * nOut + j] = s * (prop + (2 * gamma + 4 * U) * abs) + 4 * U * Math.abs(bs * b[j]);
                }
            }
            if (l == mlp.depth()) {
                for (int i = 0; i < eh.length; i++) {
                    eh[i] *= 2;
                }
                return new DMatrixRMaj(n, nOut, true, eh);
            }
            for (int i = 0; i < h.length; i++) {
                double v = h[i];
                double ev = eh[i];
                boolean nearZero = Math.abs(v) <= 2 * ev;
                switch (phi) {
                    case ABRelu r -> {
                        double m = Math.max(Math.abs(r.a()), Math.abs(r.b()));
                        h[i] = v * (v < 0 ? r.a() : r.b());
                        eh[i] = (nearZero ? 4 * m * ev : m * ev) + 2 * U * Math.abs(h[i]);
                    }
                    case Erf f -> {
                        h[i] = ScalarMath.erf(v);
                        eh[i] = 2 / Math.sqrt(Math.PI) * ev + 8 * U * Math.abs(h[i]);
                    }
                    default -> {   // step
                        h[i] = v > 0 ? 1 : 0;
                        eh[i] = nearZero ? 1 : 0;
                    }
                }
            }
            a = h;
            e = eh;
        }
        throw new AssertionError("unreachable");
    }
}
