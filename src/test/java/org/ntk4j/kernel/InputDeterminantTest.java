package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.simd.Simd;

/**
 * The first erf layer's Ṫ for nearly collinear inputs of large norm, against a reference computed
 * in 60-digit decimal arithmetic from the same double inputs (b-std = 0):
 * Ṫ = (4/π)/sqrt(1 + 2(k11 + k22) + 4(k11 k22 − k12²)) with k = w² x·x'/d.
 */
class InputDeterminantTest {

    private static final MathContext MC = new MathContext(60);

    private static BigDecimal dot(double[] x, double[] y) {
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            s = s.add(new BigDecimal(x[i]).multiply(new BigDecimal(y[i])), MC);
        }
        return s;
    }

    private static double exactTdot(double[] x, double[] y, double w) {
        BigDecimal scale = new BigDecimal(w).pow(2).divide(BigDecimal.valueOf(x.length), MC);
        BigDecimal k11 = scale.multiply(dot(x, x), MC);
        BigDecimal k22 = scale.multiply(dot(y, y), MC);
        BigDecimal k12 = scale.multiply(dot(x, y), MC);
        BigDecimal gap = k11.multiply(k22, MC).subtract(k12.pow(2, MC), MC);
        BigDecimal dd = BigDecimal.ONE.add(BigDecimal.valueOf(2).multiply(k11.add(k22), MC), MC)
                .add(BigDecimal.valueOf(4).multiply(gap, MC), MC);
        BigDecimal pi = new BigDecimal("3.14159265358979323846264338327950288419716939937510582097494459");
        return BigDecimal.valueOf(4).divide(pi, MC).divide(dd.sqrt(MC), MC).doubleValue();
    }

    @Test
    void nearlyCollinearInputsOfLargeNormGetTheExactTdot() {
        double w = 1.0026739882501432;
        double[] x = {-1999999.9999999995, 0.5123e6, 3.1e5};
        double c = 1.4677559094241208;   // y = c x, rounded: the naive determinant is 1.07e9 here, the true one 3.5e-10
        double[] y = {x[0] * c, x[1] * c, x[2] * c};
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {x});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {y});
        double expected = exactTdot(x, y, w);
        for (Simd.Impl impl : new Simd.Impl[] {Simd.Impl.SCALAR, Simd.Impl.VECTOR}) {
            Kernels k = KernelEngine.builder().impl(impl).build().compute(Stax.mlp(1, Stax.erf(), w, 0.0), a, b);
            // Θ = K + w² Ṫ Θ_1 with Θ_1 = k12 (the readout adds K): recover Ṫ
            double k12 = w * w * (x[0] * y[0] + x[1] * y[1] + x[2] * y[2]) / 3;
            double tdot = (k.ntk().get(0, 0) - k.nngp().get(0, 0)) / (w * w * k12);
            // k12 and the subtraction above round at about 1e-16 each: 1e-13 leaves room for both
            assertEquals(expected, tdot, 1e-13 * expected, impl + ": Ṫ");
        }
    }
    @Test
    void dot2IsAccurateWhereThePlainDotCancels() {
        // 1e16 + 1 − 1e16 in one dot product: the plain sum loses the 1
        double[] x = {1e8, 1, -1e8};
        double[] y = {1e8, 1, 1e8};
        double[] r = InputDeterminant.dot2(x, 0, y, 0, 3);
        assertEquals(1.0, r[0] + r[1], 0.0);
        assertTrue(Math.abs(r[1]) <= Math.ulp(r[0]) / 2);
    }
}
