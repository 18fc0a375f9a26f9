package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** A kernel whose variance falls below the normal range is refused in one line, not returned as zeros. */
class UnderflowTest {

    @Test
    void aRectifiedMonomialOfATinyInputUnderflowsWithAClearError() {
        // k = 4e-12 at the input; max(x, 0)^3 takes it to ~k^27 by depth 3, far below 2.2e-308
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{-2e-6}, {-2e-6}});
        Network net = Stax.mlp(3, Stax.rectifiedMonomial(3), 0.5, 0.0);
        String m = assertThrows(IllegalArgumentException.class, () -> net.kernels(x)).getMessage();
        assertTrue(m.contains("x1 row 0: the kernel underflows after layer") && m.contains("rectified-monomial(3)")
                && !m.contains("\n"), m);
    }

    @Test
    void anExactlyZeroNetworkIsNotAnUnderflow() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        Kernels k = Stax.serial(Stax.dense(1, 0), Stax.erf(), Stax.dense(0, 0)).kernels(x);
        assertEquals(0.0, k.nngp().get(0, 1), 0.0);
        Kernels zero = Stax.mlp(2, Stax.erf(), 1, 0).kernels(new DMatrixRMaj(2, 2));
        assertEquals(0.0, zero.nngp().get(0, 0), 0.0, "a zero input under erf without bias stays exactly 0");
    }
}
