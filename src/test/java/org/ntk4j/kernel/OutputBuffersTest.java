package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Kernels written into caller-owned buffers: the same bits as fresh matrices, and shapes checked. */
class OutputBuffersTest {

    private final Network net = Stax.mlp(2, Stax.relu(), 1.5, 0.05);
    private final KernelEngine engine = KernelEngine.builder().threads(2).tileSize(8).build();

    @Test
    void buffersReceiveTheBitsOfAFreshComputationWhateverTheyHeldBefore() {
        DMatrixRMaj x1 = TestInputs.gaussian(21, 6, 3);
        DMatrixRMaj x2 = TestInputs.gaussian(37, 6, 4);
        Kernels fresh = engine.compute(net, x1, x2);
        DMatrixRMaj k = new DMatrixRMaj(21, 37);
        DMatrixRMaj t = new DMatrixRMaj(21, 37);
        Arrays.fill(k.data, Double.NaN); // stale contents must be overwritten everywhere
        Arrays.fill(t.data, 1e300);
        Kernels into = engine.compute(net, x1, x2, k, t);
        assertSame(k, into.nngp());
        assertSame(t, into.ntk());
        assertArrayEquals(fresh.nngp().data, k.data);
        assertArrayEquals(fresh.ntk().data, t.data);
        // symmetric path too, including the mirrored lower triangle
        Kernels sym = engine.compute(net, x2);
        DMatrixRMaj ks = new DMatrixRMaj(37, 37);
        DMatrixRMaj ts = new DMatrixRMaj(37, 37);
        Arrays.fill(ks.data, Double.NaN);
        engine.compute(net, x2, ks, ts);
        assertArrayEquals(sym.nngp().data, ks.data);
        assertArrayEquals(sym.ntk().data, ts.data);
    }

    @Test
    void wrongShapesAndAliasedOutputsAreRefused() {
        DMatrixRMaj x1 = TestInputs.gaussian(5, 3, 1);
        DMatrixRMaj x2 = TestInputs.gaussian(7, 3, 2);
        DMatrixRMaj good = new DMatrixRMaj(5, 7);
        String m = assertThrows(IllegalArgumentException.class,
                () -> engine.compute(net, x1, x2, new DMatrixRMaj(7, 5), null)).getMessage();
        assertTrue(m.contains("NNGP output is 7 x 5") && m.contains("5 x 7"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> engine.compute(net, x1, x2, good, new DMatrixRMaj(5, 6))).getMessage();
        assertTrue(m.contains("NTK output"), m);
        m = assertThrows(IllegalArgumentException.class, () -> engine.compute(net, x1, x2, good, good)).getMessage();
        assertTrue(m.contains("different"), m);
    }
}
