package org.ntk4j.finite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;

/** The door checks of {@link Mlp#init} and {@link Mlp#of}, and what an Mlp reports about itself. */
class MlpTest {

    private static final Network NET = Stax.mlp(2, Stax.relu(), 1.2, 0.1);

    /** Gaussian parameters of the given widths, as {@link Mlp#of} takes them. */
    private static List<DMatrixRMaj> weights(int... widths) {
        List<DMatrixRMaj> w = new ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++) {
            w.add(FiniteFixtures.gaussian(widths[l + 1], widths[l], 10 + l));
        }
        return w;
    }

    private static List<double[]> biases(int... widths) {
        List<double[]> b = new ArrayList<>();
        for (int l = 0; l + 1 < widths.length; l++) {
            b.add(FiniteFixtures.gaussian(1, widths[l + 1], 20 + l).data);
        }
        return b;
    }

    private static String refused(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void keepsTheTransposeOfTheHiddenWeightsOnly() {
        Mlp mlp = Mlp.init(NET, new Mlp.Shape(5, 7, 3), 1);   // W_0: 7 x 5, W_1: 7 x 7, W_2: 3 x 7
        double[] w1 = mlp.w(1);
        double[] w1t = mlp.wT(1);
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                assertEquals(w1[i * 7 + j], w1t[j * 7 + i], 0.0);
            }
        }
        String first = assertThrows(IllegalStateException.class, () -> mlp.wT(0)).getMessage();
        assertEquals("W_0ᵀ is not kept: only layers 1 .. 1 have one", first);
        assertThrows(IllegalStateException.class, () -> mlp.wT(2));
    }

    @Test
    void reportsItsNetworkWidthsAndParameterCount() {
        Mlp mlp = Mlp.init(NET, new Mlp.Shape(5, 7, 3), 1);
        assertSame(NET, mlp.network());
        // Σ_l n_{l+1} (n_l + 1) for widths 5, 7, 7, 3
        assertEquals(7 * (5 + 1) + 7 * (7 + 1) + 3 * (7 + 1), mlp.parameterCount());
        long fromShapes = 0;
        for (int l = 0; l <= mlp.depth(); l++) {
            fromShapes += mlp.weight(l).getNumElements() + mlp.bias(l).length;
        }
        assertEquals(fromShapes, mlp.parameterCount());
        assertEquals("Mlp[" + NET + ", widths 5-7-7-3]", mlp.toString());
    }

    @Test
    void eachHiddenLayerKeepsItsActivation() {
        Mlp ab = Mlp.init(Stax.mlp(2, Stax.abRelu(-0.3, 1.2), 1, 0), new Mlp.Shape(2, 3, 1), 1);
        for (int l = 1; l <= 2; l++) {
            assertEquals(Stax.abRelu(-0.3, 1.2), ab.phi(l));
        }
        Mlp mixed = Mlp.of(Stax.serial(Stax.dense(1, 0), Stax.erf(), Stax.dense(1, 0), Stax.step(), Stax.dense(1, 0)),
                List.of(new DMatrixRMaj(3, 2), new DMatrixRMaj(3, 3), new DMatrixRMaj(1, 3)),
                List.of(new double[3], new double[3], new double[1]));
        assertEquals(Stax.erf(), mixed.phi(1));
        assertEquals(Stax.step(), mixed.phi(2));
    }

    @Test
    void initRefusesEmptyLayersAndWeightsBeyondAJavaArray() {
        assertEquals("input dimension must be >= 1, got 0", refused(() -> Mlp.init(NET, new Mlp.Shape(0, 4, 2), 1)));
        assertEquals("width must be >= 1, got 0", refused(() -> Mlp.init(NET, new Mlp.Shape(3, 0, 2), 1)));
        assertEquals("outputs must be >= 1, got 0", refused(() -> Mlp.init(NET, new Mlp.Shape(3, 4, 0), 1)));
        // W0 is 60000 x 3 and fits; W1 would be 60000² = 3.6e9 entries, refused before allocating
        String m = refused(() -> Mlp.init(NET, new Mlp.Shape(3, 60000, 1), 1));
        assertTrue(m.startsWith("W1 would be 60000 x 60000,"), m);
    }

    @Test
    void ofNamesTheMissingOrMisshapenParameter() {
        List<DMatrixRMaj> w = weights(3, 4, 4, 2);
        List<double[]> b = biases(3, 4, 4, 2);
        List<DMatrixRMaj> noW = new ArrayList<>(w);
        noW.set(0, null);
        assertEquals("W0 is missing", refused(() -> Mlp.of(NET, noW, b)));
        List<double[]> noB = new ArrayList<>(b);
        noB.set(1, null);
        assertEquals("b1 is missing", refused(() -> Mlp.of(NET, w, noB)));
        List<DMatrixRMaj> mismatched = new ArrayList<>(w);
        List<double[]> mismatchedB = new ArrayList<>(b);
        mismatched.set(0, FiniteFixtures.gaussian(5, 3, 1));   // 5 rows, but W1 takes 4 columns
        mismatchedB.set(0, new double[5]);
        String m = refused(() -> Mlp.of(NET, mismatched, mismatchedB));
        assertTrue(m.contains("W1 is 4 x 4 but W0 has 5 rows"), m);
    }

    @Test
    void ofNamesTheFirstNonFiniteEntryByRowAndColumn() {
        List<DMatrixRMaj> w = weights(4, 3, 3, 2);
        w.get(0).set(1, 2, Double.NaN);
        assertTrue(refused(() -> Mlp.of(NET, w, biases(4, 3, 3, 2))).startsWith("W0 entry (1, 2) is NaN"));
        List<double[]> b = biases(4, 3, 3, 2);
        b.get(1)[2] = Double.NEGATIVE_INFINITY;
        String m = refused(() -> Mlp.of(NET, weights(4, 3, 3, 2), b));
        assertTrue(m.startsWith("b1 entry (0, 2) is -Infinity"), m);
    }

    @Test
    void applyChecksItsInputsAtTheDoor() {
        Mlp mlp = Mlp.init(NET, new Mlp.Shape(3, 4, 2), 1);
        String m = refused(() -> mlp.apply(new DMatrixRMaj(2, 4)));
        assertTrue(m.contains("x is 2 x 4") && m.contains("3 inputs"), m);
        DMatrixRMaj nan = new DMatrixRMaj(2, 3);
        nan.set(1, 0, Double.NaN);
        m = refused(() -> mlp.apply(nan));
        assertTrue(m.contains("x row 1, column 0 is NaN"), m);
    }

    @Test
    void inputsWithALongerBackingArrayAreReadAsTheirRowsOnly() {
        // a matrix reshaped smaller keeps its array: only the first rows × cols entries are its data
        Mlp mlp = Mlp.init(NET, new Mlp.Shape(3, 4, 2), 1);
        DMatrixRMaj big = FiniteFixtures.gaussian(5, 3, 4);
        DMatrixRMaj compact = new DMatrixRMaj(2, 3, true, Arrays.copyOf(big.data, 6));
        big.reshape(2, 3, true);
        assertTrue(big.data.length > 6, "reshape kept the long array");
        assertArrayEquals(mlp.apply(compact).data, mlp.apply(big).data, 0.0);
        EmpiricalNtk e = EmpiricalNtk.builder().threads(1).build();
        assertArrayEquals(e.full(mlp, compact).data(), e.full(mlp, big).data(), 0.0);
    }
}
