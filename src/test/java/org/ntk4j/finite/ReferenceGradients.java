package org.ntk4j.finite;

import org.ntk4j.kernel.Activation;

/**
 * An independent reference for the tests: one input at a time, plain loops, no Gram kernels, no
 * transposes. Gradients of each output (and of the output sum) with respect to every parameter,
 * in the order W_0 (row-major), b_0, W_1, b_1, ..., by reverse-mode differentiation written out.
 */
final class ReferenceGradients {

    final double[][][] w;   // w[l][i][j], n_{l+1} × n_l
    final double[][] b;
    final Activation phi;
    final double wStd;
    final double bStd;

    ReferenceGradients(double[][][] w, double[][] b, Activation phi, double wStd, double bStd) {
        this.w = w;
        this.b = b;
        this.phi = phi;
        this.wStd = wStd;
        this.bStd = bStd;
    }

    int layers() {
        return w.length;
    }

    int outputs() {
        return w[w.length - 1].length;
    }

    int parameters() {
        int p = 0;
        for (double[][] wl : w) {
            p += wl.length * (wl[0].length + 1);
        }
        return p;
    }

    /** inputs[l] = input of dense layer l; pre[l] = its pre-activation output h_{l+1}. */
    double[][][] forward(double[] x) {
        int layers = layers();
        double[][] inputs = new double[layers][];
        double[][] pre = new double[layers][];
        double[] a = x;
        for (int l = 0; l < layers; l++) {
            inputs[l] = a;
            double[] h = new double[w[l].length];
            double s = wStd / Math.sqrt(a.length);
            for (int i = 0; i < h.length; i++) {
                double dot = 0;
                for (int j = 0; j < a.length; j++) {
                    dot += w[l][i][j] * a[j];
                }
                h[i] = s * dot + bStd * b[l][i];
            }
            pre[l] = h;
            if (l + 1 < layers) {
                double[] next = new double[h.length];
                for (int i = 0; i < h.length; i++) {
                    next[i] = phi.apply(h[i]);
                }
                a = next;
            }
        }
        return new double[][][] {inputs, pre};
    }

    double[] output(double[] x) {
        double[][][] f = forward(x);
        return f[1][layers() - 1];
    }

    /** ∂(Σ_a seed_a f_a)/∂p for all parameters p. */
    double[] gradient(double[] x, double[] seed) {
        double[][][] f = forward(x);
        double[][] inputs = f[0];
        double[][] pre = f[1];
        int layers = layers();
        double[] g = new double[parameters()];
        int[] start = new int[layers];
        for (int l = 1; l < layers; l++) {
            start[l] = start[l - 1] + w[l - 1].length * (w[l - 1][0].length + 1);
        }
        double[] delta = seed.clone();   // ∂/∂h of the current layer's output
        for (int l = layers - 1; l >= 0; l--) {
            double[] a = inputs[l];
            double s = wStd / Math.sqrt(a.length);
            int at = start[l];
            for (int i = 0; i < delta.length; i++) {
                for (int j = 0; j < a.length; j++) {
                    g[at + i * a.length + j] = delta[i] * s * a[j];
                }
            }
            at += delta.length * a.length;
            for (int i = 0; i < delta.length; i++) {
                g[at + i] = bStd * delta[i];
            }
            if (l > 0) {
                double[] prev = new double[a.length];
                for (int j = 0; j < a.length; j++) {
                    double back = 0;
                    for (int i = 0; i < delta.length; i++) {
                        back += w[l][i][j] * delta[i];
                    }
                    prev[j] = s * back * phi.derivative(pre[l - 1][j]);
                }
                delta = prev;
            }
        }
        return g;
    }

    double[] gradientOfOutput(double[] x, int a) {
        double[] e = new double[outputs()];
        e[a] = 1;
        return gradient(x, e);
    }

    static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }

    static double norm(double[] u) {
        return Math.sqrt(dot(u, u));
    }
}
