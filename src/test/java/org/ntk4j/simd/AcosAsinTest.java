package org.ntk4j.simd;

import org.ntk4j.math.ScalarMath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class AcosAsinTest {

    /**
     * The documented bound is 1 ulp from the true value (error budget in VectorMath.arc: 0.5 for the
     * final rounding plus under 0.15 from the polynomial, the rounding of the tail and the
     * approximate sqrt tail; 0.612 measured on 10^6 points). StrictMath (fdlibm) is itself within
     * 1 ulp of it, so against StrictMath the triangle inequality allows 1 + 1 ulp (of StrictMath's
     * value; both lie in the same or a neighbouring binade).
     */
    private static final double ULP_BOUND_VS_STRICTMATH = 1 + 1;

    /** About 60 000 points of [-1, 1]: uniform, clustered at ±1, ±1/2 and 0, subnormals, ±0. */
    static double[] points() {
        SplittableRandom rnd = new SplittableRandom(20240611);
        DoubleStream.Builder b = DoubleStream.builder();
        for (int i = 0; i < 20_000; i++) {
            b.add(rnd.nextDouble(-1, 1));
        }
        for (int i = 0; i < 10_000; i++) {
            // 1 - 2^-k u: every distance from ±1 down to one ulp
            double near1 = 1 - Math.scalb(rnd.nextDouble(), -rnd.nextInt(54));
            b.add(near1).add(-near1);
        }
        for (int i = 0; i < 5_000; i++) {
            // across the switch at |x| = 1/2
            double near05 = 0.5 + Math.scalb(rnd.nextDouble(-1, 1), -rnd.nextInt(1, 53));
            b.add(near05).add(-near05);
        }
        for (int i = 0; i < 5_000; i++) {
            double tiny = Math.scalb(1 + rnd.nextDouble(), -rnd.nextInt(1, 1075));
            b.add(tiny).add(-tiny);
        }
        for (double edge : new double[] {1, 0.5, Double.MIN_NORMAL, Double.MIN_VALUE}) {
            double up = edge;
            double down = edge;
            for (int i = 0; i < 64; i++) {
                b.add(up).add(-up).add(down).add(-down);
                up = Math.min(1, Math.nextUp(up));
                down = Math.nextDown(down);
            }
        }
        b.add(0.0).add(-0.0);
        return b.build().toArray();
    }

    @Test
    void acosIsWithinBoundOfStrictMath() {
        double[] x = points();
        double[] v = new double[x.length];
        VectorMath.acos(x, v, x.length);
        double[] ref = Arrays.stream(x).map(StrictMath::acos).toArray();
        Ulps.assertWithin(ULP_BOUND_VS_STRICTMATH, x, v, ref);
    }

    @Test
    void asinIsWithinBoundOfStrictMath() {
        double[] x = points();
        double[] v = new double[x.length];
        VectorMath.asin(x, v, x.length);
        double[] ref = Arrays.stream(x).map(StrictMath::asin).toArray();
        Ulps.assertWithin(ULP_BOUND_VS_STRICTMATH, x, v, ref);
    }

    @Test
    void exactValuesAtTheEnds() {
        assertBits(0.0, Lanes.single(VectorMath::acos, 1.0));
        assertBits(Math.PI, Lanes.single(VectorMath::acos, -1.0));
        assertBits(Math.PI / 2, Lanes.single(VectorMath::acos, 0.0));
        assertBits(Math.PI / 2, Lanes.single(VectorMath::acos, -0.0));
        assertBits(Math.PI / 2, Lanes.single(VectorMath::asin, 1.0));
        assertBits(-Math.PI / 2, Lanes.single(VectorMath::asin, -1.0));
        assertBits(0.0, Lanes.single(VectorMath::asin, 0.0));
        assertBits(-0.0, Lanes.single(VectorMath::asin, -0.0));
        assertBits(Double.MIN_VALUE, Lanes.single(VectorMath::asin, Double.MIN_VALUE));
    }

    @Test
    void outsideTheDomainAndNaNGiveNaN() {
        for (double x : new double[] {Math.nextUp(1.0), -1.5, Double.NaN, Double.NEGATIVE_INFINITY}) {
            assertTrue(Double.isNaN(Lanes.single(VectorMath::acos, x)), "acos " + x);
            assertTrue(Double.isNaN(Lanes.single(VectorMath::asin, x)), "asin " + x);
        }
    }

    @Test
    void asinIsOddToTheBit() {
        double[] x = points();
        double[] neg = Arrays.stream(x).map(t -> -t).toArray();
        double[] v = new double[x.length];
        double[] w = new double[x.length];
        VectorMath.asin(x, v, x.length);
        VectorMath.asin(neg, w, x.length);
        for (int i = 0; i < x.length; i++) {
            assertBits(-v[i], w[i]);
        }
    }

    @Test
    void scalarTwinsAreStrictMath() {
        for (double x : new double[] {-1, -0.7, -0.2, 0, 0.3, 0.9, 1}) {
            assertBits(StrictMath.acos(x), ScalarMath.acos(x));
            assertBits(StrictMath.asin(x), ScalarMath.asin(x));
        }
    }

    private static void assertBits(double expected, double actual) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> "expected " + expected + " but was " + actual);
    }
}
