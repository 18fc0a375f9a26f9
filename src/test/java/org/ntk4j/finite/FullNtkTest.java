package org.ntk4j.finite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.io.NpyArray;

/** The record's shape checks, views and value semantics, and the logit-approximation error. */
class FullNtkTest {

    private static double[] iota(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i + 1;
        }
        return d;
    }

    @Test
    void emptyKernelsAndOneOutputAreValidShapes() {
        assertEquals(0, new FullNtk(0, 3, 2, new double[0]).data().length);
        assertEquals(0, new FullNtk(3, 0, 2, new double[0]).data().length);
        assertEquals(6, new FullNtk(2, 3, 1, new double[6]).data().length);
    }

    @Test
    void aWrongDataLengthIsRefusedWithTheCountItNeeds() {
        String m = assertThrows(IllegalArgumentException.class, () -> new FullNtk(2, 3, 2, new double[5])).getMessage();
        assertTrue(m.contains("(2, 3, 2, 2)") && m.contains("needs 24 entries, got 5"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new FullNtk(2, 3, 2, null)).getMessage();
        assertTrue(m.contains("got none"), m);
        assertThrows(IllegalArgumentException.class, () -> new FullNtk(-1, 3, 2, new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new FullNtk(1, 1, 0, new double[0]));
    }

    @Test
    void shapeAndNpyViewShareTheData() {
        FullNtk k = new FullNtk(2, 3, 4, iota(2 * 3 * 4 * 4));
        assertArrayEquals(new int[] {2, 3, 4, 4}, k.shape());
        NpyArray npy = k.toNpy();
        assertArrayEquals(new int[] {2, 3, 4, 4}, npy.shape());
        assertSame(k.data(), npy.data());
        // C order: (i, j, a, b) at ((i n2 + j) O + a) O + b, counted by hand for (1, 2, 3, 0)
        assertEquals(((1 * 3 + 2) * 4 + 3) * 4 + 0 + 1, k.get(1, 2, 3, 0));
    }

    @Test
    void equalityIsByShapeAndContentAndToStringIsTheShape() {
        FullNtk a = new FullNtk(1, 2, 2, iota(8));
        FullNtk same = new FullNtk(1, 2, 2, iota(8));
        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        double[] other = iota(8);
        other[7] = -1;
        FullNtk b = new FullNtk(1, 2, 2, other);
        assertNotEquals(a, b);
        assertNotEquals(a.hashCode(), b.hashCode(), "these two contents hash differently");
        // same data length, other shapes
        assertNotEquals(a, new FullNtk(2, 1, 2, iota(8)));
        assertNotEquals(a, new FullNtk(1, 8, 1, iota(8)));
        assertNotEquals(a, new FullNtk(2, 4, 1, iota(8)));
        assertNotEquals(a, "FullNtk(1, 2, 2, 2)");
        assertEquals("FullNtk(1, 2, 2, 2)", a.toString());
    }

    @Test
    void relativeErrorIsTheFrobeniusFormula() {
        // Θ(x, x') = [[1, 2], [3, 4]], logit kernel L = 2.5:
        // ‖Θ − L I‖² = 1.5² + 2² + 3² + 1.5² = 17.5, ‖Θ‖² = 1 + 4 + 9 + 16 = 30
        FullNtk k = new FullNtk(1, 1, 2, new double[] {1, 2, 3, 4});
        DMatrixRMaj l = new DMatrixRMaj(1, 1, true, 2.5);
        assertEquals(Math.sqrt(17.5 / 30), k.relativeErrorOf(l), 1e-15);
        FullNtk zero = new FullNtk(1, 1, 2, new double[4]);
        assertEquals(0.0, zero.relativeErrorOf(new DMatrixRMaj(1, 1)));
        assertEquals(Double.POSITIVE_INFINITY, zero.relativeErrorOf(l));
        String m = assertThrows(IllegalArgumentException.class, () -> k.relativeErrorOf(new DMatrixRMaj(1, 2))).getMessage();
        assertTrue(m.contains("1 x 2") && m.contains("1 x 1 x 2 x 2"), m);
        assertThrows(IllegalArgumentException.class, () -> k.relativeErrorOf(new DMatrixRMaj(2, 1)));
    }
}
