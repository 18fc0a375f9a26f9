package org.ntk4j.finite;

import org.ejml.data.DMatrixRMaj;
import org.ntk4j.simd.KernelOps;

/**
 * The batched forward pass of an {@link Mlp} over n inputs, keeping what the backward pass needs:
 * the layer inputs a_0 = x, a_l = φ(h_l) and the slopes φ'(h_l). Pre-activations are a Gram
 * product, H_{l+1} = (wStd_l/√n_l) A_l W_lᵀ + bStd_l b_l. Arrays are n × n_l, row-major.
 */
final class Forward {

    private final int n;
    private final double[][] a;      // a[l], l = 0 .. L: input of dense layer l
    private final double[][] slope;  // slope[l], l = 1 .. L: φ'(h_l); null when not kept
    private final double[] output;   // f = h_{L+1}, n × O

    private Forward(int n, double[][] a, double[][] slope, double[] output) {
        this.n = n;
        this.a = a;
        this.slope = slope;
        this.output = output;
    }

    /** Runs the network on the rows of x. keepSlopes: also store φ'(h_l) for a backward pass. */
    static Forward run(Mlp mlp, DMatrixRMaj x, KernelOps ops, Workers workers, boolean keepSlopes) {
        int n = x.numRows;
        int depth = mlp.depth();
        double[][] a = new double[depth + 1][];
        double[][] slope = new double[depth + 1][];
        a[0] = x.numRows * x.numCols == x.data.length ? x.data : java.util.Arrays.copyOf(x.data, x.numRows * x.numCols);
        double[] h = null;
        for (int l = 0; l <= depth; l++) {
            h = dense(mlp, l, a[l], n, ops, workers);
            if (l < depth) {
                int size = n * mlp.width(l + 1);
                double[] d = keepSlopes ? new double[size] : null;
                mlp.activate(ops, l + 1, h, h, d, size);   // in place: h becomes a_{l+1}
                a[l + 1] = h;
                slope[l + 1] = d;
            }
        }
        return new Forward(n, a, slope, h);
    }

    /** H = (wStd_l/√n_l) A W_lᵀ + bStd_l b_l for dense layer l. */
    private static double[] dense(Mlp mlp, int l, double[] in, int n, KernelOps ops, Workers workers) {
        int nIn = mlp.width(l);
        int nOut = mlp.width(l + 1);
        double[] h = new double[n * nOut];
        workers.gram(ops, in, n, mlp.w(l), nOut, nIn, h);
        double s = mlp.wStd(l) / Math.sqrt(nIn);
        double bs = mlp.bStd(l);
        double[] bias = mlp.b(l);
        for (int i = 0; i < n; i++) {
            int row = i * nOut;
            for (int j = 0; j < nOut; j++) {
                h[row + j] = s * h[row + j] + bs * bias[j];
            }
        }
        return h;
    }

    int n() {
        return n;
    }

    /** a_l (n × n_l), the input of dense layer l. Not to be modified. */
    double[] a(int l) {
        return a[l];
    }

    /** φ'(h_l) (n × n_l), 1 ≤ l ≤ L. Not to be modified. */
    double[] slope(int l) {
        return slope[l];
    }

    /** f (n × O). */
    double[] output() {
        return output;
    }
}
