package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.Numerics.U;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.ntk4j.Gens;
import org.ntk4j.Numerics;
import org.ntk4j.Quadrature;
import org.ntk4j.finite.Initializer;
import org.ntk4j.finite.MonteCarlo;
import org.ntk4j.simd.Simd;

/**
 * The contract every activation of the {@link Catalog} keeps, one dynamic test per activation
 * and clause, so a new activation is checked by all of them without an edit here:
 * <ol>
 *   <li>φ' is the derivative of φ (central differences away from the kink at 0);</li>
 *   <li>its kernel map is E[φ(u) φ(v)] and E[φ'(u) φ'(v)], against {@link Quadrature} (an
 *       adaptive Gauss–Kronrod written for the tests, not the code under test);</li>
 *   <li>the vector implementation agrees with the scalar reference;</li>
 *   <li>the diagonal tables are the tile's own diagonal, bit for bit;</li>
 *   <li>the kernels are positive semi-definite;</li>
 *   <li>Monte-Carlo kernels of finite networks approach the limit like 1/sqrt(width).</li>
 * </ol>
 */
class CatalogContractProperties {

    private static Stream<DynamicTest> each(String clause, java.util.function.Consumer<Activation> check) {
        return Catalog.sampleActivations().stream().map(phi -> DynamicTest.dynamicTest(clause + ": " + phi.describe(),
                () -> check.accept(phi)));
    }

    /**
     * φ' against (φ(x + h) − φ(x − h))/(2h), h = 1e-6, at points away from 0 (every kink of the
     * catalog sits at 0): truncation h² |φ'''|/6 and cancellation u |φ|/h stay below 1e-8 of
     * max(1, |φ|, |φ'|) for |x| ≤ 3.3 (the exponential's φ''' = φ is the largest, e^3.3 ≈ 27).
     */
    @TestFactory
    Stream<DynamicTest> derivativeIsTheDerivative() {
        return each("φ' vs differences", phi -> {
            for (double x : new double[] {-3.3, -1.7, -0.45, 0.3, 0.85, 2.05, 3.1}) {
                double h = 1e-6;
                double fd = (phi.apply(x + h) - phi.apply(x - h)) / (2 * h);
                double scale = Math.max(1, Math.max(Math.abs(phi.apply(x)), Math.abs(phi.derivative(x))));
                assertEquals(fd, phi.derivative(x), 1e-8 * scale, phi.describe() + "'(" + x + ")");
            }
        });
    }

    /**
     * The closed-form map against the quadrature, for variances 0.05 .. 4 and correlations
     * −0.9 .. 0.999, relative to sqrt(K11 K22) (the kernel's own scale): 1e-11 for the NNGP and
     * 1e-10 for Ṫ, whose integrand E[φ'φ'] may jump at the kink (the quadrature's tolerance is
     * 1e-13 of the scale; a map evaluated in a dozen correctly rounded operations errs by ~1e-15).
     */
    @TestFactory
    Stream<DynamicTest> kernelMapIsTheGaussianExpectation() {
        return each("map vs quadrature", phi -> {
            double[][] variances = {{0.05, 0.3}, {1, 1}, {1.7, 4}};
            double[] rhos = {-0.9, -0.2, 0.35, 0.8, 0.999};
            for (double[] v : variances) {
                double k11 = v[0];
                double k22 = v[1];
                double kk = phi.nngp(k11, k11, k11);
                double kl = phi.nngp(k22, k22, k22);
                double tk = phi.tdot(k11, k11, k11);
                double tl = phi.tdot(k22, k22, k22);
                double sK = Math.sqrt(Math.abs(kk * kl));
                double sT = Math.sqrt(Math.abs(tk * tl));
                for (double rho : rhos) {
                    double k12 = rho * Math.sqrt(k11 * k22);
                    double refK = Quadrature.pair(phi::apply, phi::apply, k11, k22, k12, 1e-13 * sK, 0.0);
                    double refT = Quadrature.pair(phi::derivative, phi::derivative, k11, k22, k12, 1e-13 * Math.max(sT, 1e-300), 0.0);
                    String at = phi.describe() + " at k11 " + k11 + ", k22 " + k22 + ", rho " + rho;
                    assertEquals(refK, phi.nngp(k12, k11, k22), 1e-11 * sK, at + ": NNGP");
                    assertEquals(refT, phi.tdot(k12, k11, k22), 1e-10 * Math.max(sT, Double.MIN_NORMAL), at + ": Ṫ");
                }
            }
        });
    }

