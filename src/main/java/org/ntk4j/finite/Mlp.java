package org.ntk4j.finite;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.kernel.Activation;
import org.ntk4j.kernel.Dense;
import org.ntk4j.kernel.Layer;
import org.ntk4j.kernel.Network;
import org.ntk4j.simd.KernelOps;
import org.ntk4j.simd.Simd;

/**
 * A finite fully-connected network in NTK parameterisation, the finite counterpart of a
 * {@link Network} Dense, φ, Dense, ..., φ, Dense: h_1 = wStd_0/√n_0 W_0 x + bStd_0 b_0,
 * h_{l+1} = wStd_l/√n_l W_l φ(h_l) + bStd_l b_l, f = h_{L+1}, with W_l of shape n_{l+1} × n_l
 * (Jacot et al. 2018). Immutable: the weights are copied in and never handed out.
 *
 * <p>Besides W_l it keeps W_lᵀ for the backward pass (a Gram product wants rows), so it holds
 * twice the parameters in memory.
 */
public final class Mlp {

    private final Network network;
    private final int[] widths;      // n_0 = input dimension, n_1 .. n_L hidden, n_{L+1} = outputs
    private final double[] wStd;     // per dense layer l = 0 .. L
    private final double[] bStd;
    private final Activation[] phi;  // activation of hidden layer l = 1 .. L at index l - 1
    private final double[][] w;      // W_l, n_{l+1} × n_l row-major
    private final double[][] wT;     // W_lᵀ, n_l × n_{l+1} row-major
    private final double[][] b;      // b_l, n_{l+1}

    private Mlp(Network network, int[] widths, double[][] w, double[][] b) {
        List<Dense> dense = new ArrayList<>();
        List<Activation> acts = new ArrayList<>();
        split(network, dense, acts);
        int depth = acts.size();
        assert widths.length == depth + 2 && w.length == depth + 1 && b.length == depth + 1;
        this.network = network;
        this.widths = widths;
        this.w = w;
        this.b = b;
        this.wStd = new double[depth + 1];
        this.bStd = new double[depth + 1];
        for (int l = 0; l <= depth; l++) {
            wStd[l] = dense.get(l).wStd();
            bStd[l] = dense.get(l).bStd();
        }
        this.phi = acts.toArray(new Activation[0]);
        // the backward pass multiplies by W_lᵀ for 1 ≤ l < L only: W_0ᵀ (d × n_1, the largest for
        // image inputs) and the readout's are never needed, so they are not kept
        this.wT = new double[depth + 1][];
        for (int l = 1; l < depth; l++) {
            wT[l] = transpose(w[l], widths[l + 1], widths[l]);
        }
    }

    /**
     * The sizes of a finite MLP.
     *
     * @param inputDim n_0, the input dimension
     * @param width    units of every hidden layer
     * @param outputs  units of the readout
     */
    public record Shape(int inputDim, int width, int outputs) {
    }

