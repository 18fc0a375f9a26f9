package org.ntk4j.simd;

import org.ntk4j.math.ScalarMath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ErfTest {

    /** The documented bound, checked against the BigDecimal reference (35 digits, so exact here). */
    private static final double ULP_BOUND = 2;
    /** Where fdlibm's pieces meet. */
    private static final double[] BOUNDARIES = {0.84375, 1.25, 1 / 0.35, 6};

    private static double[] x;
    private static BigDecimal[] reference;

    /**
     * About 20 000 points of [-6, 6]: uniform, log-uniform down to the subnormals, 64 consecutive
     * doubles on each side of every piece boundary (both signs), and ±0.
     */
    @BeforeAll
    static void computeReference() {
        SplittableRandom rnd = new SplittableRandom(1_1975);
        DoubleStream.Builder b = DoubleStream.builder();
        for (int i = 0; i < 8_000; i++) {
            b.add(rnd.nextDouble(-6, 6));
        }
        for (int i = 0; i < 2_000; i++) {
            b.add(rnd.nextDouble(0, 3)).add(-rnd.nextDouble(3, 6));
        }
        for (int i = 0; i < 2_000; i++) {
            double tiny = Math.scalb(1 + rnd.nextDouble(), -rnd.nextInt(1, 1075));
            b.add(tiny).add(-tiny);
        }
        for (double edge : BOUNDARIES) {
            double up = edge;
            double down = edge;
            for (int i = 0; i < 64; i++) {
                b.add(up).add(-up).add(down).add(-down);
                up = Math.nextUp(up);
                down = Math.nextDown(down);
            }
            for (int i = 0; i < 200; i++) {
                double near = edge + Math.scalb(rnd.nextDouble(-1, 1), -rnd.nextInt(1, 40));
                b.add(near).add(-near);
            }
        }
        b.add(0.0).add(-0.0).add(1e-300).add(-1e-300).add(Double.MIN_VALUE).add(Double.MIN_NORMAL)
                .add(0x1p-28).add(Math.nextDown(0x1p-28)).add(1e-10).add(1).add(-1);
        x = b.build().filter(t -> Math.abs(t) <= 6).toArray();
        reference = Arrays.stream(x).mapToObj(ErfReference::erf).toArray(BigDecimal[]::new);
    }

    @Test
    void referenceMatchesKnownValues() {
        // erf(0.5), erf(1), erf(2), erf(6) to 30 digits, computed independently (mpmath, 40 digits)
        assertClose("0.520499877813046537682746653892", ErfReference.erf(0.5));
        assertClose("0.842700792949714869341220635083", ErfReference.erf(1));
        assertClose("0.995322265018952734162069256367", ErfReference.erf(2));
        assertClose("0.999999999999999978480263287501", ErfReference.erf(6));
    }

    private static void assertClose(String expected, BigDecimal actual) {
        assertTrue(new BigDecimal(expected).subtract(actual).abs().compareTo(new BigDecimal("1e-29")) < 0,
                () -> "reference erf " + actual + " differs from " + expected);
    }

    @Test
    void vectorErfIsWithinBoundOfReference() {
        double[] v = new double[x.length];
        VectorMath.erf(x, v, x.length);
        Ulps.assertWithin(ULP_BOUND, x, v, reference);
    }

    @Test
    void scalarErfIsWithinBoundOfReference() {
        double[] s = Arrays.stream(x).map(ScalarMath::erf).toArray();
        Ulps.assertWithin(ULP_BOUND, x, s, reference);
    }

    @Test
    void twinsAgreeWithinTheSumOfTheirBounds() {
        double[] v = new double[x.length];
        VectorMath.erf(x, v, x.length);
        double[] s = Arrays.stream(x).map(ScalarMath::erf).toArray();
        Ulps.assertWithin(2 * ULP_BOUND, x, v, s);
    }

    @Test
    void exactValues() {
        for (double big : new double[] {6, Math.nextUp(6.0), 6.5, 27, 1e10, 1e300, Double.MAX_VALUE,
                Double.POSITIVE_INFINITY}) {
            assertEquals(1.0, Lanes.single(VectorMath::erf, big), "erf " + big);
            assertEquals(-1.0, Lanes.single(VectorMath::erf, -big), "erf " + -big);
            assertEquals(1.0, ScalarMath.erf(big), "scalar erf " + big);
            assertEquals(-1.0, ScalarMath.erf(-big), "scalar erf " + -big);
        }
        assertBits(0.0, Lanes.single(VectorMath::erf, 0.0));
        assertBits(-0.0, Lanes.single(VectorMath::erf, -0.0));
        assertBits(0.0, ScalarMath.erf(0.0));
        assertBits(-0.0, ScalarMath.erf(-0.0));
        assertTrue(Double.isNaN(Lanes.single(VectorMath::erf, Double.NaN)));
        assertTrue(Double.isNaN(ScalarMath.erf(Double.NaN)));
    }

    @Test
    void isOddToTheBit() {
        double[] neg = Arrays.stream(x).map(t -> -t).toArray();
        double[] v = new double[x.length];
        double[] w = new double[x.length];
        VectorMath.erf(x, v, x.length);
        VectorMath.erf(neg, w, x.length);
        for (int i = 0; i < x.length; i++) {
            assertBits(-v[i], w[i]);
            assertBits(-ScalarMath.erf(x[i]), ScalarMath.erf(neg[i]));
        }
    }

    /** Non-decreasing on a 2^-12 grid over [-6.5, 6.5] and across every boundary, ulp by ulp. */
    @Test
    void isMonotone() {
        DoubleStream.Builder b = DoubleStream.builder();
        for (double t = -6.5; t <= 6.5; t += 0x1p-12) {
            b.add(t);
        }
        double[] grid = b.build().toArray();
        assertNonDecreasing(grid);
        for (double edge : BOUNDARIES) {
            for (double sign : new double[] {-1, 1}) {
                double[] walk = new double[2001];
                walk[0] = sign * edge;
                for (int i = 0; i < 1000; i++) {
                    walk[0] = Math.nextDown(walk[0]);
                }
                for (int i = 1; i < walk.length; i++) {
                    walk[i] = Math.nextUp(walk[i - 1]);
                }
                assertNonDecreasing(walk);
            }
        }
    }

    private static void assertNonDecreasing(double[] ascending) {
        double[] v = new double[ascending.length];
        VectorMath.erf(ascending, v, ascending.length);
        for (int i = 1; i < v.length; i++) {
            int at = i;
            assertTrue(v[i - 1] <= v[i], () -> "vector erf decreases at x = " + ascending[at]);
            assertTrue(ScalarMath.erf(ascending[i - 1]) <= ScalarMath.erf(ascending[i]),
                    () -> "scalar erf decreases at x = " + ascending[at]);
        }
    }

    @Test
    void derivativeIsWithinBoundOfReference() {
        SplittableRandom rnd = new SplittableRandom(2_1997);
        DoubleStream.Builder b = DoubleStream.builder();
        for (int i = 0; i < 3_000; i++) {
            b.add(rnd.nextDouble(-27.5, 27.5)).add(rnd.nextDouble(-6, 6));
        }
        for (int i = 0; i < 500; i++) {
            b.add(Math.scalb(1 + rnd.nextDouble(), -rnd.nextInt(1, 1075)));
        }
        b.add(0.0).add(-0.0).add(1).add(-1);
        double[] t = b.build().toArray();
        BigDecimal[] ref = Arrays.stream(t).mapToObj(ErfReference::erfDerivative)
                .toArray(BigDecimal[]::new);
        Ulps.assertWithin(ULP_BOUND, t, Lanes.apply(VectorMath::erfDerivative, t), ref);
        Ulps.assertWithin(ULP_BOUND, t, Arrays.stream(t).map(ScalarMath::erfDerivative).toArray(), ref);
        assertEquals(0.0, Lanes.single(VectorMath::erfDerivative, 40));
        assertEquals(0.0, Lanes.single(VectorMath::erfDerivative, Double.NEGATIVE_INFINITY));
        assertEquals(0.0, ScalarMath.erfDerivative(1e300));
        assertTrue(Double.isNaN(Lanes.single(VectorMath::erfDerivative, Double.NaN)));
    }

    private static void assertBits(double expected, double actual) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> "expected " + expected + " but was " + actual);
    }
}
