package org.ntk4j.simd;

import java.util.Arrays;

/**
 * A network's kernel recursion flattened into op codes for the hot loops: what a tile kernel runs
 * per entry, from the input kernel x·x'/d to the readout. Immutable.
 *
 * <p>State per entry: (k, t) = (NNGP, NTK). Ops and their maps:
 * <ul>
 *   <li>{@link #DENSE}(w², b²): k ← w² k + b², t ← w² t + k (with the new k);</li>
 *   <li>{@link #AB_RELU}(a, b), a ≠ b: k ← (b−a)² E[relu relu] + a b k, t ← Ṫ t;</li>
 *   <li>{@link #LINEAR}(a): φ(x) = a x, k ← a² k, t ← a² t;</li>
 *   <li>{@link #STEP}: φ = 1[x &gt; 0], k ← (π − θ)/(2π), t ← 0;</li>
 *   <li>{@link #ERF}: the arcsine kernel, t ← Ṫ t.</li>
 * </ul>
 * Activation ops read the diagonals of their input state, row {@code op} of the diagonal table.
 * Each activation op directly follows a DENSE op (its input must be Gaussian, as {@code Network}
 * requires), which lets the vector kernels run the pair in one pass; {@link Builder#build}
 * refuses any other order.
 */
public final class RecursionProgram {

    public static final int DENSE = 0;
    public static final int AB_RELU = 1;
    public static final int LINEAR = 2;
    public static final int STEP = 3;
    public static final int ERF = 4;

    private static final String[] NAMES = {"dense", "abrelu", "linear", "step", "erf"};

    private final int[] ops;
    private final double[] p0;
    private final double[] p1;

    private RecursionProgram(int[] ops, double[] p0, double[] p1) {
        this.ops = ops;
        this.p0 = p0;
        this.p1 = p1;
    }

    /** Number of ops. */
    public int length() {
        return ops.length;
    }

    /** The op code of op {@code i}. */
    public int op(int i) {
        return ops[i];
    }

    /** First parameter of op {@code i} (w² for DENSE, a for AB_RELU and LINEAR). */
    public double p0(int i) {
        return p0[i];
    }

    /** Second parameter of op {@code i} (b² for DENSE, b for AB_RELU). */
    public double p1(int i) {
        return p1[i];
    }

    /** True when op {@code i} needs the angle between its inputs, so zero variances are invalid. */
    public boolean needsAngle(int i) {
        return ops[i] == AB_RELU || ops[i] == STEP;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RecursionProgram[");
        for (int i = 0; i < ops.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(NAMES[ops[i]]).append('(').append(p0[i]).append(", ").append(p1[i]).append(')');
        }
        return sb.append(']').toString();
    }

    /** Builds a program op by op. */
    public static final class Builder {
        private int[] ops = new int[8];
        private double[] p0 = new double[8];
        private double[] p1 = new double[8];
        private int n;

        private Builder add(int op, double a, double b) {
            if (n == ops.length) {
                ops = Arrays.copyOf(ops, 2 * n);
                p0 = Arrays.copyOf(p0, 2 * n);
                p1 = Arrays.copyOf(p1, 2 * n);
            }
            ops[n] = op;
            p0[n] = a;
            p1[n] = b;
            n++;
            return this;
        }

        /** Dense layer with weight variance w² and bias variance b². */
        public Builder dense(double wVar, double bVar) {
            return add(DENSE, wVar, bVar);
        }

        /** φ(x) = a x for x &lt; 0 and b x for x &gt; 0 (LINEAR when a == b). */
        public Builder abRelu(double a, double b) {
            return a == b ? add(LINEAR, a, a) : add(AB_RELU, a, b);
        }

        /** Heaviside step φ(x) = 1[x &gt; 0]. */
        public Builder step() {
            return add(STEP, 0, 0);
        }

        /** φ = erf. */
        public Builder erf() {
            return add(ERF, 0, 0);
        }

        /**
         * The program.
         *
         * @throws IllegalArgumentException if an activation op does not directly follow a dense op
         */
        public RecursionProgram build() {
            for (int i = 0; i < n; i++) {
                if (ops[i] != DENSE && (i == 0 || ops[i - 1] != DENSE)) {
                    throw new IllegalArgumentException("op " + i + " (" + NAMES[ops[i]] + ") needs a dense op directly before it");
                }
            }
            return new RecursionProgram(Arrays.copyOf(ops, n), Arrays.copyOf(p0, n), Arrays.copyOf(p1, n));
        }
    }
}
