package org.ntk4j.numerical;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every activation with no closed form, and compositions with kinks, against the independent
 * nested Gauss–Kronrod reference ({@link ReferenceQuadrature}), on the table route (equal
 * variances) and on the series-or-quadrature route (unequal), at variances 1e-4..1e4 and
 * correlations ±1, 1 − 1e-12 and in between. Bound: 1e-9 of the largest diagonal per layer for the
 * NNGP, 1e-8 for Ṫ (the acceptance figures; the routes are built to 1e-10, the reference to
 * about 1e-13, and kinked Ṫ inherits ≈ 2.4e-9 from the arccos conditioning of ρ).
 */
class ReferenceAgreementTest {

    static final List<Pointwise> ACTIVATIONS = List.of(Builtin.TANH, Builtin.SIGMOID, Builtin.SOFTPLUS, Builtin.SILU,
            Builtin.ELU, Pointwise.compose(Builtin.RELU, Builtin.TANH), Pointwise.compose(Builtin.SIGMOID, Builtin.SIN),
            Pointwise.compose(Builtin.ELU, Builtin.ELU),
            Pointwise.of("x/sqrt(1+x²)", x -> x / Math.sqrt(1 + x * x), x -> Math.pow(1 + x * x, -1.5)));
    static final double[][] CASES = {{1e-4, 1}, {1, 1}, {5.8, 1}, {1e4, 1}, {0.5, -1 + 1e-12}, {2.25, 1 - 1e-12},
        {2.25, -0.999}, {5.8, 0.99}, {100, 0.9}, {1, 0.3}, {1e-2, -0.5}};

    @Test
    void agreesWithTheReferenceOnBothRoutes() {
        ReferenceQuadrature ref = new ReferenceQuadrature(1e-13);
        // each activation meets every third case, on one route (ratio 1: table; 3: series or
        // quadrature); the reference costs up to a second a pair, and a table at variance 1e4 with
        // a kink takes a minute to build, so 1e4 is checked on the unequal route only
        for (int a = 0; a < ACTIVATIONS.size(); a++) {
            Pointwise p = ACTIVATIONS.get(a);
            for (int ci = a % 3; ci < CASES.length; ci += 3) {
                double[] c = CASES[ci];
                for (double ratio : new double[] {c[0] >= 1e4 || (ci + a) % 2 == 0 ? 3 : 1}) {
                    double v = c[0];
                    double v2 = v * ratio;
                    NumericalKernel nk = NumericalKernel.prepare(p, new double[] {v, v2}, NumericalKernel.Settings.defaults());
                    double sn = Math.max(nk.row(0).nngpEnergy(), nk.row(1).nngpEnergy());
                    double st = Math.max(nk.row(0).tdotEnergy(), nk.row(1).tdotEnergy());
                    double k12 = c[1] * Math.sqrt(v * v2);
                    double[] out = new double[4];
                    NumericalKernel.Route route = nk.route(0, 1, k12, out);
                    double en = Math.abs(out[0] - ref.nngp(p, v, v2, k12)) / sn;
                    double et = Math.abs(out[1] - ref.tdot(p, v, v2, k12)) / st;
                    String where = p.describe() + " v=" + v + "," + v2 + " rho=" + c[1] + " via " + route;
                    assertTrue(en <= 1e-9, where + ": NNGP error " + en);
                    assertTrue(et <= 1e-8, where + ": tdot error " + et);
                }
            }
        }
    }

    @Test
    void theDiagonalEnergiesMatchTheReference() {
        ReferenceQuadrature ref = new ReferenceQuadrature(1e-13);
        for (Pointwise p : ACTIVATIONS) {
            for (double v : new double[] {1e-4, 1, 1e4}) {
                RowSeries r = HermiteProjection.of(p, v, 64);
                assertTrue(Math.abs(r.nngpEnergy() - ref.nngp(p, v, v, v)) <= 1e-12 * r.nngpEnergy(), p.describe() + " " + v);
                assertTrue(Math.abs(r.tdotEnergy() - ref.tdot(p, v, v, v)) <= 1e-12 * r.tdotEnergy(), p.describe() + " " + v);
            }
        }
    }
}
