package org.ntk4j.simd;

import org.ntk4j.recursion.ArcCosine;
import org.ntk4j.recursion.ArcSineErf;

/** The scalar reference for every hot loop: one entry at a time, formulas from {@code recursion}. */
public final class ScalarKernelOps implements KernelOps {

    /** The shared instance; the class is stateless. */
    public static final ScalarKernelOps INSTANCE = new ScalarKernelOps();

    private ScalarKernelOps() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public void gram(double[] a, int aOff, int ra, double[] b, int bOff, int rb, int d,
                     double[] out, int outOff, int ldo) {
        for (int i = 0; i < ra; i++) {
            for (int j = 0; j < rb; j++) {
                out[outOff + i * ldo + j] = dot(a, aOff + i * d, b, bOff + j * d, d);
            }
        }
    }

    @Override
    public void selfDots(double[] a, int aOff, int rows, int d, double[] out, int outOff) {
        for (int i = 0; i < rows; i++) {
            out[outOff + i] = dot(a, aOff + i * d, a, aOff + i * d, d);
        }
    }

    private static double dot(double[] a, int ao, double[] b, int bo, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s = Math.fma(a[ao + k], b[bo + k], s);
        }
        return s;
    }

    @Override
    public DiagonalTables diagonals(RecursionProgram program, double[] dots, int n, int d) {
        int len = program.length();
        double[] nngpTable = new double[(len + 1) * n];
        double[] ntkTable = new double[(len + 1) * n];
        for (int i = 0; i < n; i++) {
            double k = dots[i] / d;
            double t = 0;
            nngpTable[i] = k;
            ntkTable[i] = t;
            for (int p = 0; p < len; p++) {
                double kIn = k;
                k = nngpStep(program, p, k, kIn, kIn);
                t = ntkStep(program, p, t, k, kIn, kIn, kIn);
                nngpTable[(p + 1) * n + i] = k;
                ntkTable[(p + 1) * n + i] = t;
            }
        }
        return DiagonalTables.of(program, n, nngpTable, ntkTable);
    }

    @Override
    public void recursion(RecursionProgram program, int d, double[] kernel, double[] ntk, int off, int ld,
                          int rows, int cols, DiagonalTables diag1, int i0, DiagonalTables diag2, int j0) {
        int len = program.length();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int at = off + i * ld + j;
                double k = kernel[at] / d;
                double t = 0;
                for (int p = 0; p < len; p++) {
                    double k11 = diag1.nngp(p, i0 + i);
                    double k22 = diag2.nngp(p, j0 + j);
                    double kIn = k;
                    k = nngpStep(program, p, kIn, k11, k22);
                    t = ntkStep(program, p, t, k, kIn, k11, k22);
                }
                kernel[at] = k;
                ntk[at] = t;
            }
        }
    }

    /**
     * Runs ops p0 .. length − 1 of the program on one entry whose state entering op p0 is (k, t),
     * with the diagonals of input i of diag1 and input j of diag2; returns {K, Θ} of the readout.
     */
    public static double[] continueFrom(RecursionProgram program, int p0, double k, double t,
                                        DiagonalTables diag1, int i, DiagonalTables diag2, int j) {
        for (int p = p0; p < program.length(); p++) {
            double k11 = diag1.nngp(p, i);
            double k22 = diag2.nngp(p, j);
            double kIn = k;
            k = nngpStep(program, p, kIn, k11, k22);
            t = ntkStep(program, p, t, k, kIn, k11, k22);
        }
        return new double[] {k, t};
    }

    /** The NNGP after op p, from its input (k12, k11, k22). */
    private static double nngpStep(RecursionProgram pr, int p, double k12, double k11, double k22) {
        return switch (pr.op(p)) {
            case RecursionProgram.DENSE -> pr.p0(p) * k12 + pr.p1(p);
            case RecursionProgram.AB_RELU -> ArcCosine.abReluNngp(pr.p0(p), pr.p1(p), k12, k11, k22);
            case RecursionProgram.LINEAR -> pr.p0(p) * pr.p0(p) * k12;
            case RecursionProgram.STEP -> ArcCosine.stepNngp(k12, k11, k22);
            case RecursionProgram.ERF -> ArcSineErf.nngp(k12, k11, k22);
            default -> throw new AssertionError(pr.op(p));
        };
    }

    /** The NTK after op p, from the input NTK t, the new NNGP kNew and the input (k12, k11, k22). */
    private static double ntkStep(RecursionProgram pr, int p, double t, double kNew,
                                  double k12, double k11, double k22) {
        return switch (pr.op(p)) {
            case RecursionProgram.DENSE -> pr.p0(p) * t + kNew;
            case RecursionProgram.AB_RELU -> ArcCosine.abReluTdot(pr.p0(p), pr.p1(p), k12, k11, k22) * t;
            case RecursionProgram.LINEAR -> pr.p0(p) * pr.p0(p) * t;
            case RecursionProgram.STEP -> 0.0;
            case RecursionProgram.ERF -> ArcSineErf.tdot(k12, k11, k22) * t;
            default -> throw new AssertionError(pr.op(p));
        };
    }

    @Override
    public void activation(int op, double a, double b, double[] in, double[] out, double[] deriv, int n) {
        checkActivation(op, in, out, deriv, n);
        for (int i = 0; i < n; i++) {
            double x = in[i];
            double y;
            double dy;
            switch (op) {
                case RecursionProgram.AB_RELU, RecursionProgram.LINEAR -> {
                    dy = x < 0 ? a : b;
                    y = x * dy;
                }
                case RecursionProgram.STEP -> {
                    y = x > 0 ? 1.0 : 0.0;
                    dy = 0.0;
                }
                case RecursionProgram.ERF -> {
                    y = ScalarMath.erf(x);
                    dy = deriv == null ? 0.0 : ScalarMath.erfDerivative(x);
                }
                default -> throw new AssertionError(op);
            }
            out[i] = y;
            if (deriv != null) {
                deriv[i] = dy;
            }
        }
    }

    /** The door check shared by both implementations of {@link #activation}. */
    static void checkActivation(int op, double[] in, double[] out, double[] deriv, int n) {
        if (op != RecursionProgram.AB_RELU && op != RecursionProgram.LINEAR && op != RecursionProgram.STEP
                && op != RecursionProgram.ERF) {
            throw new IllegalArgumentException("op " + op + " is not an activation");
        }
        if (n < 0 || n > in.length || n > out.length || deriv != null && n > deriv.length) {
            throw new IllegalArgumentException("n = " + n + " does not fit arrays of length " + in.length + ", "
                    + out.length + (deriv == null ? "" : ", " + deriv.length));
        }
    }
}