    /**
     * A network with freshly drawn parameters: every hidden layer {@code shape.width()} units, the
     * readout {@code shape.outputs()} units, W_l and b_l standard normal from {@link Initializer}
     * with {@code seed}. Draws rows in parallel on the common pool; the bits do not depend on it.
     *
     * @param net Dense, φ, Dense, ..., Dense; not modified
     */
    public static Mlp init(Network net, Shape shape, long seed) {
        int inputDim = shape.inputDim();
        int width = shape.width();
        int outputs = shape.outputs();
        int depth = checkNetwork(net);
        requirePositive("input dimension", inputDim);
        requirePositive("width", width);
        requirePositive("outputs", outputs);
        int[] widths = new int[depth + 2];
        java.util.Arrays.fill(widths, width);
        widths[0] = inputDim;
        widths[depth + 1] = outputs;
        double[][] w = new double[depth + 1][];
        double[][] b = new double[depth + 1][];
        for (int l = 0; l <= depth; l++) {
            long size = (long) widths[l + 1] * widths[l];
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("W" + l + " would be " + widths[l + 1] + " x " + widths[l]
                        + ", more entries than a Java array holds");
            }
            w[l] = new double[(int) size];
            b[l] = new double[widths[l + 1]];
        }
        // one task per row (or per row block): independent streams, so the order does not matter
        java.util.stream.IntStream.rangeClosed(0, depth).parallel().forEach(l -> {
            int in = widths[l];
            double[] wl = w[l];
            java.util.stream.IntStream.range(0, widths[l + 1]).parallel()
                    .forEach(r -> Initializer.normals(seed, l, r, wl, r * in, in));
            Initializer.normals(seed, l, Initializer.BIAS_STREAM, b[l], 0, widths[l + 1]);
        });
        return new Mlp(net, widths, w, b);
    }

    /**
     * A network with given parameters (loaded, or trained elsewhere): W_l of shape n_{l+1} × n_l and
     * b_l of length n_{l+1} for l = 0 .. depth, consecutive shapes agreeing. Copies them.
     *
     * @param net Dense, φ, Dense, ..., Dense; not modified
     * @throws IllegalArgumentException naming the first parameter whose count, shape or value is wrong
     */
    public static Mlp of(Network net, List<DMatrixRMaj> weights, List<double[]> biases) {
        int depth = checkNetwork(net);
        if (weights.size() != depth + 1 || biases.size() != depth + 1) {
            throw new IllegalArgumentException("a network with " + depth + " hidden layers needs " + (depth + 1)
                    + " weight matrices and bias vectors, got " + weights.size() + " and " + biases.size());
        }
        int[] widths = new int[depth + 2];
        double[][] w = new double[depth + 1][];
        double[][] b = new double[depth + 1][];
        for (int l = 0; l <= depth; l++) {
            DMatrixRMaj wl = weights.get(l);
            double[] bl = biases.get(l);
            if (wl == null || bl == null) {
                throw new IllegalArgumentException((wl == null ? "W" : "b") + l + " is missing");
            }
            if (wl.numRows < 1 || wl.numCols < 1) {
                throw new IllegalArgumentException("W" + l + " is " + wl.numRows + " x " + wl.numCols + ": layers need units");
            }
            if (l > 0 && wl.numCols != widths[l]) {
                throw new IllegalArgumentException("W" + l + " is " + wl.numRows + " x " + wl.numCols + " but W" + (l - 1)
                        + " has " + widths[l] + " rows: W" + l + " needs " + widths[l] + " columns");
            }
            if (bl.length != wl.numRows) {
                throw new IllegalArgumentException("b" + l + " has length " + bl.length + " but W" + l + " is "
                        + wl.numRows + " x " + wl.numCols + ": b" + l + " needs length " + wl.numRows);
            }
            widths[l] = wl.numCols;
            widths[l + 1] = wl.numRows;
            w[l] = java.util.Arrays.copyOf(wl.data, wl.numRows * wl.numCols);
            b[l] = bl.clone();
            requireFinite("W" + l, w[l], wl.numCols);
            requireFinite("b" + l, b[l], b[l].length);
        }
        return new Mlp(net, widths, w, b);
    }

    /** The number of hidden layers L, after checking that net is Dense, φ, Dense, ..., Dense. */
    private static int checkNetwork(Network net) {
        if (net == null) {
            throw new IllegalArgumentException("network is missing");
        }
        List<Dense> dense = new ArrayList<>();
        List<Activation> acts = new ArrayList<>();
        split(net, dense, acts);
        return acts.size();
    }

    private static void split(Network net, List<Dense> dense, List<Activation> acts) {
        List<Layer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            boolean wantDense = i % 2 == 0;
            Layer layer = layers.get(i);
            if (wantDense && layer instanceof Dense d) {
                dense.add(d);
            } else if (!wantDense && layer instanceof Activation a) {
                acts.add(a);
            } else {
                throw new IllegalArgumentException("a finite MLP is Dense, act, Dense, ..., Dense; layer " + i
                        + " of " + net + " is " + layer.describe());
            }
        }
        if (layers.size() % 2 == 0) {
            throw new IllegalArgumentException("a finite MLP ends with a Dense readout; " + net + " ends with "
                    + layers.get(layers.size() - 1).describe());
        }
    }

    private static void requirePositive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
    }

    private static void requireFinite(String name, double[] a, int cols) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(name + " entry (" + i / cols + ", " + i % cols + ") is " + a[i]
                        + ": parameters must be finite");
            }
        }
    }

    /** In 32 × 32 blocks, so that both sides stay in cache for wide layers. */
    private static double[] transpose(double[] m, int rows, int cols) {
        double[] t = new double[m.length];
        for (int i0 = 0; i0 < rows; i0 += 32) {
            for (int j0 = 0; j0 < cols; j0 += 32) {
                for (int i = i0; i < Math.min(rows, i0 + 32); i++) {
                    for (int j = j0; j < Math.min(cols, j0 + 32); j++) {
                        t[j * rows + i] = m[i * cols + j];
                    }
                }
            }
        }
        return t;
    }

    /** The network description this MLP realises. */
    public Network network() {
        return network;
    }

    /** Hidden layers L. */
    public int depth() {
        return phi.length;
    }

    /** n_l: the input dimension for l = 0, hidden widths for 1 ≤ l ≤ L, the outputs for l = L + 1. */
    public int width(int l) {
        return widths[l];
    }

    /** Input dimension n_0. */
    public int inputDim() {
        return widths[0];
    }

    /** Readout units O = n_{L+1}. */
    public int outputs() {
        return widths[widths.length - 1];
    }

    /** Number of trainable parameters, Σ_l n_{l+1} (n_l + 1). */
    public long parameterCount() {
        long p = 0;
        for (int l = 0; l + 1 < widths.length; l++) {
            p += (long) widths[l + 1] * (widths[l] + 1);
        }
        return p;
    }

    /** A copy of W_l (n_{l+1} × n_l). */
    public DMatrixRMaj weight(int l) {
        return new DMatrixRMaj(widths[l + 1], widths[l], true, w[l].clone());
    }

    /** A copy of b_l (n_{l+1}). */
    public double[] bias(int l) {
        return b[l].clone();
    }

    /** The outputs f(x) for every row of x (n × n_0), as n × O; vector kernels when available. */
    public DMatrixRMaj apply(DMatrixRMaj x) {
        return apply(x, Simd.Impl.AUTO);
    }

    /** The outputs f(x) for every row of x (n × n_0), as n × O. x: not modified. */
    public DMatrixRMaj apply(DMatrixRMaj x, Simd.Impl impl) {
        requireInputs(x, "x");
        try (Workers workers = new Workers(org.ntk4j.exec.Workers.SINGLE)) {
            Forward fw = Forward.run(this, x, Simd.ops(impl), workers, false);
            return new DMatrixRMaj(x.numRows, outputs(), true, fw.output());
        }
    }

    /** Checks at the door: finite entries and n_0 columns. */
    void requireInputs(DMatrixRMaj x, String name) {
        checkInputs(x, name, inputDim());
    }

    static void checkInputs(DMatrixRMaj x, String name, int dim) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is missing");
        }
        if (x.numCols != dim) {
            throw new IllegalArgumentException(name + " is " + x.numRows + " x " + x.numCols + " but the network takes "
                    + dim + " inputs (W0 has " + dim + " columns)");
        }
        int n = x.numRows * x.numCols;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x.data[i])) {
                throw new IllegalArgumentException(name + " row " + i / x.numCols + ", column " + i % x.numCols
                        + " is " + x.data[i] + ": inputs must be finite");
            }
        }
    }

    // ---- package-private views for the forward and backward passes (never modified) -------------

    double[] w(int l) {
        return w[l];
    }

    /** W_lᵀ, for 1 ≤ l &lt; depth (the only layers the backward pass multiplies by it). */
    double[] wT(int l) {
        if (wT[l] == null) {
            throw new IllegalStateException("W_" + l + "ᵀ is not kept: only layers 1 .. " + (depth() - 1) + " have one");
        }
        return wT[l];
    }

    double[] b(int l) {
        return b[l];
    }

    double wStd(int l) {
        return wStd[l];
    }

    double bStd(int l) {
        return bStd[l];
    }

    /** The activation of hidden layer l, 1 ≤ l ≤ L. */
    Activation phi(int l) {
        return phi[l - 1];
    }

    void activate(KernelOps ops, int l, double[] in, double[] out, double[] deriv, int n) {
        ops.activation(phi[l - 1], in, out, deriv, n);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Mlp[").append(network).append(", widths ");
        for (int l = 0; l < widths.length; l++) {
            sb.append(l == 0 ? "" : "-").append(widths[l]);
        }
        return sb.append(']').toString();
    }
}
