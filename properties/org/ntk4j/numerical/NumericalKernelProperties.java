package org.ntk4j.numerical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntk4j.Gens;
import org.ntk4j.Numerics;
import org.ejml.data.DMatrixRMaj;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.booleans;

/**
 * Structural properties of the numerical kernel map: symmetry in the two inputs (bit for bit),
 * Price's theorem dE[φ(u)φ(v)]/dk12 = E[φ′(u)φ′(v)] for continuous φ, and positive
 * semi-definiteness of small kernel matrices.
 */
class NumericalKernelProperties {

    static final List<Pointwise> CONTINUOUS = List.of(Builtin.TANH, Builtin.SIGMOID, Builtin.SOFTPLUS, Builtin.SILU,
            Builtin.ELU, Pointwise.compose(Builtin.RELU, Builtin.TANH), Pointwise.compose(Builtin.SIGMOID, Builtin.SIN));

    static Gen<Pointwise> activations() {
        return Generate.pick(CONTINUOUS);
    }

    /** log-uniform variance in [1e-4, 1e2]. */
    static Gen<Double> variances() {
        return doubles().between(-4.0, 2.0).map(e -> Math.pow(10, e));
    }

    @Test
    void swappingTheInputsGivesTheSameBits() {
        Gens.qt(40).forAll(activations(), variances(), variances(), doubles().between(-1.0, 1.0)).checkAssert((p, a, b, r) -> {
            NumericalKernel nk = NumericalKernel.prepare(p, new double[] {a, b}, NumericalKernel.Settings.defaults());
            double k12 = r * Math.sqrt(a * b);
            double[] ij = nk.pair(0, 1, k12);
            double[] ji = nk.pair(1, 0, k12);
            assertEquals(Double.doubleToLongBits(ij[0]), Double.doubleToLongBits(ji[0]), p.describe());
            assertEquals(Double.doubleToLongBits(ij[1]), Double.doubleToLongBits(ji[1]), p.describe());
        });
    }

    /**
     * Central difference in k12 with step h = 1e-4 sqrt(k11 k22): truncation h² |d³K/dk12³|/6 and
     * the kernel's own error 1e-10 M / h (M the largest diagonal) dominate; both are below
     * 1e-5 of the Ṫ scale for |ρ| ≤ 0.95, where the third derivative stays moderate.
     */
    @Test
    void priceTheoremTiesTheTwoKernels() {
        Gens.qt(30).forAll(activations(), doubles().between(-2.0, 1.0).map(e -> Math.pow(10, e)),
                doubles().between(-0.95, 0.95)).checkAssert((p, v, r) -> {
            double v2 = 1.3 * v;
            NumericalKernel nk = NumericalKernel.prepare(p, new double[] {v, v2},
                    new NumericalKernel.Settings(128, 1e-10, 1e-10, false));
            double s = Math.sqrt(v * v2);
            double h = 1e-4 * s;
            double d = (nk.pair(0, 1, r * s + h)[0] - nk.pair(0, 1, r * s - h)[0]) / (2 * h);
            double t = nk.pair(0, 1, r * s)[1];
            double scale = Math.max(nk.row(0).tdotEnergy(), nk.row(1).tdotEnergy());
            assertEquals(t, d, 1e-5 * scale + 1e-10 * Math.max(nk.row(0).nngpEnergy(), nk.row(1).nngpEnergy()) / h,
                    p.describe() + " v=" + v + " rho=" + r);
        });
    }

    /**
     * A kernel matrix of 8 inputs (random norms, random directions in 3-D, so some pairs are close
     * to collinear) is PSD up to its entries' error: λ_min ≥ −8 · 1e-9 · max diagonal.
     */
    @Test
    void smallKernelMatricesArePositiveSemiDefinite() {
        Gens.qt(15).forAll(activations(), Generate.longRange(1, Long.MAX_VALUE),
                booleans().all()).checkAssert((p, seed, equal) -> {
            java.util.Random rnd = new java.util.Random(seed);
            double[] raw = new double[32];
            for (int q = 0; q < raw.length; q++) {
                raw[q] = 2 * rnd.nextDouble() - 1;
            }
            int n = 8;
            double[][] x = new double[n][3];
            double[] var = new double[n];
            for (int i = 0; i < n; i++) {
                double norm = 0;
                for (int k = 0; k < 3; k++) {
                    x[i][k] = raw[4 * i + k];
                    norm += x[i][k] * x[i][k];
                }
                double target = equal ? 2.0 : Math.pow(10, 2 * raw[4 * i + 3]);
                for (int k = 0; k < 3; k++) {
                    x[i][k] *= Math.sqrt(target / Math.max(norm, 1e-300));
                }
                var[i] = 0;
                for (int k = 0; k < 3; k++) {
                    var[i] += x[i][k] * x[i][k];
                }
            }
            NumericalKernel nk = NumericalKernel.prepare(p, var, NumericalKernel.Settings.defaults());
            DMatrixRMaj kn = new DMatrixRMaj(n, n);
            DMatrixRMaj kt = new DMatrixRMaj(n, n);
            double maxN = 0;
            double maxT = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double c = 0;
                    for (int k = 0; k < 3; k++) {
                        c += x[i][k] * x[j][k];
                    }
                    double[] e = nk.pair(i, j, c);
                    kn.set(i, j, e[0]);
                    kt.set(i, j, e[1]);
                }
                maxN = Math.max(maxN, kn.get(i, i));
                maxT = Math.max(maxT, kt.get(i, i));
            }
            assertTrue(Numerics.lambdaMin(kn) >= -8e-9 * maxN, p.describe() + " NNGP λmin " + Numerics.lambdaMin(kn));
            assertTrue(Numerics.lambdaMin(kt) >= -8e-9 * maxT, p.describe() + " Ṫ λmin " + Numerics.lambdaMin(kt));
        });
    }
}
