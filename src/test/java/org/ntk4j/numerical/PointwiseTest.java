package org.ntk4j.numerical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** φ′ against central differences, the kinks of compositions, and refusals at the door. */
class PointwiseTest {

    static List<Pointwise> all() {
        List<Pointwise> l = new ArrayList<>(List.of(Builtin.values()));
        l.add(Pointwise.leakyRelu(0.1));
        l.add(Pointwise.compose(Builtin.RELU, Builtin.TANH));
        l.add(Pointwise.compose(Builtin.SIGMOID, Builtin.SIN));
        l.add(Pointwise.compose(Builtin.ELU, Builtin.ELU, Builtin.SOFTPLUS));
        return l;
    }

    /**
     * Central difference error ≤ h² |φ‴|/6 + 2u|φ|/h with h = 1e-5: ≈ 1e-10 + 2e-11 |φ| for these
     * φ (|φ‴| ≤ 10 on the points used, which keep 1e-3 away from every kink); bound 1e-8 (1 + |φ|).
     */
    @Test
    void derivativesMatchCentralDifferences() {
        double h = 1e-5;
        for (Pointwise p : all()) {
            for (double x = -6.01; x < 6; x += 0.173) {
                double fd = (p.value(x + h) - p.value(x - h)) / (2 * h);
                double bound = 1e-8 * (1 + Math.abs(p.value(x)));
                assertEquals(fd, p.derivative(x), bound, p.describe() + " at " + x);
            }
        }
    }

    @Test
    void compositionsPullKinksBack() {
        assertArrayEquals(new double[] {0}, Pointwise.compose(Builtin.TANH, Builtin.RELU).kinks());
        assertArrayEquals(new double[] {0}, Pointwise.compose(Builtin.RELU, Builtin.TANH).kinks());
        // sigmoid > 0, so relu never bends, except where sigmoid underflows to 0 (x < −700)
        for (double x : Pointwise.compose(Builtin.SIGMOID, Builtin.RELU).kinks()) {
            assertTrue(x < -700, "relu∘sigmoid has no kink at " + x);
        }
        double[] k = Pointwise.compose(Builtin.SIN, Builtin.RELU).kinks();
        for (int j = -20; j <= 20; j++) {
            double want = j * Math.PI;
            boolean found = false;
            for (double x : k) {
                found |= Math.abs(x - want) <= 1e-12 * Math.max(1, Math.abs(want));
            }
            assertTrue(found, "relu∘sin bends at " + want);
        }
        assertEquals("relu∘tanh", Pointwise.compose(Builtin.TANH, Builtin.RELU).describe());
        assertFalse(Pointwise.compose(Builtin.TANH, Builtin.STEP).continuous());
    }

    @Test
    void badInputsAreRefusedWithAMessage() {
        assertThrows(IllegalArgumentException.class, () -> Pointwise.compose(Builtin.TANH));
        assertThrows(IllegalArgumentException.class, () -> Pointwise.leakyRelu(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Pointwise.of("f", x -> x, x -> 1, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class,
                () -> NumericalKernel.prepare(Builtin.TANH, new double[] {1, -1}, NumericalKernel.Settings.defaults()));
        assertThrows(IllegalArgumentException.class,
                () -> NumericalKernel.prepare(Builtin.TANH, new double[] {Double.NaN}, NumericalKernel.Settings.defaults()));
        assertThrows(IllegalArgumentException.class, () -> new NumericalKernel.Settings(0, 1e-10, 1e-10, true));
        NumericalKernel nk = NumericalKernel.prepare(Builtin.TANH, new double[] {1, 2}, NumericalKernel.Settings.defaults());
        assertThrows(IllegalArgumentException.class, () -> nk.pair(0, 1, Double.NaN));
    }
}
