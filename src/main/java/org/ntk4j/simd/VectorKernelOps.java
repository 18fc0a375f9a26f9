package org.ntk4j.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The hand-vectorised hot loops (JDK Vector API). Built from IEEE-exact lane operations only (add,
 * multiply, fma, divide, sqrt, min/max, blend), so a result has the same bits interpreted or
 * compiled, on one thread or many. Loaded by name from {@link Simd}; with {@link VectorGram} and
 * {@link VectorMath} the only code that touches {@code jdk.incubator.vector}.
 *
 * <p>Tails are run by the same vector code under a lane mask, so an entry gets the same bits
 * whatever its position in a row. Every op mirrors the order of operations of
 * {@link ScalarKernelOps}; only arccos/arcsin differ (own polynomial vs {@link Math}).
 */
public final class VectorKernelOps implements KernelOps {

    /** The shared instance; the class is stateless. */
    public static final VectorKernelOps INSTANCE = new VectorKernelOps();

    private static final VectorSpecies<Double> S = VectorMath.SPECIES;
    private static final double TWO_PI = 2 * Math.PI;

    private VectorKernelOps() {
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int lanes() {
        return S.length();
    }

    @Override
    public void gram(double[] a, int aOff, int ra, double[] b, int bOff, int rb, int d,
                     double[] out, int outOff, int ldo) {
        VectorGram.gram(a, aOff, ra, b, bOff, rb, d, out, outOff, ldo);
    }

    @Override
    public void selfDots(double[] a, int aOff, int rows, int d, double[] out, int outOff) {
        for (int i = 0; i < rows; i++) {
            out[outOff + i] = VectorGram.dot(a, aOff + i * d, a, aOff + i * d, d);
        }
    }

    @Override
    public void diagonals(RecursionProgram pr, double[] dots, int n, int d,
                          double[] nngpTable, double[] ntkTable) {
        for (int i = 0; i < n; i += S.length()) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector k = DoubleVector.fromArray(S, dots, i, m).div(d);
            k.intoArray(nngpTable, i, m);
            DoubleVector.zero(S).intoArray(ntkTable, i, m);
            run(pr, k, m, null, 0, 0, null, 0, 0, nngpTable, ntkTable, n, i);
        }
    }

    @Override
    public void recursion(RecursionProgram pr, int d, double[] kernel, double[] ntk, int off, int ld,
                          int rows, int cols, double[] diag1, int n1, int i0, double[] diag2, int n2, int j0) {
        for (int i = 0; i < rows; i++) {
            int row = off + i * ld;
            for (int j = 0; j < cols; j += S.length()) {
                VectorMask<Double> m = S.indexInRange(j, cols);
                DoubleVector k = DoubleVector.fromArray(S, kernel, row + j, m).div(d);
                run(pr, k, m, diag1, n1, i0 + i, diag2, n2, j0 + j, kernel, ntk, 0, row + j);
            }
        }
    }