    /** Two hidden layers (fewer where the activation's growth needs it) on 13 x 16 and 11 x 16 Gaussian inputs. */
    private static Network network(Activation phi) {
        return Stax.mlp(Math.min(2, Gens.tameDepth(phi)), phi, 1.2, 0.1);
    }

    private static DMatrixRMaj gaussian(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < n * d; i++) {
            x.data[i] = r.nextGaussian();
        }
        return x;
    }

    /**
     * Vector against scalar, entry by entry relative to sqrt(K_ii K_jj): both implementations
     * carry the Gram's (d + 2) u and a few ulps per layer from their different arccos, arcsine
     * and exponential (≤ 2 ulp each), summed over the layers, 64 (L + 1)(d + 8) u; maps through
     * e^k (exp, sin, cos) turn an absolute error ε of the exponent into a relative one, so their
     * bound carries the largest variance k of the pre-activations, (1 + k). Pairwise |cos θ| of
     * these inputs stays below 0.9, so arccos's condition 1/sin θ is below 2.3 at every layer.
     */
    @TestFactory
    Stream<DynamicTest> vectorAgreesWithScalar() {
        return each("vector vs scalar", phi -> {
            Network net = network(phi);
            DMatrixRMaj x1 = gaussian(13, 16, 5);
            DMatrixRMaj x2 = gaussian(11, 16, 6);
            Kernels s = KernelEngine.builder().impl(Simd.Impl.SCALAR).build().compute(net, x1, x2);
            Kernels v = KernelEngine.builder().impl(Simd.Impl.VECTOR).build().compute(net, x1, x2);
            int depth = net.hiddenLayers();
            double kMax = 0;
            for (int p = 1; p < 2 * depth + 1; p += 2) {
                for (int i = 0; i < x1.numRows; i++) {
                    kMax = Math.max(kMax, s.diag1().nngp(p, i));
                }
            }
            double tol = 64.0 * (depth + 1) * (16 + 8) * U * (1 + kMax) * 2.3;
            double[] k1 = s.diag1().nngp();
            double[] k2 = s.diag2().nngp();
            double[] t1 = s.diag1().ntk();
            double[] t2 = s.diag2().ntk();
            for (int i = 0; i < x1.numRows; i++) {
                for (int j = 0; j < x2.numRows; j++) {
                    double sK = Math.sqrt(k1[i] * k2[j]);
                    double sT = Math.sqrt(t1[i] * t2[j]);
                    assertEquals(s.nngp().get(i, j), v.nngp().get(i, j), tol * sK, phi.describe() + " NNGP (" + i + ", " + j + ")");
                    assertEquals(s.ntk().get(i, j), v.ntk().get(i, j), tol * sT, phi.describe() + " NTK (" + i + ", " + j + ")");
                }
            }
        });
    }

    /** The symmetric kernel's diagonal is the diagonal tables' readout row, bit for bit, in both implementations. */
    @TestFactory
    Stream<DynamicTest> diagonalIsTheTilesDiagonal() {
        return each("diagonal = tile", phi -> {
            Network net = network(phi);
            DMatrixRMaj x = gaussian(19, 16, 7);
            for (Simd.Impl impl : new Simd.Impl[] {Simd.Impl.SCALAR, Simd.Impl.VECTOR}) {
                Kernels k = KernelEngine.builder().impl(impl).tileSize(5).build().compute(net, x);
                double[] dk = k.diag1().nngp();
                double[] dt = k.diag1().ntk();
                for (int i = 0; i < x.numRows; i++) {
                    assertEquals(Double.doubleToLongBits(dk[i]), Double.doubleToLongBits(k.nngp().get(i, i)),
                            phi.describe() + " " + impl + ": NNGP (" + i + ", " + i + ")");
                    assertEquals(Double.doubleToLongBits(dt[i]), Double.doubleToLongBits(k.ntk().get(i, i)),
                            phi.describe() + " " + impl + ": NTK (" + i + ", " + i + ")");
                }
            }
        });
    }

    /**
     * λ_min of the correlation matrices D^-1/2 K D^-1/2 ≥ −n e with e the per-entry bound of the
     * vector-against-scalar clause (the errors of one implementation against exact arithmetic
     * are of the same size); the sign and step kernels are PSD too (Ṫ = 0 for them).
     */
    @TestFactory
    Stream<DynamicTest> kernelsArePositiveSemiDefinite() {
        return each("PSD", phi -> {
            Network net = network(phi);
            DMatrixRMaj x = gaussian(24, 16, 8);
            Kernels k = KernelEngine.defaults().compute(net, x);
            int depth = net.hiddenLayers();
            double kMax = 0;
            for (int p = 1; p < 2 * depth + 1; p += 2) {
                for (int i = 0; i < x.numRows; i++) {
                    kMax = Math.max(kMax, k.diag1().nngp(p, i));
                }
            }
            double slack = x.numRows * 64.0 * (depth + 1) * (16 + 8) * U * (1 + kMax) * 2.3;
            for (DMatrixRMaj m : new DMatrixRMaj[] {k.nngp(), k.ntk()}) {
                double min = Numerics.lambdaMin(correlation(m));
                assertTrue(min >= -slack, phi.describe() + ": correlation λ_min " + min + " < -" + slack);
            }
        });
    }

    private static DMatrixRMaj correlation(DMatrixRMaj k) {
        int n = k.numRows;
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = Math.sqrt(k.get(i, i) * k.get(j, j));
                c.set(i, j, d == 0 ? (i == j ? 1 : 0) : k.get(i, j) / d);
            }
        }
        return c;
    }

    /**
     * Monte-Carlo NTK (the traced eNTK of S = 8 networks, 4 estimates per width, fixed seeds) of a
     * one-hidden-layer network approaches the analytic NTK like 1/sqrt(width): each estimate is
     * a mean of width i.i.d. unit terms per network, so its RMS error falls as width^-1/2
     * (log-log slope −0.5; the range [−0.8, −0.25] leaves room for the finite-sample scatter of
     * 4 x 8 networks: measured −0.40 (step) .. −0.74 (the rectified monomials, whose heavy-tailed
     * terms make the width-64 estimate the noisiest) with these fixed seeds). Activations whose Ṫ
     * is 0 (step, sign) have an NTK of dense terms only: for them the NNGP's estimate is checked,
     * with width/8 readouts so its sampling variance shrinks with width too.
     */
    @TestFactory
    Stream<DynamicTest> monteCarloConvergesLikeOneOverSqrtWidth() {
        return each("Monte-Carlo rate", phi -> {
            Network net = Stax.mlp(1, phi, 1.2, 0.1);
            DMatrixRMaj x = gaussian(5, 8, 9);
            for (int i = 0; i < x.getNumElements(); i++) {
                x.data[i] *= 0.5;
            }
            Kernels exact = net.kernels(x);
            double[] widths = {64, 256, 1024};
            double[] err = new double[widths.length];
            boolean flat = phi.tdot(1, 1, 1) == 0;
            for (int w = 0; w < widths.length; w++) {
                int width = (int) widths[w];
                for (int r = 0; r < 4; r++) {
                    MonteCarlo.Estimate e = MonteCarlo.builder(net, new MonteCarlo.Config(width, flat ? width / 8 : 1, 8, Initializer.sampleSeed(31, 100L * w + r))).threads(2).build().estimate(x);
                    double rel = relFrobenius(flat ? e.nngp() : e.ntk(), flat ? exact.nngp() : exact.ntk());
                    err[w] += rel * rel / 4;
                }
                err[w] = Math.sqrt(err[w]);
            }
            double slope = (Math.log(err[2]) - Math.log(err[0])) / (Math.log(widths[2]) - Math.log(widths[0]));
            assertTrue(slope >= -0.8 && slope <= -0.25, phi.describe() + ": Monte-Carlo error slope " + slope
                    + " (errors " + java.util.Arrays.toString(err) + ")");
        });
    }

    private static double relFrobenius(DMatrixRMaj got, DMatrixRMaj want) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < got.getNumElements(); i++) {
            num += (got.data[i] - want.data[i]) * (got.data[i] - want.data[i]);
            den += want.data[i] * want.data[i];
        }
        return Math.sqrt(num / den);
    }
}
