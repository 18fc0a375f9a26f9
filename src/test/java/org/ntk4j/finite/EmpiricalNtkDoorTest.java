package org.ntk4j.finite;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.kernel.Stax;
import org.ntk4j.finite.EmpiricalNtk.Method;
import org.ntk4j.finite.EmpiricalNtk.Mode;

/**
 * What {@link EmpiricalNtk} checks before and after computing: the memory a kernel needs (as its
 * javadoc states it: FULL n1·n2·O² doubles, else n1·n2; the Jacobian method 2·n1·n2·R² more, R = O
 * or 1 for LOGITS), a non-finite result, and the settings it reports.
 */
class EmpiricalNtkDoorTest {

    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** Bytes the documented formula needs. */
    private static long need(long n1, long n2, long o, Mode mode, Method method) {
        long kernel = mode == Mode.FULL ? n1 * n2 * o * o : n1 * n2;
        long r = mode == Mode.LOGITS ? 1 : o;
        return 8 * (kernel + (method == Method.JACOBIAN ? 2 * n1 * n2 * r * r : 0));
    }

    private static String refused(long n1, long n2, long o, Mode mode, Method method) {
        return assertThrows(IllegalArgumentException.class, () -> EmpiricalNtk.requireMemory(n1, n2, o, mode, method))
                .getMessage();
    }

    @Test
    void smallAndEmptyKernelsAreAccepted() {
        for (Mode mode : Mode.values()) {
            for (Method method : Method.values()) {
                assertDoesNotThrow(() -> EmpiricalNtk.requireMemory(0, 5, 3, mode, method), mode + " " + method);
                assertDoesNotThrow(() -> EmpiricalNtk.requireMemory(100, 100, 10, mode, method), mode + " " + method);
            }
        }
        // n1·n2·O² = 10^10 would not fit an array, but only FULL or the per-output Jacobian holds it
        assertDoesNotThrow(() -> EmpiricalNtk.requireMemory(1000, 1000, 100, Mode.TRACE, Method.STRUCTURED));
        assertDoesNotThrow(() -> EmpiricalNtk.requireMemory(1000, 1000, 100, Mode.LOGITS, Method.STRUCTURED));
        assertDoesNotThrow(() -> EmpiricalNtk.requireMemory(1000, 1000, 100, Mode.LOGITS, Method.JACOBIAN));
    }

    @Test
    void moreThanAJavaArrayIsRefusedWithTheCountAndAHintForFull() {
        String m = refused(3000, 3000, 100, Mode.FULL, Method.STRUCTURED);
        assertTrue(m.contains("(3000, 3000, 100, 100) has 90000000000 entries") && m.contains("(" + MAX_ARRAY + ")")
                && m.endsWith("split x1 or x2 or use --mode logits"), m);
        m = refused(50000, 50000, 1, Mode.LOGITS, Method.STRUCTURED);
        assertTrue(m.contains("50000 x 50000 LOGITS eNTK has 2500000000 entries") && m.endsWith("split x1 or x2"), m);
        m = refused(20000, 20000, 4, Mode.TRACE, Method.JACOBIAN);   // the n1·n2·O² scratch
        assertTrue(m.contains("has 6400000000 entries"), m);
        m = refused(MAX_ARRAY + 1, 1, 1, Mode.TRACE, Method.STRUCTURED);
        assertTrue(m.contains("more than a Java array holds"), m);
    }

    @Test
    void theLargestArrayThatFitsGoesOnToTheHeapCheck() {
        assumeTrue(Runtime.getRuntime().maxMemory() < 8 * MAX_ARRAY, "a heap below 16 GiB");
        String m = refused(MAX_ARRAY, 1, 1, Mode.TRACE, Method.STRUCTURED);
        assertTrue(m.contains("heap free") && !m.contains("Java array"), m);
    }