    /**
     * Runs every op on one vector of entries and stores the final (NNGP, NTK) at outK/outT[at].
     * Tile mode (diag1 != null): k11 is diag1 row p at i1 (broadcast), k22 diag2 row p at j2.
     * Diagonal mode (diag1 == null): k11 = k22 = k12, and the state after each op p is stored in
     * row p + 1 of outK/outT (n entries a row) at column at.
     */
    private static void run(RecursionProgram pr, DoubleVector k, VectorMask<Double> m,
                            double[] diag1, int n1, int i1, double[] diag2, int n2, int j2,
                            double[] outK, double[] outT, int n, int at) {
        boolean diagonal = diag1 == null;
        DoubleVector t = DoubleVector.zero(S);
        int len = pr.length();
        for (int p = 0; p < len; p++) {
            DoubleVector k11;
            DoubleVector k22;
            if (diagonal) {
                k11 = k;
                k22 = k;
            } else {
                k11 = DoubleVector.broadcast(S, diag1[p * n1 + i1]);
                // masked-off lanes read a valid variance (1.0) so they stay finite
                k22 = DoubleVector.fromArray(S, diag2, p * n2 + j2, m).blend(1.0, m.not());
            }
            switch (pr.op(p)) {
                case RecursionProgram.DENSE -> {
                    k = k.mul(pr.p0(p)).add(pr.p1(p));
                    t = t.mul(pr.p0(p)).add(k);
                }
                case RecursionProgram.AB_RELU -> {
                    double a = pr.p0(p);
                    double b = pr.p1(p);
                    DoubleVector s = k11.mul(k22).sqrt();
                    DoubleVector c = k.div(s).max(-1.0).min(1.0);
                    DoubleVector theta = VectorMath.acos(c);
                    DoubleVector piMinus = theta.neg().add(Math.PI);
                    DoubleVector sin = c.neg().add(1).mul(c.add(1)).sqrt();
                    DoubleVector relu = s.div(TWO_PI).mul(sin.add(piMinus.mul(c)));
                    DoubleVector tdot = piMinus.div(TWO_PI).mul(a * a + b * b).add(theta.div(Math.PI).mul(a * b));
                    k = relu.mul((b - a) * (b - a)).add(k.mul(a * b));
                    t = tdot.mul(t);
                }
                case RecursionProgram.LINEAR -> {
                    double a2 = pr.p0(p) * pr.p0(p);
                    k = k.mul(a2);
                    t = t.mul(a2);
                }
                case RecursionProgram.STEP -> {
                    DoubleVector c = k.div(k11.mul(k22).sqrt()).max(-1.0).min(1.0);
                    k = VectorMath.acos(c).neg().add(Math.PI).div(TWO_PI);
                    t = DoubleVector.zero(S);
                }
                case RecursionProgram.ERF -> {
                    DoubleVector den = k11.mul(2).add(1).mul(k22.mul(2).add(1)).sqrt();
                    DoubleVector sine = k.mul(2).div(den).max(-1.0).min(1.0);
                    DoubleVector gap = k11.mul(k22).sub(k.mul(k)).max(0.0);
                    DoubleVector dd = k11.add(k22).mul(2).add(1).add(gap.mul(4));
                    t = DoubleVector.broadcast(S, 4 / Math.PI).div(dd.sqrt()).mul(t);
                    k = VectorMath.asin(sine).mul(2 / Math.PI);
                }
                default -> throw new AssertionError(pr.op(p));
            }
            if (diagonal) {
                k.intoArray(outK, (p + 1) * n + at, m);
                t.intoArray(outT, (p + 1) * n + at, m);
            }
        }
        if (!diagonal) {
            k.intoArray(outK, at, m);
            t.intoArray(outT, at, m);
        }
    }

    /**
     * Same as the scalar twin: ABRelu and the step bit for bit (a compare mask and a blend per
     * vector), erf and erf' within 4 ulp of it (each side within 2 ulp of the true value; see
     * {@link VectorMath} and {@link ScalarMath}). Tails run the same code under a mask. One loop
     * per op, so that C2 inlines erf whole (a call it leaves in place boxes the vectors).
     */
    @Override
    public void activation(int op, double a, double b, double[] in, double[] out, double[] deriv, int n) {
        ScalarKernelOps.checkActivation(op, in, out, deriv, n);
        switch (op) {
            case RecursionProgram.AB_RELU, RecursionProgram.LINEAR -> abRelu(a, b, in, out, deriv, n);
            case RecursionProgram.STEP -> step(in, out, deriv, n);
            case RecursionProgram.ERF -> {
                if (deriv != null) {   // before erf overwrites in when out == in
                    erfDerivative(in, deriv, n);
                }
                VectorMath.erf(in, out, n);
            }
            default -> throw new AssertionError(op);
        }
    }

    private static void abRelu(double a, double b, double[] in, double[] out, double[] deriv, int n) {
        DoubleVector va = DoubleVector.broadcast(S, a);
        DoubleVector vb = DoubleVector.broadcast(S, b);
        for (int i = 0; i < n; i += S.length()) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, in, i, m);
            DoubleVector slope = vb.blend(va, x.compare(VectorOperators.LT, 0.0));
            x.mul(slope).intoArray(out, i, m);
            if (deriv != null) {
                slope.intoArray(deriv, i, m);
            }
        }
    }

    private static void step(double[] in, double[] out, double[] deriv, int n) {
        DoubleVector zero = DoubleVector.zero(S);
        for (int i = 0; i < n; i += S.length()) {
            VectorMask<Double> m = S.indexInRange(i, n);
            DoubleVector x = DoubleVector.fromArray(S, in, i, m);
            zero.blend(1.0, x.compare(VectorOperators.GT, 0.0)).intoArray(out, i, m);
            if (deriv != null) {
                zero.intoArray(deriv, i, m);
            }
        }
    }

    private static void erfDerivative(double[] in, double[] out, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            VectorMath.erfDerivative(DoubleVector.fromArray(S, in, i)).intoArray(out, i);
        }
        if (i < n) {
            VectorMask<Double> m = S.indexInRange(i, n);
            VectorMath.erfDerivative(DoubleVector.fromArray(S, in, i, m)).intoArray(out, i, m);
        }
    }
}
