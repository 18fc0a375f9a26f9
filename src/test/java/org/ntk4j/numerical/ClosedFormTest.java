package org.ntk4j.numerical;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The numerical path against kernels known in closed form, on every route: arc-cosine kernels of
 * order 0 and 1 (Cho &amp; Saul 2009) for step and relu, (2/π) arcsin ρ for sign, Williams' arcsine
 * kernel for erf (1997), and for sin and exp the Gaussian moment generating function:
 * E[sin u sin v] = e^{−(k11+k22)/2} sinh k12, E[cos u cos v] = e^{−(k11+k22)/2} cosh k12,
 * E[e^u e^v] = e^{(k11+k22)/2 + k12}.
 *
 * <p>Tolerance: 1e-10 of the largest diagonal for the NNGP, the per-layer tolerance the routes are
 * built to (the series' tail bound, the table's Chebyshev tail, quadrature at rounding level).
 * Ṫ gets 1e-10 too, plus, for kinked φ, the arccos conditioning of ρ (ρ carries ≈ 2u, so θ, and
 * the step kernel (π − θ)/2π with it, move by up to sqrt(4u)/2π ≈ 2.4e-9 at ρ → ±1).
 */
class ClosedFormTest {

    static final double[] VARIANCES = {1e-4, 0.3, 1, 5.8, 100, 1e4};
    static final double[] RHOS = {-1, -1 + 1e-12, -0.9, -0.3, 0, 0.5, 0.95, 0.999, 1 - 1e-12, 1};

    interface Kernel {
        double at(double k11, double k22, double k12);
    }

    static double relu(double k11, double k22, double k12) {
        double c = Math.max(-1, Math.min(1, k12 / Math.sqrt(k11 * k22)));
        double th = Math.acos(c);
        return Math.sqrt(k11 * k22) / (2 * Math.PI) * (Math.sqrt((1 - c) * (1 + c)) + (Math.PI - th) * c);
    }

    static double step(double k11, double k22, double k12) {
        return (Math.PI - Math.acos(Math.max(-1, Math.min(1, k12 / Math.sqrt(k11 * k22))))) / (2 * Math.PI);
    }

    static void check(Pointwise phi, Kernel nngp, Kernel tdot, double tdotSlack, double maxVariance) {
        for (boolean table : new boolean[] {false, true}) {
            for (double v : VARIANCES) {
                if (v > maxVariance) {
                    continue;
                }
                double v2 = table ? v : v * 2.5;
                NumericalKernel nk = NumericalKernel.prepare(phi, new double[] {v, v2},
                        new NumericalKernel.Settings(128, 1e-10, 1e-10, table));
                double sn = Math.max(nngp.at(v, v, v), nngp.at(v2, v2, v2));
                double st = Math.max(tdot.at(v, v, v), tdot.at(v2, v2, v2));
                double[] out = new double[4];
                for (double r : RHOS) {
                    double k12 = r * Math.sqrt(v * v2);
                    NumericalKernel.Route route = nk.route(0, 1, k12, out);
                    double en = Math.abs(out[0] - nngp.at(v, v2, k12)) / sn;
                    double et = Math.abs(out[1] - tdot.at(v, v2, k12)) / (st > 0 ? st : 1);
                    String where = phi.describe() + " v=" + v + "," + v2 + " rho=" + r + " via " + route;
                    assertTrue(en <= 1e-10, where + ": NNGP error " + en);
                    assertTrue(et <= 1e-10 + tdotSlack, where + ": tdot error " + et);
                }
            }
        }
    }

    @Test
    void reluIsTheArcCosineKernelOfOrderOne() {
        check(Builtin.RELU, ClosedFormTest::relu, ClosedFormTest::step, 3e-9, Double.MAX_VALUE);
    }

    @Test
    void stepIsTheArcCosineKernelOfOrderZero() {
        check(Builtin.STEP, ClosedFormTest::step, (a, b, c) -> 0, 3e-9, Double.MAX_VALUE);
    }

    @Test
    void signIsTheArcsineOfTheCorrelation() {
        check(Builtin.SIGN, (a, b, c) -> 2 / Math.PI * Math.asin(Math.max(-1, Math.min(1, c / Math.sqrt(a * b)))),
                (a, b, c) -> 0, 3e-9, Double.MAX_VALUE);
    }

    @Test
    void erfIsWilliamsArcsineKernel() {
        check(Builtin.ERF, (a, b, c) -> 2 / Math.PI * Math.asin(2 * c / Math.sqrt((1 + 2 * a) * (1 + 2 * b))),
                (a, b, c) -> 4 / Math.PI / Math.sqrt((1 + 2 * a) * (1 + 2 * b) - 4 * c * c), 0, Double.MAX_VALUE);
    }

    @Test
    void sinFollowsFromTheCharacteristicFunction() {
        // sin has features at every |x|, not only near 0 (the Pointwise contract): at variance 1e4
        // its period is 0.06 standard deviations and the quadratures' grading does not resolve it.
        // e^{−m} sinh c as (e^{c−m} − e^{−c−m})/2: no 0 · ∞ at large variances
        check(Builtin.SIN, (a, b, c) -> (Math.exp(c - (a + b) / 2) - Math.exp(-c - (a + b) / 2)) / 2,
                (a, b, c) -> (Math.exp(c - (a + b) / 2) + Math.exp(-c - (a + b) / 2)) / 2, 0, 100);
    }

    @Test
    void expFollowsFromTheMomentGeneratingFunction() {
        // e^{2·9} at variance 9: keep to variances where e^u is a sensible activation
        DoubleUnaryOperator id = x -> x;
        for (double v : new double[] {1e-4, 0.3, 1, 3}) {
            NumericalKernel nk = NumericalKernel.prepare(Builtin.EXP, new double[] {v, 2 * v},
                    new NumericalKernel.Settings(128, 1e-10, 1e-10, false));
            double scale = Math.exp(4 * v);
            double[] out = new double[4];
            for (double r : RHOS) {
                double k12 = r * Math.sqrt(2) * v;
                nk.route(0, 1, k12, out);
                double e = Math.exp(1.5 * v + k12);
                assertTrue(Math.abs(out[0] - e) <= 1e-10 * scale, "exp v=" + v + " rho=" + r + ": " + out[0] + " vs " + e);
                assertTrue(Math.abs(out[1] - e) <= 1e-10 * scale, "exp' v=" + v + " rho=" + r);
            }
            assertTrue(id.applyAsDouble(1) == 1);
        }
    }
}
