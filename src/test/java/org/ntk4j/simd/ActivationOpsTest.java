package org.ntk4j.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector activation against its scalar twin on every length 0 .. 4·lanes + 3 (every tail):
 * ABRelu, linear and step bit for bit; erf and erf' within 4 ulp (each side within 2 ulp of the
 * true value, VectorMath and ScalarMath javadoc).
 */
class ActivationOpsTest {

    private static final int[][] OPS = {
        {RecursionProgram.AB_RELU}, {RecursionProgram.LINEAR}, {RecursionProgram.STEP}, {RecursionProgram.ERF}};

    @Test
    void vectorMatchesScalarOnEveryTail() {
        KernelOps v = Simd.ops(Simd.Impl.VECTOR);
        KernelOps s = ScalarKernelOps.INSTANCE;
        int lanes = v.lanes();
        assertTrue(lanes > 1, "the tests run with the Vector API");
        SplittableRandom r = new SplittableRandom(3);
        double worst = 0;
        for (int[] op : OPS) {
            double a = op[0] == RecursionProgram.LINEAR ? 0.7 : -0.25;
            double b = op[0] == RecursionProgram.LINEAR ? 0.7 : 1.5;
            for (int n = 0; n <= 4 * lanes + 3; n++) {
                double[] in = new double[n + 2];
                for (int i = 0; i < in.length; i++) {
                    in[i] = (r.nextDouble() - 0.5) * 12;   // erf's pieces all live in [-6, 6]
                }
                if (n > 2) {
                    in[0] = 0.0;
                    in[1] = -0.0;
                    in[2] = 1e-310;   // subnormal
                }
                double[] yv = new double[n + 2];
                double[] dv = new double[n + 2];
                double[] ys = new double[n + 2];
                double[] ds = new double[n + 2];
                java.util.Arrays.fill(yv, 99);
                java.util.Arrays.fill(dv, 99);
                v.activation(op[0], a, b, in, yv, dv, n);
                s.activation(op[0], a, b, in, ys, ds, n);
                for (int i = 0; i < n; i++) {
                    double uy = Math.abs(yv[i] - ys[i]) / Math.ulp(ys[i]);
                    double ud = Math.abs(dv[i] - ds[i]) / Math.ulp(ds[i]);
                    if (op[0] == RecursionProgram.ERF) {
                        assertTrue(uy <= 4 && ud <= 4, "erf at " + in[i] + ": " + uy + ", " + ud + " ulp");
                        worst = Math.max(worst, Math.max(uy, ud));
                    } else {
                        assertEquals(Double.doubleToLongBits(ys[i]), Double.doubleToLongBits(yv[i]), "op " + op[0] + " at " + in[i]);
                        assertEquals(Double.doubleToLongBits(ds[i]), Double.doubleToLongBits(dv[i]), "op " + op[0] + " at " + in[i]);
                    }
                }
                assertEquals(99, yv[n], "nothing written past n");
                assertEquals(99, dv[n + 1], "nothing written past n");
            }
        }
        assertTrue(worst < 4, "worst erf difference " + worst + " ulp");
    }

    @Test
    void inPlaceAndWithoutDerivative() {
        for (KernelOps ops : new KernelOps[] {Simd.ops(Simd.Impl.VECTOR), ScalarKernelOps.INSTANCE}) {
            double[] x = {-2, -0.5, 0, 0.5, 2, 3, -3, 1, 4, -4, 0.1};
            double[] want = new double[x.length];
            double[] slope = new double[x.length];
            ops.activation(RecursionProgram.ERF, 0, 0, x, want, slope, x.length);
            double[] copy = x.clone();
            ops.activation(RecursionProgram.ERF, 0, 0, copy, copy, null, x.length);
            assertEquals(java.util.Arrays.toString(want), java.util.Arrays.toString(copy), ops.name());
            ops.activation(RecursionProgram.AB_RELU, 0, 1, x, want, slope, x.length);
            assertEquals(0.0, want[0], 0.0, "relu(-2) = 0 · -2 (the sign of zero is -)");
            assertEquals(2.0, want[4]);
            assertEquals(0.0, slope[0]);
            assertEquals(1.0, slope[2], "relu'(0) is taken as b, as ABRelu.derivative does");
            assertThrows(IllegalArgumentException.class, () -> ops.activation(RecursionProgram.DENSE, 0, 0, x, x, null, 1));
            assertThrows(IllegalArgumentException.class, () -> ops.activation(RecursionProgram.STEP, 0, 0, x, x, null, 12));
        }
    }
}
