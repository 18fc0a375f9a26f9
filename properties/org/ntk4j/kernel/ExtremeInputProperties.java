package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.Numerics.U;
import static org.ntk4j.Numerics.lambdaMin;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.Gens;
import org.ntk4j.Gens.Matrix;
import org.ntk4j.Gens.Mlp;
import org.ntk4j.simd.Simd;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Inputs at the edges: norms from 1e-6 to 1e6, nearly parallel and collinear rows, depth up to
 * 50, weight scales up to 4. The kernels stay finite and positive semi-definite, or the engine
 * refuses with a clear {@link IllegalArgumentException}; never a NaN.
 *
 * <p>PSD is checked on the correlation matrix C = D^-1/2 K D^-1/2 (D the diagonal), because
 * entries differ by up to 24 orders of magnitude and a norm-wise slack would hide the small
 * rows. If every entry of C errs by at most e, then λ_min(C) ≥ −n e (Weyl), so the slack is
 * n e with e derived per network:
 * <ul>
 *   <li>δ = 16 (L + 1)(d + 8) u: the rounding of one layer's Lipschitz correlation map, summed
 *       over the layers (the Gram entry's γ_d and a few operations per layer); n times that for
 *       max(x, 0)^n, whose map takes O(n) more roundings;</li>
 *   <li>times the recursion's own amplification A = Π_l max(1, A_l), with
 *       A_l = w² Ṫ_l(k, k, k) k / k_next the slope of the correlation map at c = 1 (k the
 *       pre-activation variance of layer l, k_next the next one), the largest over the inputs:
 *       past the order-to-chaos transition (Poole et al. 2016; erf with w-std above about 1.5)
 *       A_l exceeds 1 and a rounding of the correlation grows layer after layer (seed
 *       3252543143220: depth 26, w-std 3.44, A_l ≈ 2.2, λ_min −3.6e-4). The ReLU family has
 *       A_l ≤ 1;</li>
 *   <li>erf's NTK: Ṫ = (4/π)/sqrt(D) moves by about k·e relative when the correlation moves by e
 *       (∂ log Ṫ / ∂c = 4 k12 sqrt(k11 k22)/D), so its error carries the largest pre-activation
 *       variance k of layers 2 .. L, which erf bounds by w² + b². The first layer's variances can
 *       be huge (norms 1e6), but its D is computed from the inputs' determinant
 *       ({@code InputDeterminant}) to within τ = 2^-36 relative, so it adds n τ/2 only;</li>
 *   <li>erf's first NNGP: on the diagonal its arcsine argument is s = 1 − 1/(1 + 2k), where a
 *       rounding of s moves the angle by u/sqrt(1 − s²) ≤ u sqrt(1 + 2k): 2u sqrt(1 + 2k) with
 *       k the first layer's largest variance (1e-10 at k = 1e12; nothing at ordinary scales);
 *       gelu's arcsine likewise, but at every layer, since its variance keeps growing
 *       ({@link #geluArcsine});</li>
 *   <li>the NTK of the other activations: Θ_L = Σ_l K_l Π_{m > l} w² Ṫ_m is a sum of positive
 *       terms, so its relative error is at most that of K_l plus those of the Ṫ factors after it;
 *       each Ṫ_m takes as many roundings as K'_m (and, for gelu, the same arcsine), so the NTK's
 *       e is twice the NNGP's, plus Σ_l δ |∂ log Ṫ_l / ∂c| for the Ṫ factors' own condition
 *       ({@link #tdotCondition}: gelu's grows like sqrt(k), as its variance does not saturate)
 *       (seed 2680220598595: gelu, depth 4, w-std 2.5, λ_min −2.3e-12 against an NNGP-sized
 *       slack of −1.9e-12, {@link #collinearInputsUnderGeluGivePsdKernels}; replayed, depth 8,
 *       −1.2e-11);</li>
 *   <li>the arc-cosine NTK term (π − θ)/(2π) is not Lipschitz in cos θ at θ = 0: a rounding Δ of
 *       cos θ = 1 moves θ by sqrt(2Δ), so it carries an extra L sqrt(2δ) per entry.</li>
 * </ul>
 */
class ExtremeInputProperties {

    /** Rows of a Gaussian-like matrix, each scaled by 10^s with s uniform in [−6, 6]. */
    static Gen<Matrix> spreadNorms(int nMax, int dMax) {
        return Gens.inputs(nMax, dMax).flatMap(m -> Gens.values(m.rows(), -6, 6).map(s -> {
            double[] v = m.data().clone();
            for (int i = 0; i < m.rows(); i++) {
                for (int k = 0; k < m.cols(); k++) {
                    v[i * m.cols() + k] *= Math.pow(10, s[i]);
                }
            }
            return new Matrix(m.rows(), m.cols(), v);
        }));
    }

    /**
     * Clusters of nearly parallel rows: a few base rows, each followed by copies scaled by
     * c in [0.1, 10] and perturbed by a relative 10^-e, e in [2, 16] (16: exactly collinear).
     */
    static Gen<Matrix> nearlyParallel(int dMax) {
        return Gens.between(1, 3).zip(Gens.between(2, 4), Gens.between(2, dMax), (b, c, d) -> new int[] {b, c, d})
                .flatMap(s -> Gens.matrix(s[0], s[2]).zip(Gens.values(3 * s[0] * s[1] + s[0] * s[1] * s[2], -1, 1), (base, r) -> {
                    int d = s[2];
                    int n = s[0] * s[1];
                    double[] v = new double[n * d];
                    int q = 0;
                    for (int i = 0; i < n; i++) {
                        int from = i / s[1];
                        double scale = Math.pow(10, r[q++]);
                        double eps = Math.pow(10, -9 - 7 * r[q++]);
                        q++;
                        for (int k = 0; k < d; k++) {
                            double p = r[3 * n + i * d + k];
                            v[i * d + k] = scale * base.data()[from * d + k] * (1 + eps * p);
                        }
                    }
                    return new Matrix(n, d, v);
                }));
    }

    static Gen<Mlp> lipschitzNetworks(int maxDepth, Gen<Double> wStd) {
        Gen<Activation> acts = Gens.activations().assuming(ExtremeInputProperties::continuous);
        return Gens.depths(maxDepth).zip(acts, wStd, Gens.bStd(), (l, phi, w, b) -> new Mlp(Math.min(l, Gens.tameDepth(phi)), phi, w, b));
    }

    /**
     * The step and sign jump, so their NNGP (π − θ)/(2π) or 1 − 2θ/π is not Lipschitz in cos θ at
     * θ = 0 (a rounding Δ of cos θ = 1 moves θ by sqrt(2Δ) per layer): see the step properties below.
     */
    static boolean continuous(Activation a) {
        return !Gens.jumps(a);
    }

    /** λ_min of D^-1/2 K D^-1/2, or +∞ for an empty matrix. */
    static double correlationLambdaMin(DMatrixRMaj k) {
        int n = k.numRows;
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // the roots one by one: K_ii K_jj overflows for kernels beyond 1e154
                c.set(i, j, k.get(i, j) / (Math.sqrt(k.get(i, i)) * Math.sqrt(k.get(j, j))));
            }
        }
        return lambdaMin(c);
    }

    /** Runs the engine; on success checks finiteness and PSD; on refusal checks the message. */
    static void finitePsdOrClearError(Mlp mlp, Matrix x) {
        finitePsdOrClearError(mlp, x, KernelEngine.defaults());
    }

    static void finitePsdOrClearError(Mlp mlp, Matrix x, KernelEngine engine) {
        Kernels k;
        try {
            k = engine.compute(mlp.network(), x.toEjml());
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            assertTrue(m != null && !m.contains("\n") && (m.contains("overflows") || m.contains("underflows") || m.contains("not finite")),
                    "refusal without a clear one-line message: " + m);
            return;
        }
        for (DMatrixRMaj m : new DMatrixRMaj[] {k.nngp(), k.ntk()}) {
            for (double v : m.data) {
                assertTrue(Double.isFinite(v), "non-finite kernel entry " + v);
            }
        }
        int n = x.rows();
        int depth = mlp.depth();
        // an order-n arc-cosine map rounds O(n) times more (q^n as n products, J_n with n + 1
        // terms in cos θ), so its per-layer constant grows with n
        int order = mlp.phi() instanceof RectifiedMonomial r ? r.n() : 1;
        double delta = 16.0 * order * (depth + 1) * (x.cols() + 8) * U;
        double amp = amplification(mlp, k.diag1());
        // erf's first arcsine sees s = 1 − 1/(1 + 2k) on the diagonal: a rounding of s moves it
        // by u/sqrt(1 − s²) ≤ u sqrt(1 + 2k) (class comment)
        double arcsine = mlp.phi() instanceof Erf && depth > 0 ? 2 * U * Math.sqrt(1 + 2 * firstVariance(k.diag1()))
                : mlp.phi() instanceof Gelu ? geluArcsine(mlp, k.diag1()) : 0;
        double slackK = n * (delta + arcsine) * amp;
        double minK = correlationLambdaMin(k.nngp());
        assertTrue(minK >= -slackK, "NNGP correlation λ_min " + minK + " < -" + slackK + " (amplification " + amp + ")");
        double slackT;
        if (mlp.phi() instanceof Erf) {
            slackT = n * (0x1p-36 / 2 + delta * amp * (1 + laterVariance(mlp, k.diag1())));
        } else {
            boolean angle = mlp.phi().needsAngle();
            // K_l's error plus the Ṫ factors' (class comment): twice the NNGP's per-layer terms, and
            // the Ṫ factors' own condition in the correlation for maps without the angle
            double cond = angle ? 0 : tdotCondition(mlp, k.diag1());
            slackT = n * (2 * (delta + arcsine) + delta * cond + (angle ? depth * Math.sqrt(2 * delta) : 0)) * amp;
        }
        double minT = correlationLambdaMin(k.ntk());
        assertTrue(minT >= -slackT, "NTK correlation λ_min " + minT + " < -" + slackT + " (amplification " + amp + ")");
    }

    /**
     * Π_l max(1, A_l) with A_l = w² Ṫ_l(k, k, k) k / k_next, each A_l the largest over the
     * inputs: how much the recursion can magnify a rounding of the correlation (see the class
     * comment). Op 2l − 1 of an MLP is hidden layer l's activation; the diagonal row entering it
     * holds k, the row entering the next activation (or the readout) k_next.
     */
    static double amplification(Mlp mlp, Diagonals diag) {
        double w2 = mlp.wStd() * mlp.wStd();
        double amp = 1;
        for (int l = 1; l <= mlp.depth(); l++) {
            double worst = 0;
            for (int i = 0; i < diag.size(); i++) {
                double kIn = diag.nngp(2 * l - 1, i);
                double kNext = diag.nngp(2 * l + 1, i);
                worst = Math.max(worst, w2 * mlp.phi().tdot(kIn, kIn, kIn) * kIn / kNext);
            }
            amp *= Math.max(1, worst);
        }
        return amp;
    }

    /**
     * Σ_l |∂ log Ṫ_l / ∂c| at c = 1, the largest over the inputs: how much a correlation error e
     * at layer l moves the Ṫ factor relative to itself. For gelu it is sqrt(k/2)/(π Ṫ) (from
     * ∂ atan2(k12, sqrt(D))/∂c = k/sqrt(D), D = 1 + 2k + k²(1 − c²)), which grows without bound with the
     * variance k; for sin, cos, gaussian and exp it is of order k (their Ṫ are exponentials of k12).
     * Estimated by a one-sided difference of the map at c = 1 − h (h = 2^-20: the difference is
     * accurate to O(h) relative, far below the factor the slack is built with).
     */
    static double tdotCondition(Mlp mlp, Diagonals diag) {
        double h = 0x1p-20;
        double sum = 0;
        for (int l = 1; l <= mlp.depth(); l++) {
            double worst = 0;
            for (int i = 0; i < diag.size(); i++) {
                double kk = diag.nngp(2 * l - 1, i);
                double t1 = mlp.phi().tdot(kk, kk, kk);
                double t0 = mlp.phi().tdot(kk * (1 - h), kk, kk);
                if (t1 != 0 && Double.isFinite(t0)) {
                    worst = Math.max(worst, Math.abs((t1 - t0) / (h * t1)));
                }
            }
            sum += worst;
        }
        return sum;
    }

    /**
     * gelu's arcsine at every layer. The vector pass ({@code GeluPass}) takes the angle as
     * arcsin(s), s = k12 u1 u2 with u = 1/sqrt(1 + k): each u takes three roundings (≤ 2.5u:
     * the sum, the square root, the division) and the two products one each, so s errs by ≤ 7u
     * relative. For nearly equal inputs of variance k, 1 − s² ≈ (1 + 2k)/(1 + k)², so the angle
     * moves by ≤ 7u s/sqrt(1 − s²) ≤ 7u sqrt(1 + k); and since gelu grows like ReLU the variance
     * does not saturate as erf's does. K' = k12/4 + (k12 A + …)/(2π) ≥ k12/4 carries it as a
     * relative error ≤ (k12 δA/(2π))/(k12/4) = (2/π) δA ≤ (14/π) u sqrt(1 + k), layer by layer.
     * (A count of 2u for s, as this bound first had, was exceeded at depth 8, w-std 2.5, where k
     * reaches 1e7: seed 2680220598595. The scalar map takes the angle as atan2(k12, sqrt(D)),
     * which is well conditioned, and passes the same examples.)
     */
    static double geluArcsine(Mlp mlp, Diagonals diag) {
        double sum = 0;
        for (int l = 1; l <= mlp.depth(); l++) {
            double max = 0;
            for (int i = 0; i < diag.size(); i++) {
                max = Math.max(max, diag.nngp(2 * l - 1, i));
            }
            sum += 14 / Math.PI * U * Math.sqrt(1 + max);
        }
        return sum;
    }

    /** The largest pre-activation variance of the first hidden layer (op 1 of an MLP). */
    static double firstVariance(Diagonals diag) {
        double max = 0;
        for (int i = 0; i < diag.size(); i++) {
            max = Math.max(max, diag.nngp(1, i));
        }
        return max;
    }

    /** The largest pre-activation variance of hidden layers 2 .. L (0 for depth ≤ 1). */
    static double laterVariance(Mlp mlp, Diagonals diag) {
        double max = 0;
        for (int l = 2; l <= mlp.depth(); l++) {
            for (int i = 0; i < diag.size(); i++) {
                max = Math.max(max, diag.nngp(2 * l - 1, i));
            }
        }
        return max;
    }

    /**
     * Regression: eight collinear 1-D inputs with norms from 2e-6 to 2e6 under one erf layer.
     * Before the first layer's determinant came from the inputs, its naive k11 k22 − k12² erred
     * by about 4e-4 of D for the large pairs, and the NTK correlation's λ_min was −2.0e-6.
     */
    @Test
    void collinearInputsOfHugeNormUnderErfGivePsdKernels() {
        double[] v = {-2.0E-6, -2.0E-6, -1999999.9999999995, -1963546.6899719934, -2.0E-6, -1276869.3581703217,
                -2.0E-6, -2.0E-6};
        for (Simd.Impl impl : new Simd.Impl[] {Simd.Impl.SCALAR, Simd.Impl.VECTOR}) {
            KernelEngine engine = KernelEngine.builder().impl(impl).build();
            for (double w : new double[] {0.8187313910887923, 1.0026739882501432, 1.0492696677399387}) {
                finitePsdOrClearError(new Mlp(1, Stax.erf(), w, 0.0), new Matrix(8, 1, v), engine);
            }
            Kernels k = engine.compute(Stax.mlp(1, Stax.erf(), 1.0026739882501432, 0.0), new Matrix(8, 1, v).toEjml());
            double minT = correlationLambdaMin(k.ntk());
            assertTrue(minT >= -8 * 0x1p-36, impl + ": NTK correlation λ_min " + minT);
        }
    }

    /** The counter-example of seed 2680220598595, shrunk: the NTK's slack must count the Ṫ factors' rounding. */
    @Test
    void collinearInputsUnderGeluGivePsdKernels() {
        double[][] rows = new double[8][];
        for (int i = 0; i < 4; i++) {
            rows[i] = new double[] {-0.198, -0.198, -0.198, -0.198, -0.198, -0.198};
        }
        rows[4] = new double[] {-0.198, -0.19799999999999898, -0.19799999999630305, -0.19799999937190998,
                -0.19799999929632303, -0.19799999908162377};
        rows[5] = new double[] {-19.80536566938476, -19.80536566938466, -19.805365669014964, -19.805365606558738,
                -19.805365598997994, -19.80536557752225};
        rows[6] = new double[] {-18.267128160878848, -18.26712816087875, -18.267128160537773, -18.267128102932375,
                -18.26712809595886, -18.267128076151092};
        rows[7] = new double[] {-19.80050764632731, -19.80050764632341, -19.800507645956667, -19.800507583513394,
                -19.800507575954814, -19.800507554489684};
        double[] flat = new double[48];
        for (int i = 0; i < 8; i++) {
            System.arraycopy(rows[i], 0, flat, 6 * i, 6);
        }
        for (Simd.Impl impl : new Simd.Impl[] {Simd.Impl.SCALAR, Simd.Impl.VECTOR}) {
            finitePsdOrClearError(new Mlp(4, Stax.gelu(), 2.5, 0.0), new Matrix(8, 6, flat),
                    KernelEngine.builder().impl(impl).build());
        }
    }

    @Test
    void inputNormsFrom1eMinus6To1e6GiveFinitePsdKernels() {
        Gens.qt(200).forAll(lipschitzNetworks(10, Gens.wStd()), spreadNorms(10, 9))
                .checkAssert(ExtremeInputProperties::finitePsdOrClearError);
    }

    @Test
    void nearlyParallelAndCollinearInputsGiveFinitePsdKernels() {
        Gens.qt(200).forAll(lipschitzNetworks(10, Gens.wStd()), nearlyParallel(9))
                .checkAssert(ExtremeInputProperties::finitePsdOrClearError);
    }

    /** Depth 20 .. 50, w-std 0.5 .. 4, any non-step activation. */
    static Gen<Mlp> deepNetworks() {
        return Gens.between(20, 50).zip(Gens.activations().assuming(ExtremeInputProperties::continuous), doubles().between(0.5, 4),
                Gens.bStd(), Mlp::new);
    }

    /**
     * Depth 20 .. 50 with w-std up to 4: (w²/2)^50 overflows for ReLU, so refusal is allowed.
     * Past the order-to-chaos transition (Poole et al. 2016; e.g. erf with w-std 2.1) the
     * correlation map's slope at c = 1 exceeds 1, so a correlation rounded above 1 would grow
     * layer after layer (before erf's arcsine argument was held to its Cauchy–Schwarz bound, seed
     * 4972426323306 gave depth 27, collinear inputs of norm 2e6 and a correlation of 1 + 1.6e-4,
     * λ_min −0.25). Each layer now starts from |s12| ≤ sqrt(s11 s22)(1 + 2^-49), so what remains
     * is the amplification of ordinary rounding, which the slack carries (class comment).
     */
    @Test
    void deepNetworksWithLargeWeightsGiveFinitePsdKernels() {
        Gens.qt(100).forAll(deepNetworks(), spreadNorms(6, 5))
                .checkAssert(ExtremeInputProperties::finitePsdOrClearError);
    }

    @Test
    void deepNetworksOnNearlyParallelInputsGiveFinitePsdKernels() {
        Gens.qt(100).forAll(deepNetworks(), nearlyParallel(5))
                .checkAssert(ExtremeInputProperties::finitePsdOrClearError);
    }

    /**
     * The step network: its NNGP (π − θ)/(2π) is not Lipschitz in cos θ at θ = 0, so each layer
     * can turn a rounding of cos θ = 1 into sqrt(u) and the next layer into u^(1/4): on collinear
     * inputs only finiteness and the Cauchy–Schwarz bound |C_ij| ≤ 1 are promised.
     */
    @Test
    void stepNetworksOnCollinearInputsStayFiniteAndBounded() {
        Gens.qt(150).forAll(Gens.networks(20, Generate.constant(Stax.step()), Gens.bStd()), nearlyParallel(9))
                .checkAssert((mlp, x) -> {
                    Kernels k = KernelEngine.defaults().compute(mlp.network(), x.toEjml());
                    for (int i = 0; i < x.rows(); i++) {
                        for (int j = 0; j < x.rows(); j++) {
                            double c = k.nngp().get(i, j) / Math.sqrt(k.nngp().get(i, i) * k.nngp().get(j, j));
                            assertTrue(Double.isFinite(c) && Math.abs(c) <= 1 + 8 * U, "correlation " + c);
                        }
                    }
                });
    }

    /**
     * One hidden step layer on collinear inputs: the angle's rounding enters once, as sqrt(2 δ),
     * so the NNGP stays PSD within n (δ + sqrt(2 δ)). (Deeper step networks compound it, see
     * the property above: at depth 6 the correlation matrix of collinear inputs reaches
     * λ_min ≈ −0.07, because the exact map θ ↦ arccos(1 − θ/π) ≈ sqrt(2θ/π) is itself that
     * ill-conditioned.)
     */
    @Test
    void oneStepLayerGivesPsdKernelsOnCollinearInputs() {
        Gens.qt(150).forAll(Gens.networks(1, Generate.constant(Stax.step()), Gens.bStd()), nearlyParallel(9))
                .checkAssert((mlp, x) -> {
                    Kernels k = KernelEngine.defaults().compute(mlp.network(), x.toEjml());
                    double delta = 16.0 * (mlp.depth() + 1) * (x.cols() + 8) * U;
                    double slack = x.rows() * (delta + Math.sqrt(2 * delta));
                    double min = correlationLambdaMin(k.nngp());
                    assertTrue(min >= -slack, "NNGP correlation λ_min " + min + " < -" + slack);
                });
    }
}
