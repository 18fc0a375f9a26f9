package org.ntk4j.simd;

import org.ntk4j.math.ScalarMath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.Numerics.ulps;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import org.junit.jupiter.api.Test;
import org.ntk4j.Coverage;
import org.ntk4j.Gens;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The vector transcendental functions against their scalar twins, element by element, through
 * the array entry points on lengths 0 .. 4·lanes + 3. Bounds in ulps of the scalar result: both
 * sides are documented (and tested elsewhere) to lie within their own error of the true value,
 * so they may differ by the sum: vector acos/asin/exp ≤ 2 ulp + StrictMath ≤ 1 ulp = 3 ulp;
 * vector erf and erf' ≤ 2 ulp + ntk4j's scalar ≤ 2 ulp = 4 ulp.
 */
class VectorMathProperties {

    /** Values in [lo, hi] mixed with the given special points (boundaries of the piecewise schemes). */
    static Gen<Double> values(double lo, double hi, double... specials) {
        Gen<Double> uniform = doubles().between(lo, hi);
        List<Double> sp = new java.util.ArrayList<>();
        for (double s : specials) {
            sp.add(s);
            sp.add(Math.nextUp(s));
            sp.add(Math.nextDown(s));
        }
        sp.removeIf(v -> v < lo || v > hi);
        return uniform.mix(Generate.pick(sp), 25);
    }

    record Case(double[] in) {
        @Override
        public String toString() {
            return in.length + " values " + java.util.Arrays.toString(in);
        }
    }

    static Gen<Case> arrays(Gen<Double> values) {
        return Gens.lengths().flatMap(n -> org.quicktheories.generators.SourceDSL.lists().of(values).ofSize(n)
                .map(l -> new Case(l.stream().mapToDouble(Double::doubleValue).toArray())));
    }

    interface ArrayOp {
        void apply(double[] in, double[] out, int n);
    }

    static void check(String name, Gen<Double> values, ArrayOp vector, DoubleUnaryOperator scalar, double maxUlps) {
        Coverage cov = new Coverage(name + " n");
        Gens.qt(250).forAll(arrays(values)).checkAssert(c -> {
            int n = c.in().length;
            cov.length(n);
            double[] out = new double[n + 1];
            out[n] = 42;
            vector.apply(c.in().clone(), out, n);
            for (int i = 0; i < n; i++) {
                double s = scalar.applyAsDouble(c.in()[i]);
                assertTrue(ulps(out[i], s) <= maxUlps, name + "(" + c.in()[i] + "): vector " + out[i] + ", scalar " + s
                        + ", " + ulps(out[i], s) + " ulp");
            }
            assertEquals(42.0, out[n], name + " wrote past n");
        });
        cov.assertEveryTail();
    }

    @Test
    void vectorAcosIsWithinThreeUlpOfStrictMath() {
        check("acos", values(-1, 1, -1, -0.5, 0, 0.5, 1), VectorMath::acos, ScalarMath::acos, 3);
    }

    @Test
    void vectorAsinIsWithinThreeUlpOfStrictMath() {
        check("asin", values(-1, 1, -1, -0.5, 0, 0.5, 1), VectorMath::asin, ScalarMath::asin, 3);
    }

    /** Over the whole finite range: subnormal results (below −708.4) and overflow (above 709.78). */
    @Test
    void vectorExpIsWithinThreeUlpOfStrictMath() {
        check("exp", values(-746, 710, -745.1, -708.4, -1, 0, 1, 709.78).mix(doubles().between(-5, 5), 40),
                VectorMath::exp, ScalarMath::exp, 3);
    }

    /** Across every piece of fdlibm's scheme: 0.84375, 1.25, 1/0.35 and 6. */
    @Test
    void vectorErfIsWithinFourUlpOfTheScalarErf() {
        check("erf", values(-7, 7, -6, -1 / 0.35, -1.25, -0.84375, 0, 0.84375, 1.25, 1 / 0.35, 6)
                        .mix(doubles().between(-1e-300, 1e-300), 5),
                VectorMath::erf, ScalarMath::erf, 4);
    }

    /** erf'(x) = 2/√π e^(−x²), into the subnormal range near |x| = 27. */
    @Test
    void vectorErfDerivativeIsWithinFourUlpOfTheScalarTwin() {
        check("erf'", values(-30, 30, -27.3, -26.6, 0, 26.6, 27.3, 40).mix(doubles().between(-3, 3), 40),
                VectorMathProperties::erfDerivative, ScalarMath::erfDerivative, 4);
    }

