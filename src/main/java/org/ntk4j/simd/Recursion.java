package org.ntk4j.simd;

import java.util.List;
import org.ntk4j.kernel.Activation;
import org.ntk4j.kernel.Dense;
import org.ntk4j.kernel.Layer;
import org.ntk4j.kernel.Network;

/**
 * A network's kernel recursion as the hot loops run it: op p is a dense layer (w², b²) or an
 * activation, in the network's order, from the input kernel x·x'/d to the readout. Immutable.
 * The state per entry is (k, t) = (NNGP, NTK): a dense op maps it to (w² k + b², w² t + k') with
 * k' the new k; an activation to (E[φ φ], Ṫ t) read from its {@link Activation} kernel map, with
 * the diagonals of row p of the {@link DiagonalTables} as k11 and k22.
 */
public final class Recursion {

    private final Layer[] ops;
    private final double[] w2;
    private final double[] b2;

    private Recursion(List<Layer> layers) {
        this.ops = layers.toArray(new Layer[0]);
        this.w2 = new double[ops.length];
        this.b2 = new double[ops.length];
        for (int p = 0; p < ops.length; p++) {
            if (ops[p] instanceof Dense d) {
                w2[p] = d.wStd() * d.wStd();
                b2[p] = d.bStd() * d.bStd();
            }
        }
    }

    /** The recursion of net. */
    public static Recursion of(Network net) {
        return new Recursion(net.layers());
    }

    /** Number of ops. */
    public int length() {
        return ops.length;
    }

    /** True when op p is a dense layer. */
    public boolean isDense(int p) {
        return ops[p] instanceof Dense;
    }

    /** The activation of op p (an error for a dense op). */
    public Activation activation(int p) {
        return (Activation) ops[p];
    }

    /** w² of dense op p. */
    public double weightVariance(int p) {
        return w2[p];
    }

    /** b² of dense op p. */
    public double biasVariance(int p) {
        return b2[p];
    }

    /** The layer of op p, for messages. */
    public Layer layer(int p) {
        return ops[p];
    }

    /** True when op p needs the angle between its inputs, so zero variances are invalid. */
    public boolean needsAngle(int p) {
        return ops[p] instanceof Activation a && a.needsAngle();
    }

    /**
     * The scalar reference for one entry: runs ops p0 .. length − 1 on the state (k, t) entering
     * op p0, with the diagonals of input i of diag1 and input j of diag2, and writes the readout's
     * K and Θ to out[0], out[1]. out: modified.
     */
    public void run(int p0, double k, double t, DiagonalTables diag1, int i, DiagonalTables diag2, int j, double[] out) {
        for (int p = p0; p < ops.length; p++) {
            if (ops[p] instanceof Activation a) {
                double k11 = diag1.nngp(p, i);
                double k22 = diag2.nngp(p, j);
                double kNew = a.nngp(k, k11, k22);
                t = a.tdot(k, k11, k22) * t;
                k = kNew;
            } else {
                k = w2[p] * k + b2[p];
                t = w2[p] * t + k;
            }
        }
        out[0] = k;
        out[1] = t;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Recursion[");
        for (int p = 0; p < ops.length; p++) {
            sb.append(p == 0 ? "" : ", ").append(ops[p].describe());
        }
        return sb.append(']').toString();
    }
}
