package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Network descriptions and the errors of the public door. */
class NetworkTest {

    @Test
    void twoActivationsInARowAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stax.serial(Stax.dense(1, 0), Stax.relu(), Stax.erf()));
        assertTrue(e.getMessage().contains("two activations in a row"), e.getMessage());
    }

    @Test
    void anActivationOnRawInputsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stax.serial(Stax.relu(), Stax.dense(1, 0)));
        assertTrue(e.getMessage().contains("Gaussian"), e.getMessage());
    }

    @Test
    void negativeOrNanVariancesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Stax.dense(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> Stax.dense(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Stax.dense(Double.POSITIVE_INFINITY, 0));
        assertThrows(IllegalArgumentException.class, () -> Stax.mlp(-1, Stax.relu(), 1, 0));
    }

    @Test
    void mlpHasDepthPlusOneDenseLayers() {
        Network net = Stax.mlp(3, Stax.relu(), 1.5, 0.05);
        assertEquals(7, net.layers().size());
        assertEquals(3, net.hiddenLayers());
        assertEquals("dense(1.5, 0.05),relu,dense(1.5, 0.05),relu,dense(1.5, 0.05),relu,dense(1.5, 0.05)", net.toString());
    }

    @Test
    void reluIsABReluZeroOne() {
        assertEquals(Stax.abRelu(0, 1), Stax.relu());
    }

    @Test
    void zeroInputWithoutBiasIsRejectedForArcCosineActivations() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 2}, {0, 0}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stax.mlp(2, Stax.relu(), 1, 0).kernels(x));
        assertTrue(e.getMessage().contains("x1 row 1") && e.getMessage().contains("angle"), e.getMessage());
        // with a bias, or with erf, a zero input is fine
        assertTrue(Double.isFinite(Stax.mlp(2, Stax.relu(), 1, 0.1).kernels(x).ntk().get(1, 1)));
        assertTrue(Double.isFinite(Stax.mlp(2, Stax.erf(), 1, 0).kernels(x).ntk().get(1, 1)));
    }

    @Test
    void nonFiniteInputsAndMismatchedShapesAreRejected() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 2}, {3, Double.NaN}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stax.mlp(1, Stax.relu(), 1, 0).kernels(x));
        assertTrue(e.getMessage().contains("row 1, column 1"), e.getMessage());
        DMatrixRMaj a = new DMatrixRMaj(2, 3);
        DMatrixRMaj b = new DMatrixRMaj(2, 4);
        e = assertThrows(IllegalArgumentException.class, () -> Stax.mlp(1, Stax.erf(), 1, 0).kernels(a, b));
        assertTrue(e.getMessage().contains("different dimensions"), e.getMessage());
    }

    @Test
    void kernelsTooLargeForTheHeapAreRefusedBeforeAllocating() {
        DMatrixRMaj x = new DMatrixRMaj(50_000, 1);
        java.util.Arrays.fill(x.data, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stax.mlp(1, Stax.erf(), 1, 0).kernels(x));
        assertTrue(e.getMessage().contains("more than a Java array holds") || e.getMessage().contains("heap"),
                e.getMessage());
    }
}
