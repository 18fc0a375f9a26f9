package org.ntk4j.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/**
 * The array entry points give every element the bits a full vector gives it, whatever its position
 * and whatever the other lanes of its vector hold, for every tail length.
 */
class ArrayEntryPointsTest {

    /** An array entry point of VectorMath. */
    private interface ArrayFunction {
        void apply(double[] in, double[] out, int n);
    }

    private record Case(String name, ArrayFunction array, UnaryOperator<DoubleVector> vector,
            double lo, double hi) {
    }

    private static final List<Case> CASES = List.of(
            new Case("acos", VectorMath::acos, VectorMath::acos, -1, 1),
            new Case("asin", VectorMath::asin, VectorMath::asin, -1, 1),
            new Case("exp", VectorMath::exp, VectorMath::exp, -750, 710),
            // erf: every piece, so a vector mixes lanes of different pieces
            new Case("erf", VectorMath::erf, VectorMath::erf, -7, 7));

    private static final double SENTINEL = -12345.678;

    @Test
    void everyLengthMatchesPerElementFullVectors() {
        int lanes = VectorMath.SPECIES.length();
        SplittableRandom rnd = new SplittableRandom(42);
        for (Case c : CASES) {
            for (int n = 0; n <= 4 * lanes + 3; n++) {
                double[] in = new double[n + 5];
                for (int i = 0; i < in.length; i++) {
                    in[i] = rnd.nextDouble(c.lo(), c.hi());
                }
                double[] out = new double[n + 5];
                Arrays.fill(out, SENTINEL);
                c.array().apply(in, out, n);
                for (int i = 0; i < n; i++) {
                    double expected = Lanes.single(c.vector(), in[i]);
                    assertEquals(Double.doubleToRawLongBits(expected),
                            Double.doubleToRawLongBits(out[i]),
                            c.name() + " n = " + n + " i = " + i + " x = " + in[i]);
                }
                for (int i = n; i < out.length; i++) {
                    assertEquals(SENTINEL, out[i], c.name() + " wrote past n = " + n);
                }
            }
        }
    }

    @Test
    void rejectsLengthsOutsideTheArrays() {
        for (Case c : CASES) {
            assertThrows(IllegalArgumentException.class,
                    () -> c.array().apply(new double[4], new double[4], 5));
            assertThrows(IllegalArgumentException.class,
                    () -> c.array().apply(new double[8], new double[4], 5));
            assertThrows(IllegalArgumentException.class,
                    () -> c.array().apply(new double[4], new double[4], -1));
        }
    }
}