    @Test
    void moreThanTheHeapIsRefusedWithTheBytesTheFormulaNeeds() {
        long[][] sizes = {{20000, 20000, 2}, {20000, 20000, 2}, {10000, 10000, 4}, {40000, 40000, 7}, {40000, 40000, 7},
                          {40000, 40000, 7}};
        List<Mode> modes = List.of(Mode.FULL, Mode.FULL, Mode.TRACE, Mode.LOGITS, Mode.TRACE, Mode.LOGITS);
        List<Method> methods = List.of(Method.STRUCTURED, Method.JACOBIAN, Method.JACOBIAN, Method.JACOBIAN,
                Method.STRUCTURED, Method.STRUCTURED);
        for (int c = 0; c < sizes.length; c++) {
            long[] s = sizes[c];
            Mode mode = modes.get(c);
            Method method = methods.get(c);
            long need = need(s[0], s[1], s[2], mode, method);
            assumeTrue(need > Runtime.getRuntime().maxMemory(), "a heap below " + need + " bytes");
            String m = refused(s[0], s[1], s[2], mode, method);
            assertTrue(m.contains(" needs " + org.ntk4j.linalg.MemoryCheck.format(need) + " but the JVM has "), mode + " " + method + ": " + m);
            assertEquals(mode == Mode.FULL, m.contains(", or use --mode logits"), m);
        }
    }

    @Test
    void theHeapCheckCountsWhatIsAlreadyInUse() {
        // need = max heap + 8 bytes: more than is free while anything at all is allocated
        long max = Runtime.getRuntime().maxMemory();
        assumeTrue(max / 8 + 1 <= MAX_ARRAY, "a heap below 16 GiB");
        String m = refused(max / 8 + 1, 1, 1, Mode.TRACE, Method.STRUCTURED);
        assertTrue(m.contains("heap free"), m);
    }

    @Test
    void bytesAreMibBelowOneGibAndGibFromIt() {
        assertEquals("1.0 GiB", org.ntk4j.linalg.MemoryCheck.format(1L << 30));
        assertEquals("1.5 GiB", org.ntk4j.linalg.MemoryCheck.format(3L << 29));
        assertEquals("1023.0 MiB", org.ntk4j.linalg.MemoryCheck.format((1L << 30) - (1L << 20)));
        assertEquals("3.0 MiB", org.ntk4j.linalg.MemoryCheck.format(3L << 20));
    }

    @Test
    void aKernelThatOverflowsIsRefusedNotReturned() {
        // finite parameters of size 1e200: h_2 ≈ 1e200 · 1e200 overflows to infinity
        DMatrixRMaj w0 = new DMatrixRMaj(2, 2, true, 1e200, 1e200, 1e200, 1e200);
        DMatrixRMaj w1 = new DMatrixRMaj(1, 2, true, 1e200, 1e200);
        Mlp mlp = Mlp.of(Stax.mlp(1, Stax.relu(), 1, 0), List.of(w0, w1), List.of(new double[2], new double[1]));
        DMatrixRMaj x = new DMatrixRMaj(1, 2, true, 1, 1);
        for (Method method : Method.values()) {
            EmpiricalNtk e = EmpiricalNtk.builder().method(method).threads(1).build();
            String m = assertThrows(IllegalArgumentException.class, () -> e.logits(mlp, x)).getMessage();
            assertTrue(m.startsWith("the eNTK is not finite (entry 0 is "), m);
        }
    }

    @Test
    void settingsAndNamesParse() {
        EmpiricalNtk e = EmpiricalNtk.builder().method(Method.JACOBIAN).threads(3).build();
        assertEquals(Method.JACOBIAN, e.method());
        assertEquals(3, e.threads());
        assertEquals(Method.STRUCTURED, EmpiricalNtk.defaults().method());
        assertEquals(Runtime.getRuntime().availableProcessors(), EmpiricalNtk.defaults().threads());
        assertEquals(Mode.LOGITS, Mode.parse(" Logits "));
        assertEquals(Mode.FULL, Mode.parse("full"));
        assertEquals(Method.JACOBIAN, Method.parse("JACOBIAN"));
        assertEquals(Method.STRUCTURED, Method.parse(" structured"));
        assertFalse(assertThrows(IllegalArgumentException.class, () -> Mode.parse("diag")).getMessage().isEmpty());
    }
}
