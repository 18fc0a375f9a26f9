package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.Gens;
import org.ntk4j.Gens.Matrix;
import org.ntk4j.simd.Simd;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Bad input is refused at the public door with an {@link IllegalArgumentException} whose one-line
 * message names the problem (and where it is), never answered with a result.
 */
class BadInputProperties {

    static final Gen<Double> NON_FINITE = Generate.pick(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));

    static void oneLine(IllegalArgumentException e, String... fragments) {
        String m = e.getMessage();
        assertTrue(m != null && !m.isBlank() && !m.contains("\n"), "message not one line: " + m);
        for (String f : fragments) {
            assertTrue(m.contains(f), "message '" + m + "' does not mention '" + f + "'");
        }
    }

    /** A matrix with one entry (at a generated position) replaced by NaN, +Inf or −Inf. */
    record Poisoned(Matrix x, int at, double bad) {
        DMatrixRMaj toEjml() {
            DMatrixRMaj m = x.toEjml();
            m.data[at] = bad;
            return m;
        }
    }

    static Gen<Poisoned> poisoned(int nMax, int dMax) {
        return Gens.inputs(nMax, dMax).flatMap(x -> Gens.between(0, x.rows() * x.cols() - 1)
                .zip(NON_FINITE, (at, bad) -> new Poisoned(x, at, bad)));
    }

    @Test
    void aNonFiniteEntryAnywhereIsRejectedNamingItsRowAndColumn() {
        Gens.qt(200).forAll(Gens.networks(4), poisoned(12, 9), Gens.inputs(5, 9), Generate.booleans())
                .checkAssert((mlp, p, other, inX2) -> {
                    DMatrixRMaj bad = p.toEjml();
                    int d = p.x().cols();
                    DMatrixRMaj good = new DMatrixRMaj(other.rows(), d);
                    java.util.Arrays.fill(good.data, 0.5);
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
                        if (inX2) {
                            mlp.network().kernels(good, bad);
                        } else {
                            mlp.network().kernels(bad, good);
                        }
                    });
                    oneLine(e, inX2 ? "x2" : "x1", "row " + p.at() / d, "column " + p.at() % d, "finite");
                    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                            () -> Diagonals.compute(mlp.network(), bad, Simd.Impl.AUTO, "x"));
                    oneLine(e2, "row " + p.at() / d, "finite");
                });
    }

    @Test
    void mismatchedInputDimensionsAreRejected() {
        Gens.qt(150).forAll(Gens.networks(3), Gens.inputs(6, 9), Gens.inputs(6, 9).assuming(m -> m.cols() > 0))
                .assuming((mlp, a, b) -> a.cols() != b.cols())
                .checkAssert((mlp, a, b) -> {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> mlp.network().kernels(a.toEjml(), b.toEjml()));
                    oneLine(e, "different dimensions", a.rows() + " x " + a.cols(), b.rows() + " x " + b.cols());
                    Diagonals d1 = Diagonals.compute(mlp.network(), a.toEjml(), Simd.Impl.AUTO, "x1");
                    Diagonals d2 = Diagonals.compute(mlp.network(), b.toEjml(), Simd.Impl.AUTO, "x2");
                    assertThrows(IllegalArgumentException.class,
                            () -> KernelTiles.tile(mlp.network(), a.toEjml(), b.toEjml(), d1, d2, Simd.Impl.AUTO));
                });
    }

    /** Diagonals of other rows than the tile's blocks are refused, not silently misindexed. */
    @Test
    void tilesWithDiagonalsOfOtherRowsAreRejected() {
        Gens.qt(100).forAll(Gens.networks(3), Gens.inputPairs(6, 5), Gens.between(1, 3))
                .checkAssert((mlp, p, extra) -> {
                    DMatrixRMaj x1 = p.x1().toEjml();
                    DMatrixRMaj x2 = p.x2().toEjml();
                    Diagonals d1 = Diagonals.compute(mlp.network(), x1, Simd.Impl.AUTO, "x1");
                    DMatrixRMaj bigger = new DMatrixRMaj(x2.numRows + extra, x2.numCols);
                    java.util.Arrays.fill(bigger.data, 1.0);
                    Diagonals wrong = Diagonals.compute(mlp.network(), bigger, Simd.Impl.AUTO, "x2");
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> KernelTiles.tile(mlp.network(), x1, x2, d1, wrong, Simd.Impl.AUTO));
                    oneLine(e, "diagonals do not match");
                    oneLine(assertThrows(IllegalArgumentException.class, () -> d1.slice(0, x1.numRows + extra)),
                            "slice [0, " + (x1.numRows + extra) + ")", "0.." + x1.numRows);
                    oneLine(assertThrows(IllegalArgumentException.class, () -> d1.slice(-extra, 1)),
                            "slice [" + -extra + ", " + (1 - extra) + ")");
                    oneLine(assertThrows(IllegalArgumentException.class, () -> d1.slice(1, -1)), "slice");
                    int i0 = extra % x1.numRows;
                    Diagonals part = d1.slice(i0, x1.numRows - i0);
                    assertTrue(java.util.Arrays.equals(java.util.Arrays.copyOfRange(d1.nngp(), i0, x1.numRows), part.nngp()), "slice NNGP");
                    assertTrue(java.util.Arrays.equals(java.util.Arrays.copyOfRange(d1.ntk(), i0, x1.numRows), part.ntk()), "slice NTK");
                    assertTrue(d1.slice(x1.numRows, 0).size() == 0, "an empty slice at the end is allowed");
                    assertTrue(d1.slice(0, x1.numRows).size() == x1.numRows, "the whole range is a slice");
                });
    }

    /** Negative, NaN or infinite standard deviations and slopes never build a layer. */
    @Test
    void negativeOrNonFiniteHyperParametersAreRejected() {
        Gen<Double> bad = doubles().between(-1e6, -1e-300).mix(NON_FINITE, 40).assuming(v -> !(v >= 0) || Double.isInfinite(v));
        Gens.qt(200).forAll(bad, Gens.wStd(), Generate.booleans()).checkAssert((v, ok, weights) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Stax.mlp(2, Stax.relu(), weights ? v : ok, weights ? ok : v));
            oneLine(e, weights ? "w-std" : "b-std", String.valueOf(v));
            if (!(v < 0) || Double.isInfinite(v)) {
                IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                        () -> Stax.abRelu(weights ? v : ok, weights ? ok : v));
                oneLine(s, "slopes must be finite");
            }
        });
    }

    /**
     * An arc-cosine activation (ReLU family with a ≠ b, step) of a zero variance has no angle: a
     * zero input row with b-std = 0 is refused, naming the row; with b-std &gt; 0 the variance
     * is b² and the kernels are finite.
     */
    @Test
    void aZeroInputUnderAnArcCosineLayerWithoutBiasIsRejected() {
        Gen<Activation> angled = Gens.activations().assuming(Activation::needsAngle);
        Gens.qt(150).forAll(Gens.between(1, 5), angled, Gens.wStd(), Gens.inputs(6, 7)).checkAssert((l, phi, w, x) -> {
            int depth = Math.min(l, Gens.tameDepth(phi));   // other rows must not overflow first
            DMatrixRMaj m = x.toEjml();
            int row = x.rows() / 2;
            for (int k = 0; k < x.cols(); k++) {
                m.set(row, k, 0.0);
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Stax.mlp(depth, phi, w, 0.0).kernels(m));
            oneLine(e, "x1 row " + row, "angle is undefined", "layer 2 (" + phi.describe() + ")", "a zero input vector");
            Kernels k = Stax.mlp(depth, phi, w, 0.1).kernels(m);
            for (double v : k.ntk().data) {
                assertTrue(Double.isFinite(v), "with bias the kernels are finite, got " + v);
            }
        });
    }

    /** Structure: an activation must follow a dense layer; an empty network or negative depth is refused. */
    @Test
    void invalidLayerSequencesAreRejected() {
        Gens.qt(100).forAll(Gens.activations(), Gens.activations(), Gens.between(-50, -1)).checkAssert((a, b, depth) -> {
            oneLine(assertThrows(IllegalArgumentException.class, () -> Stax.serial(a, Stax.dense(1, 0))),
                    "layer 1", "put a dense layer before it");
            oneLine(assertThrows(IllegalArgumentException.class, () -> Stax.serial(Stax.dense(1, 0), a, b)),
                    "layer 3", "two activations in a row");
            oneLine(assertThrows(IllegalArgumentException.class, () -> Stax.serial(Stax.dense(1, 0), a)),
                    "last layer must be dense", a.describe());
            oneLine(assertThrows(IllegalArgumentException.class, () -> Stax.serial()), "at least one layer");
            oneLine(assertThrows(IllegalArgumentException.class, () -> Stax.mlp(depth, a, 1, 0)), "depth", String.valueOf(depth));
        });
    }

    /** Names and settings from the command line: unknown activation or implementation, threads or tiles &lt; 1. */
    @Test
    void unknownNamesAndNonPositiveEngineSettingsAreRejected() {
        Gen<String> junk = org.quicktheories.generators.SourceDSL.strings().basicLatinAlphabet().ofLengthBetween(0, 8)
                .assuming(s -> org.ntk4j.kernel.Catalog.find(s).isEmpty()
                        && !List.of("auto", "scalar", "vector").contains(s.trim().toLowerCase(java.util.Locale.ROOT)));
        Gens.qt(150).forAll(junk, Gens.between(-1000, 0)).checkAssert((name, n) -> {
            oneLine(assertThrows(IllegalArgumentException.class, () -> Stax.activation(name)), "unknown activation");
            oneLine(assertThrows(IllegalArgumentException.class, () -> Simd.Impl.parse(name)), "unknown implementation");
            oneLine(assertThrows(IllegalArgumentException.class, () -> KernelEngine.builder().threads(n)), "threads", String.valueOf(n));
            oneLine(assertThrows(IllegalArgumentException.class, () -> KernelEngine.builder().tileSize(n)), "tile size", String.valueOf(n));
        });
    }

    /**
     * Weights too large for the depth: a one-row ReLU network without bias has
     * K_l(x, x) = w^(2l+2) 2^-l |x|²/d after dense layer l (layer 2l + 1). The vector kernels form
     * sqrt(k11 k22) as sqrt(k11) sqrt(k22), so a ReLU layer (which halves K) never overflows first:
     * the first dense layer whose K passes Double.MAX_VALUE (found with logarithms, skipping cases
     * within 3 decades of the threshold, which also covers Θ ≤ (L + 1) K) is the layer the refusal
     * must name; never a NaN or an infinite kernel.
     */
    @Test
    void overflowingKernelsAreRejectedNamingTheLayer() {
        Gens.qt(150).forAll(doubles().between(5, 160), Gens.between(1, 12), Gens.inputs(1, 6), Gens.between(1, 4)).checkAssert((log10w, depth, row, copies) -> {
            // the row repeated: every copy overflows at the same layer, and the refusal names copy 0
            double[] v = new double[copies * row.cols()];
            for (int c = 0; c < copies; c++) {
                System.arraycopy(row.data(), 0, v, c * row.cols(), row.cols());
            }
            Matrix x = new Matrix(copies, row.cols(), v);
            double w = Math.pow(10, log10w);
            double log10q = Math.log10(Gens.dot(x, 0, x, 0) / x.cols());
            double max = Math.log10(Double.MAX_VALUE);
            int first = -1;
            for (int layer = 1; layer <= 2 * depth + 1 && first < 0; layer++) {
                int l = (layer - 1) / 2;
                double log10k = (2 * l + 2) * log10w - l * Math.log10(2) + log10q;
                double reach = layer % 2 == 1 ? log10k : Double.NEGATIVE_INFINITY;
                if (Math.abs(reach - max) < 3) {
                    return; // too close to call from logarithms
                }
                if (reach > max) {
                    first = layer;
                }
            }
            Network net = Stax.mlp(depth, Stax.relu(), w, 0);
            KernelEngine vector = KernelEngine.builder().impl(Simd.Impl.VECTOR).build();
            if (first < 0) {
                for (double e : vector.compute(net, x.toEjml()).ntk().data) {
                    assertTrue(Double.isFinite(e), "finite kernel expected, got " + e);
                }
                return;
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> vector.compute(net, x.toEjml()));
            oneLine(e, "x1 row 0", "overflows", "after layer " + first + " (dense(" + w);
        });
    }

    /** Inputs without features (d = 0) are refused rather than divided by zero. */
    @Test
    void inputsWithoutFeaturesAreRejected() {
        Gens.qt(50).forAll(Gens.networks(3), Gens.between(0, 9)).checkAssert((mlp, n) -> {
            oneLine(assertThrows(IllegalArgumentException.class, () -> mlp.network().kernels(new DMatrixRMaj(n, 0))),
                    "no columns");
        });
    }
}