    /** erf and arcsin are odd to the bit, and every lane is independent of its neighbours. */
    @Test
    void vectorErfAndAsinAreOddBitForBit() {
        Gens.qt(200).forAll(arrays(values(-7, 7, -1, -0.5, 0, 0.5, 1, 6))).checkAssert(c -> {
            int n = c.in().length;
            double[] neg = new double[n];
            for (int i = 0; i < n; i++) {
                neg[i] = -c.in()[i];
            }
            double[] a = new double[n];
            double[] b = new double[n];
            VectorMath.erf(c.in(), a, n);
            VectorMath.erf(neg, b, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(-a[i]), Double.doubleToRawLongBits(b[i]), "erf(" + c.in()[i] + ")");
            }
            double[] clamped = c.in().clone();
            for (int i = 0; i < n; i++) {
                clamped[i] = Math.max(-1, Math.min(1, clamped[i]));
                neg[i] = -clamped[i];
            }
            VectorMath.asin(clamped, a, n);
            VectorMath.asin(neg, b, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(-a[i]), Double.doubleToRawLongBits(b[i]), "asin(" + clamped[i] + ")");
            }
        });
    }

    /** The exact points documented for acos/asin: acos(1) = +0, acos(−1) = π, acos(0) = π/2, asin(±1) = ±π/2. */
    @Test
    void vectorAcosAndAsinHitTheirExactPoints() {
        Gens.qt(50).forAll(Gens.lengths().assuming(n -> n > 0)).checkAssert(n -> {
            double[][] cases = {{1, 0}, {-1, Math.PI}, {0, Math.PI / 2}};
            for (double[] cs : cases) {
                double[] in = new double[n];
                java.util.Arrays.fill(in, cs[0]);
                double[] out = new double[n];
                VectorMath.acos(in, out, n);
                for (double v : out) {
                    assertEquals(Double.doubleToRawLongBits(cs[1]), Double.doubleToRawLongBits(v), "acos(" + cs[0] + ")");
                }
            }
            double[] in = new double[n];
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                in[i] = i % 2 == 0 ? 1 : -1;
            }
            VectorMath.asin(in, out, n);
            for (int i = 0; i < n; i++) {
                assertEquals(in[i] * (Math.PI / 2), out[i], 0.0, "asin(" + in[i] + ")");
            }
        });
    }

    /** NaN propagates through erf and erf', vector and scalar (no silent number from a NaN). */
    @Test
    void erfOfNaNIsNaN() {
        Gens.qt(30).forAll(Gens.lengths().assuming(n -> n > 0)).checkAssert(n -> {
            double[] in = new double[n];
            java.util.Arrays.fill(in, Double.NaN);
            double[] out = new double[n];
            VectorMath.erf(in, out, n);
            for (double v : out) {
                assertTrue(Double.isNaN(v), "vector erf(NaN) = " + v);
            }
            assertTrue(Double.isNaN(ScalarMath.erf(Double.NaN)), "scalar erf(NaN)");
        });
    }

    /** n beyond either array is refused before any element is touched. */
    @Test
    void arrayEntryPointsRefuseALengthBeyondTheirArrays() {
        Gens.qt(50).forAll(Gens.lengths(), Gens.between(1, 9)).checkAssert((len, over) -> {
            double[] in = new double[len];
            double[] out = new double[len];
            for (ArrayOp op : List.<ArrayOp>of(VectorMath::acos, VectorMath::asin, VectorMath::exp, VectorMath::erf)) {
                IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> op.apply(in, out, len + over));
                assertTrue(e.getMessage().contains("n = " + (len + over)), e.getMessage());
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> op.apply(in, out, -over));
            }
        });
    }

    /** The array loop for erf', written like VectorMath's entry points (VectorMath has none for it). */
    static void erfDerivative(double[] in, double[] out, int n) {
        var s = VectorMath.SPECIES;
        for (int i = 0; i < n; i += s.length()) {
            VectorMask<Double> m = s.indexInRange(i, n);
            VectorMath.erfDerivative(DoubleVector.fromArray(s, in, i, m)).intoArray(out, i, m);
        }
    }
}
