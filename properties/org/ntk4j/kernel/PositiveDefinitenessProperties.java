package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.Numerics.U;
import static org.ntk4j.Numerics.eigenvalues;
import static org.ntk4j.Numerics.lambdaMin;
import static org.ntk4j.Numerics.spectralNorm;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.Gens;
import org.ntk4j.Gens.Matrix;
import org.ntk4j.simd.Simd;
import org.quicktheories.generators.Generate;

/**
 * NNGP and NTK are covariance kernels, hence positive semi-definite, and the NTK of a network with
 * a non-polynomial activation is strictly positive definite on distinct points of the sphere
 * (Jacot, Gabriel &amp; Hongler 2018, Prop. 2).
 *
 * <p>Bound for "≥ 0" in floating point: λ_min(K̂) ≥ −c n u ‖K̂‖₂ with u = 2^-53. Each computed
 * entry is off by at most δ sqrt(K_ii K_jj) ≤ δ ‖K‖: the Gram adds ≤ (d + 2) u relative to
 * |x||x'|, each of the L + 1 layers a few u more, amplified at most 1/sin θ ≤ 3.2 by arccos for
 * rows with |cos θ| ≤ 0.95 (hidden correlations rise with depth, so allow 4×): δ ≤ 16 (L + 1)
 * (d + 8) u. Weyl's inequality turns that into n δ ‖K‖ for the smallest eigenvalue, and EJML's
 * backward-stable symmetric QR adds p(n) u ‖K‖ with p(n) ≤ 8 n. Hence
 * c = 16 (L + 1)(d + 8) + 8: a sign error or a dropped term anywhere in the recursion gives
 * λ_min of order −‖K‖, ten orders of magnitude beyond.
 */
class PositiveDefinitenessProperties {

    static double psdSlack(int n, int depth, int d, DMatrixRMaj k) {
        double c = 16.0 * (depth + 1) * (d + 8) + 8;
        return c * n * U * spectralNorm(k);
    }

    static Kernels kernels(Simd.Impl impl, Network net, Matrix x) {
        return KernelEngine.builder().impl(impl).build().compute(net, x.toEjml());
    }

    @Test
    void theNngpIsPositiveSemiDefinite() {
        Gens.qt(200).forAll(Gens.networks(6), Gens.separatedInputs(12, 6, 16), Generate.enumValues(SymmetryProperties.Impls.class))
                .checkAssert((mlp, x, impl) -> {
                    DMatrixRMaj k = kernels(impl.impl, mlp.network(), x).nngp();
                    double min = lambdaMin(k);
                    double slack = psdSlack(x.rows(), mlp.depth(), x.cols(), k);
                    assertTrue(min >= -slack, "λ_min " + min + " < -" + slack);
                });
    }

    @Test
    void theNtkIsPositiveSemiDefinite() {
        Gens.qt(200).forAll(Gens.networks(6), Gens.separatedInputs(12, 6, 16), Generate.enumValues(SymmetryProperties.Impls.class))
                .checkAssert((mlp, x, impl) -> {
                    DMatrixRMaj t = kernels(impl.impl, mlp.network(), x).ntk();
                    double min = lambdaMin(t);
                    double slack = psdSlack(x.rows(), mlp.depth(), x.cols(), t);
                    assertTrue(min >= -slack, "λ_min " + min + " < -" + slack);
                });
    }

    /**
     * Every 2 × 2 principal minor is ≥ 0: |K(x, x')| ≤ sqrt(K(x, x) K(x', x')), for both kernels,
     * with the per-entry slack δ derived above.
     */
    @Test
    void kernelsSatisfyTheCauchySchwarzInequality() {
        Gens.qt(200).forAll(Gens.networks(6), Gens.separatedInputs(12, 6, 16))
                .checkAssert((mlp, x) -> {
                    Kernels k = kernels(Simd.Impl.AUTO, mlp.network(), x);
                    double delta = 16.0 * (mlp.depth() + 1) * (x.cols() + 8) * U;
                    for (DMatrixRMaj m : new DMatrixRMaj[] {k.nngp(), k.ntk()}) {
                        for (int i = 0; i < x.rows(); i++) {
                            for (int j = 0; j < x.rows(); j++) {
                                double bound = Math.sqrt(m.get(i, i) * m.get(j, j));
                                assertTrue(Math.abs(m.get(i, j)) <= bound * (1 + delta),
                                        "|K(" + i + ", " + j + ")| = " + Math.abs(m.get(i, j)) + " > sqrt(K_ii K_jj) = " + bound);
                            }
                        }
                    }
                });
    }

    /**
     * Jacot et al. 2018: for a non-polynomial activation and at least one hidden layer the NTK is
     * strictly positive definite on distinct points of the sphere. The points are n ≥ 5 in R^3,
     * more than the d + 1 = 4 a linear kernel (x·x' and a constant) can separate, so positivity
     * comes from the nonlinearity alone. Threshold: λ_min ≥ 1e-10 ‖Θ‖, a hundred times the
     * round-off level c n u ‖Θ‖ ≈ 1e-12 ‖Θ‖ at which a rank-deficient kernel would sit. The margin
     * is real but can be small: erf with w = 0.5 sees variances ≈ 0.1, where it is nearly linear
     * and only its cubic and higher terms (relative size ~1e-3 and below) separate the points;
     * the smallest ratio seen in a soak of ~1 000 cases was 1e-6.
     */
    @Test
    void theNtkIsStrictlyPositiveDefiniteOnDistinctPointsOfTheSphere() {
        Gens.qt(150).forAll(Gens.networks(4, Gens.nonPolynomialActivations(), Gens.bStd()).assuming(m -> m.depth() >= 1),
                        Gens.sphere(5, 10, 3, 0.9))
                .checkAssert((mlp, x) -> {
                    DMatrixRMaj t = kernels(Simd.Impl.AUTO, mlp.network(), x).ntk();
                    double ratio = lambdaMin(t) / spectralNorm(t);
                    assertTrue(ratio >= 1e-10, "λ_min / ‖Θ‖ = " + ratio);
                });
    }

    /**
     * The contrast that makes the previous property meaningful: with the identity activation the
     * kernels are a·x·x'/d + b, of rank ≤ d + 1, so on n > d + 1 points all but d + 1 eigenvalues
     * vanish up to the round-off slack.
     */
    @Test
    void linearNetworkKernelsHaveRankAtMostDPlusOne() {
        Gens.qt(100).forAll(Gens.networks(4, Generate.constant(org.ntk4j.kernel.Stax.identity()), Gens.bStd()),
                        Gens.between(1, 4).flatMap(d -> Gens.between(d + 2, 12).flatMap(n -> Gens.matrix(n, d))))
                .checkAssert((mlp, x) -> {
                    Kernels k = kernels(Simd.Impl.AUTO, mlp.network(), x);
                    for (DMatrixRMaj m : new DMatrixRMaj[] {k.nngp(), k.ntk()}) {
                        double[] ev = eigenvalues(m);
                        Arrays.sort(ev);
                        double slack = psdSlack(x.rows(), mlp.depth(), x.cols(), m);
                        for (int i = 0; i < x.rows() - (x.cols() + 1); i++) {
                            assertTrue(Math.abs(ev[i]) <= slack, "eigenvalue " + i + " of " + x.rows() + ": " + ev[i]
                                    + " exceeds " + slack);
                        }
                    }
                });
    }
}
