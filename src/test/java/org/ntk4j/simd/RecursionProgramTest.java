package org.ntk4j.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A program's activation ops each follow a dense op, as the fused vector passes assume. */
class RecursionProgramTest {

    @Test
    void anActivationWithoutADenseOpBeforeItIsRefused() {
        String first = assertThrows(IllegalArgumentException.class, () -> new RecursionProgram.Builder().erf().build()).getMessage();
        assertEquals("op 0 (erf) needs a dense op directly before it", first);
        String twice = assertThrows(IllegalArgumentException.class,
                () -> new RecursionProgram.Builder().dense(1, 0).abRelu(0, 1).step().build()).getMessage();
        assertEquals("op 2 (step) needs a dense op directly before it", twice);
        String linear = assertThrows(IllegalArgumentException.class,
                () -> new RecursionProgram.Builder().dense(1, 0).erf().abRelu(2, 2).build()).getMessage();
        assertEquals("op 2 (linear) needs a dense op directly before it", linear);
    }

    @Test
    void denseActivationPairsAndDenseChainsAreAccepted() {
        RecursionProgram pr = new RecursionProgram.Builder().dense(2, 0.1).dense(1, 0).abRelu(0, 1).dense(1, 0).erf()
                .dense(1, 0).step().dense(1, 0).abRelu(3, 3).dense(1, 0).build();
        assertEquals(10, pr.length());
        assertEquals(RecursionProgram.LINEAR, pr.op(8));
    }
}
