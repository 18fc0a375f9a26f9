package org.ntk4j.train;

import java.util.ArrayList;
import java.util.List;
import org.ntk4j.kernel.Activation;
import org.ntk4j.kernel.Dense;
import org.ntk4j.kernel.Layer;
import org.ntk4j.kernel.Network;

/**
 * A finite MLP as a flat parameter vector θ = (W_0, b_0, ..., W_L, b_L), W_l row-major
 * n_{l+1} × n_l, with the forward pass h_{l+1} = c_w W_l a_l + c_b b_l, a_{l+1} = φ(h_{l+1}), and
 * the gradient of a loss by back-propagation:
 * ∂L/∂W_l = c_w δ_{l+1}ᵀ a_l, ∂L/∂b_l = c_b Σ_rows δ_{l+1}, δ_l = c_w (δ_{l+1} W_l) ⊙ φ'(h_l).
 * Plain sequential loops in a fixed order, so the bits depend on nothing but the inputs.
 */
final class Model {

    final int[] widths;      // n_0 .. n_{L+1}
    final int[] wOff;        // offset of W_l in θ
    final int[] bOff;        // offset of b_l in θ
    final double[] cw;
    final double[] cb;
    final Activation[] phi;  // φ of hidden layer l = 1 .. L at l − 1
    final int size;

    Model(Network net, int[] widths, Parameterization p) {
        List<Dense> dense = new ArrayList<>();
        List<Activation> acts = new ArrayList<>();
        for (Layer layer : net.layers()) {
            if (layer instanceof Dense d) {
                dense.add(d);
            } else {
                acts.add((Activation) layer);
            }
        }
        int depth = acts.size();
        this.widths = widths.clone();
        this.phi = acts.toArray(new Activation[0]);
        wOff = new int[depth + 1];
        bOff = new int[depth + 1];
        cw = new double[depth + 1];
        cb = new double[depth + 1];
        long at = 0;
        for (int l = 0; l <= depth; l++) {
            wOff[l] = (int) at;
            at += (long) widths[l + 1] * widths[l];
            bOff[l] = (int) at;
            at += widths[l + 1];
            if (at > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the network has " + at + "+ parameters, more than one array holds");
            }
            cw[l] = p.weightMultiplier(dense.get(l).wStd(), widths[l]);
            cb[l] = p.biasMultiplier(dense.get(l).bStd());
        }
        size = (int) at;
    }

    int depth() {
        return phi.length;
    }

    int outputs() {
        return widths[widths.length - 1];
    }

    /** The per-layer activations a_0 .. a_L, slopes φ'(h_1) .. φ'(h_L) and output of one pass. */
    record Pass(int m, double[][] a, double[][] slope, double[] out) {
    }

    /** Forward pass over rows rows (null: all n) of x (n × n_0 row-major). */
    Pass forward(double[] theta, double[] x, int n, int[] rows, boolean keep) {
        int m = rows == null ? n : rows.length;
        int d = widths[0];
        double[] a0 = new double[m * d];
        for (int i = 0; i < m; i++) {
            System.arraycopy(x, (rows == null ? i : rows[i]) * d, a0, i * d, d);
        }
        int depth = depth();
        double[][] a = new double[depth + 1][];
        double[][] slope = new double[depth + 1][];
        a[0] = a0;
        double[] in = a0;
        for (int l = 0; l <= depth; l++) {
            int nIn = widths[l];
            int nOut = widths[l + 1];
            double[] h = new double[m * nOut];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < nOut; j++) {
                    double s = 0;
                    int w = wOff[l] + j * nIn;
                    int ai = i * nIn;
                    for (int q = 0; q < nIn; q++) {
                        s += theta[w + q] * in[ai + q];
                    }
                    h[i * nOut + j] = cw[l] * s + cb[l] * theta[bOff[l] + j];
                }
            }
            if (l == depth) {
                return new Pass(m, a, slope, h);
            }
            Activation f = phi[l];
            double[] sl = keep ? new double[h.length] : null;
            for (int i = 0; i < h.length; i++) {
                if (keep) {
                    sl[i] = f.derivative(h[i]);
                }
                h[i] = f.apply(h[i]);
            }
            a[l + 1] = h;
            slope[l + 1] = sl;
            in = h;
        }
        throw new AssertionError();
    }

    /** ∇_θ of a loss whose gradient with respect to the outputs of pass is g (m × O); into grad. */
    void backward(double[] theta, Pass pass, double[] g, double[] grad) {
        java.util.Arrays.fill(grad, 0);
        int m = pass.m();
        double[] delta = g;
        for (int l = depth(); l >= 0; l--) {
            int nIn = widths[l];
            int nOut = widths[l + 1];
            double[] a = pass.a()[l];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < nOut; j++) {
                    double dj = delta[i * nOut + j];
                    if (dj == 0) {
                        continue;
                    }
                    double s = cw[l] * dj;
                    int w = wOff[l] + j * nIn;
                    int ai = i * nIn;
                    for (int q = 0; q < nIn; q++) {
                        grad[w + q] += s * a[ai + q];
                    }
                    grad[bOff[l] + j] += cb[l] * dj;
                }
            }
            if (l == 0) {
                break;
            }
            double[] prev = new double[m * nIn];
            double[] slope = pass.slope()[l];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < nOut; j++) {
                    double dj = delta[i * nOut + j];
                    int w = wOff[l] + j * nIn;
                    int pi = i * nIn;
                    for (int q = 0; q < nIn; q++) {
                        prev[pi + q] += dj * theta[w + q];
                    }
                }
                for (int q = 0; q < nIn; q++) {
                    prev[i * nIn + q] *= cw[l] * slope[i * nIn + q];
                }
            }
            delta = prev;
        }
    }

    /**
     * The Jacobian-vector product J(θ) v on the inputs of pass (a pass at θ with slopes kept), by
     * forward-mode tangents: ḣ_{l+1} = c_w (V_l a_l + W_l ȧ_l) + c_b v_b, ȧ_{l+1} = φ'(h_{l+1}) ⊙ ḣ_{l+1},
     * ȧ_0 = 0; m × O. J is never formed.
     */
    double[] jvp(double[] theta, Pass pass, double[] v) {
        int m = pass.m();
        double[] tangent = null;   // ȧ_l, null for l = 0
        for (int l = 0; l <= depth(); l++) {
            int nIn = widths[l];
            int nOut = widths[l + 1];
            double[] a = pass.a()[l];
            double[] h = new double[m * nOut];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < nOut; j++) {
                    int w = wOff[l] + j * nIn;
                    int ai = i * nIn;
                    double s = 0;
                    for (int q = 0; q < nIn; q++) {
                        s += v[w + q] * a[ai + q];
                    }
                    if (tangent != null) {
                        for (int q = 0; q < nIn; q++) {
                            s += theta[w + q] * tangent[ai + q];
                        }
                    }
                    h[i * nOut + j] = cw[l] * s + cb[l] * v[bOff[l] + j];
                }
            }
            if (l == depth()) {
                return h;
            }
            double[] slope = pass.slope()[l + 1];
            for (int i = 0; i < h.length; i++) {
                h[i] *= slope[i];
            }
            tangent = h;
        }
        throw new AssertionError();
    }
}
