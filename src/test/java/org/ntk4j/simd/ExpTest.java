package org.ntk4j.simd;

import org.ntk4j.math.ScalarMath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class ExpTest {

    /** 2 ulp from the true value (documented), StrictMath within 1 ulp of it: 2 + 1 against it. */
    private static final double ULP_BOUND_VS_STRICTMATH = 2 + 1;
    /** ln(Double.MAX_VALUE): e^x is finite up to here and overflows one ulp above. */
    private static final double LAST_FINITE = 709.782712893384;

    /**
     * About 60 000 points: uniform over the finite range, |x| <= 1, tiny |x|, the subnormal results,
     * the overflow edge, and the points (k + 1/2) ln 2 where the reduction switches k.
     */
    static double[] points() {
        SplittableRandom rnd = new SplittableRandom(7_0907);
        DoubleStream.Builder b = DoubleStream.builder();
        for (int i = 0; i < 20_000; i++) {
            b.add(rnd.nextDouble(-745.2, LAST_FINITE));
            b.add(rnd.nextDouble(-1, 1));
        }
        for (int i = 0; i < 5_000; i++) {
            double tiny = Math.scalb(1 + rnd.nextDouble(), -rnd.nextInt(1, 1075));
            b.add(tiny).add(-tiny);
            b.add(rnd.nextDouble(-745.2, -708.3));   // subnormal results
        }
        for (int k = -1075; k <= 1024; k += 7) {
            double half = (k + 0.5) * Math.log(2);
            b.add(Math.nextDown(half)).add(half).add(Math.nextUp(half));
        }
        double edge = LAST_FINITE;
        for (int i = 0; i < 32; i++) {
            b.add(edge);
            edge = Math.nextDown(edge);
        }
        b.add(0.0).add(-0.0).add(Double.MIN_VALUE).add(-Double.MIN_VALUE);
        return b.build().filter(t -> t <= LAST_FINITE + 1).toArray();
    }

    @Test
    void isWithinBoundOfStrictMath() {
        double[] x = points();
        double[] v = new double[x.length];
        VectorMath.exp(x, v, x.length);
        double[] ref = Arrays.stream(x).map(StrictMath::exp).toArray();
        Ulps.assertWithin(ULP_BOUND_VS_STRICTMATH, x, v, ref);
    }

    @Test
    void exactAndLimitValues() {
        assertEquals(1.0, Lanes.single(VectorMath::exp, 0.0));
        assertEquals(1.0, Lanes.single(VectorMath::exp, -0.0));
        assertEquals(1.0, Lanes.single(VectorMath::exp, Double.MIN_VALUE));
        assertTrue(Double.isFinite(Lanes.single(VectorMath::exp, LAST_FINITE)));
        assertEquals(Double.POSITIVE_INFINITY, Lanes.single(VectorMath::exp, Math.nextUp(LAST_FINITE)));
        assertEquals(Double.POSITIVE_INFINITY, Lanes.single(VectorMath::exp, 1e300));
        assertEquals(Double.POSITIVE_INFINITY, Lanes.single(VectorMath::exp, Double.POSITIVE_INFINITY));
        assertEquals(0.0, Lanes.single(VectorMath::exp, -746));
        assertEquals(0.0, Lanes.single(VectorMath::exp, -1e300));
        assertEquals(0.0, Lanes.single(VectorMath::exp, Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Lanes.single(VectorMath::exp, Double.NaN)));
    }

    @Test
    void scalarTwinIsStrictMath() {
        for (double x : points()) {
            assertEquals(Double.doubleToRawLongBits(StrictMath.exp(x)),
                    Double.doubleToRawLongBits(ScalarMath.exp(x)));
        }
    }
}
