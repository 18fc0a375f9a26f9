package org.ntk4j.simd;

import org.ntk4j.math.ScalarMath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ntk4j.kernel.ABRelu;
import org.ntk4j.kernel.Activation;
import org.ntk4j.kernel.Catalog;
import org.ntk4j.kernel.Erf;
import org.ntk4j.kernel.Stax;
import org.ntk4j.kernel.Step;

/**
 * The vector activation against its scalar twin, for every activation of the catalog, on every
 * length 0 .. 4·lanes + 3 (every tail): the ReLU family and the step bit for bit; erf and erf'
 * within 4 ulp (each side within 2 ulp of the true value, VectorMath and ScalarMath javadoc);
 * any other within 4 ulp too (the bound its vector twin must meet).
 */
class ActivationOpsTest {

    @Test
    void vectorMatchesScalarOnEveryTail() {
        KernelOps v = Simd.ops(Simd.Impl.VECTOR);
        KernelOps s = ScalarKernelOps.INSTANCE;
        int lanes = v.lanes();
        assertTrue(lanes > 1, "the tests run with the Vector API");
        SplittableRandom r = new SplittableRandom(3);
        double worst = 0;
        java.util.List<Activation> all = new java.util.ArrayList<>(Catalog.sampleActivations());
        all.add(Stax.abRelu(0.7, 0.7));
        for (Activation phi : all) {
            boolean exact = phi instanceof ABRelu || phi instanceof Step;
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
                v.activation(phi, in, yv, dv, n);
                s.activation(phi, in, ys, ds, n);
                for (int i = 0; i < n; i++) {
                    double uy = Math.abs(yv[i] - ys[i]) / Math.ulp(ys[i]);
                    double ud = Math.abs(dv[i] - ds[i]) / Math.ulp(ds[i]);
                    if (!exact) {
                        assertTrue(uy <= 4 && ud <= 4, phi.describe() + " at " + in[i] + ": " + uy + ", " + ud + " ulp");
                        worst = Math.max(worst, Math.max(uy, ud));
                    } else {
                        assertEquals(Double.doubleToLongBits(ys[i]), Double.doubleToLongBits(yv[i]), phi.describe() + " at " + in[i]);
                        assertEquals(Double.doubleToLongBits(ds[i]), Double.doubleToLongBits(dv[i]), phi.describe() + " at " + in[i]);
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
            Erf erf = Stax.erf();
            ops.activation(erf, x, want, slope, x.length);
            double[] copy = x.clone();
            ops.activation(erf, copy, copy, null, x.length);
            assertEquals(java.util.Arrays.toString(want), java.util.Arrays.toString(copy), ops.name());
            ops.activation(Stax.relu(), x, want, slope, x.length);
            assertEquals(0.0, want[0], 0.0, "relu(-2) = 0 · -2 (the sign of zero is -)");
            assertEquals(2.0, want[4]);
            assertEquals(0.0, slope[0]);
            assertEquals(1.0, slope[2], "relu'(0) is taken as b, as ABRelu.derivative does");
            assertThrows(IllegalArgumentException.class, () -> ops.activation(Stax.step(), x, x, null, 12));
        }
    }
}
