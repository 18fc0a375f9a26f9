package org.ntk4j.finite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;

/**
 * The documented generator, checked against values from a separate Python implementation of the
 * algorithm in {@link Initializer}'s javadoc (plain Python integers and the math module):
 * <pre>
 *   def mix(z): z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) &amp; M; z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) &amp; M; return z ^ (z >> 31)
 *   state = mix(mix(seed) ^ mix((l << 32) | r)); then per pair: state += GOLDEN, u = ((mix(state) >> 11) + 1) * 2**-53, ...
 * </pre>
 * Python's math uses the C library, StrictMath uses fdlibm; both are within 1 ulp of the true
 * value, so a normal may differ by a few ulp: 4 ulp allowed (ln, sqrt, cos, product).
 */
class InitializerTest {

    private static void assertUlps(double[] want, double[] got, int ulps) {
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(want[i] - got[i]) <= ulps * Math.ulp(want[i]), i + ": " + want[i] + " vs " + got[i]);
        }
    }

    @Test
    void matchesAnIndependentImplementationOfTheDocumentedAlgorithm() {
        double[] a = new double[5];
        Initializer.normals(42, 0, 0, a, 0, 5);
        assertUlps(new double[] {-0.9385468849080915, 0.30424299805497446, -1.4363289579724994, 1.0454251047431662,
                -0.7346503216753353}, a, 4);
        double[] b = new double[3];
        Initializer.normals(42, 2, 7, b, 0, 3);
        assertUlps(new double[] {-0.5944879228761794, -0.709512717248195, 0.14630903018275665}, b, 4);
        double[] c = new double[3];
        Initializer.normals(-1, 0, Initializer.BIAS_STREAM, c, 0, 3);
        assertUlps(new double[] {-0.8385294377462165, -0.2511741805581446, 0.2726238796544555}, c, 4);
        assertEquals(-4767286540954276203L, Initializer.sampleSeed(42, 0));
        assertEquals(-4246002051394798603L, Initializer.sampleSeed(42, 199));
    }

    @Test
    void mlpParametersAreTheDocumentedStreams() {
        Network net = Stax.mlp(2, Stax.relu(), 1, 0);
        Mlp mlp = Mlp.init(net, new Mlp.Shape(3, 8, 2), 42);
        double[] row7 = new double[8];
        Initializer.normals(42, 2, 1, row7, 0, 8);   // W2 is 2 x 8: row 1 is stream (42, 2, 1)
        assertArrayEquals(row7, java.util.Arrays.copyOfRange(mlp.weight(2).data, 8, 16), 0.0);
        double[] b1 = new double[8];
        Initializer.normals(42, 1, Initializer.BIAS_STREAM, b1, 0, 8);
        assertArrayEquals(b1, mlp.bias(1), 0.0);
        // the same seed gives the same bits, run after run (init draws rows in parallel)
        for (int k = 0; k < 3; k++) {
            Mlp again = Mlp.init(net, new Mlp.Shape(3, 8, 2), 42);
            for (int l = 0; l <= 2; l++) {
                assertArrayEquals(mlp.weight(l).data, again.weight(l).data, 0.0);
                assertArrayEquals(mlp.bias(l), again.bias(l), 0.0);
            }
        }
        assertNotEquals(mlp.weight(1).get(0, 0), Mlp.init(net, new Mlp.Shape(3, 8, 2), 43).weight(1).get(0, 0));
    }

    @Test
    void normalsHaveTheRightMoments() {
        int n = 200_000;
        double[] z = new double[n];
        Initializer.normals(7, 0, 0, z, 0, n);
        double mean = 0;
        double m2 = 0;
        double m4 = 0;
        for (double v : z) {
            mean += v / n;
            m2 += v * v / n;
            m4 += v * v * v * v / n;
        }
        // standard errors: mean 1/√n = 0.0022, E z² 2/√n... √(2/n) = 0.0032, E z⁴ √(96/n) = 0.022; 5σ each
        assertEquals(0, mean, 5 * Math.sqrt(1.0 / n));
        assertEquals(1, m2, 5 * Math.sqrt(2.0 / n));
        assertEquals(3, m4, 5 * Math.sqrt(96.0 / n));
    }

    @Test
    void badStreamsAreRefused() {
        double[] z = new double[4];
        assertThrows(IllegalArgumentException.class, () -> Initializer.normals(1, -1, 0, z, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> Initializer.normals(1, 0, 0, z, 2, 4));
        assertThrows(IllegalArgumentException.class, () -> Initializer.sampleSeed(1, -1));
        assertThrows(IllegalArgumentException.class, () -> Initializer.normals(1, 0, 0, z, 0, -1));
        // an empty range is a valid request, also at the very end of the array
        Initializer.normals(1, 0, 0, z, 0, 0);
        Initializer.normals(1, 0, 0, z, 4, 0);
        assertArrayEquals(new double[4], z, 0.0);
    }
}
