package org.ntk4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NpyArrayTest {

    @Test
    void shapeIsCopiedDataIsShared() {
        int[] shape = {2, 2};
        double[] data = {1, 2, 3, 4};
        NpyArray a = new NpyArray(shape, data);
        shape[0] = 9;
        a.shape()[1] = 9;
        assertArrayEquals(new int[] {2, 2}, a.shape());
        assertSame(data, a.data());
        assertEquals(2, a.rank());
    }

    @Test
    void valueSemantics() {
        NpyArray a = new NpyArray(new int[] {2}, new double[] {1, 2});
        assertEquals(new NpyArray(new int[] {2}, new double[] {1, 2}), a);
        assertEquals(new NpyArray(new int[] {2}, new double[] {1, 2}).hashCode(), a.hashCode());
        assertNotEquals(new NpyArray(new int[] {2, 1}, new double[] {1, 2}), a);
        assertEquals("NpyArray(2,)", a.toString());
        assertEquals("NpyArray()", new NpyArray(new int[0], new double[] {1}).toString());
    }

    @Test
    void rejectsInconsistentShapes() {
        assertThrows(IllegalArgumentException.class, () -> new NpyArray(new int[] {2, 3}, new double[5]));
        assertThrows(IllegalArgumentException.class, () -> new NpyArray(new int[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new NpyArray(new int[] {-2, -3}, new double[6]));
        assertThrows(IllegalArgumentException.class,
                () -> new NpyArray(new int[] {65536, 65536}, new double[0])); // int overflow would give 0
    }
}
