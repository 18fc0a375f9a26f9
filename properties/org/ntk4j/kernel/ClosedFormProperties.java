package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.Numerics.U;
import static org.ntk4j.Numerics.firstDifference;
import static org.ntk4j.Numerics.maxAbs;
import static org.ntk4j.Numerics.sameBits;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.Gens;
import org.ntk4j.Gens.Matrix;
import org.ntk4j.Gens.Pair;
import org.quicktheories.generators.Generate;

/**
 * The kernels against formulas written out independently here: Cho &amp; Saul's arc-cosine kernels
 * (2009), Williams' arcsine kernel for erf (1997), linear networks in closed form, and the
 * algebra that ties the ReLU family together. The angle comes from Kahan's formula
 * θ = 2 atan2(|û − v̂|, |û + v̂|) on the augmented vectors u = (w x/√d, b), whose Gram is
 * K0 = w² x·x'/d + b², not from arccos as in the library.
 *
 * <p>Tolerances: the library's cos θ carries ≤ (d + 4) u of Gram and division error, which
 * arccos turns into Δθ ≤ (d + 4) u / sin θ (≤ sqrt(2 (d + 4) u) near θ = 0). The arc-cosine NNGP
 * has dJ/dθ = −(π − θ) sin θ, so its error stays ≤ (d + 10) u of the scale; the NTK's derivative
 * term (π − θ)/(2π) keeps the 1/sin θ. Each bound below is 8 × that first-order estimate.
 */
class ClosedFormProperties {

    static Kernels kernels(Network net, DMatrixRMaj x1, DMatrixRMaj x2) {
        return KernelEngine.defaults().compute(net, x1, x2);
    }

    /** Gram entries of the augmented vectors u = (w x/√d, b) and their angle (Kahan). */
    record Augmented(double k12, double k11, double k22, double theta) {
        static Augmented of(Matrix a, int i, Matrix b, int j, double w, double bias) {
            int d = a.cols();
            double[] u = new double[d + 1];
            double[] v = new double[d + 1];
            for (int k = 0; k < d; k++) {
                u[k] = w * a.data()[i * d + k] / Math.sqrt(d);
                v[k] = w * b.data()[j * d + k] / Math.sqrt(d);
            }
            u[d] = bias;
            v[d] = bias;
            double nu = norm(u);
            double nv = norm(v);
            double diff = 0;
            double sum = 0;
            for (int k = 0; k <= d; k++) {
                diff += sq(u[k] / nu - v[k] / nv);
                sum += sq(u[k] / nu + v[k] / nv);
            }
            double k12 = 0;
            for (int k = 0; k <= d; k++) {
                k12 += u[k] * v[k];
            }
            return new Augmented(k12, nu * nu, nv * nv, 2 * Math.atan2(Math.sqrt(diff), Math.sqrt(sum)));
        }

        /** |dθ/dcos| bounded as in the class comment. */
        double amplification(int d) {
            return Math.min(1 / Math.sin(theta), 1 / Math.sqrt((d + 4) * U));
        }

        /** k11 k22 − k12² = |u|²|v|² sin²θ, without cancellation. */
        double gap() {
            double s = Math.sin(theta);
            return k11 * k22 * s * s;
        }
    }

    static double sq(double v) {
        return v * v;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    interface Expected {
        /** {K, Θ} of the readout for entry (i, j) and the first-order amplification of its error. */
        double[] at(Augmented g, double w, double b);
    }

    /** Checks both kernels of a depth-1 network against closed forms entry by entry. */
    static void checkDepthOne(Gens.Mlp mlp, Pair p, Expected formula, boolean angleSensitiveNngp) {
        Kernels k = kernels(mlp.network(), p.x1().toEjml(), p.x2().toEjml());
        int d = p.x1().cols();
        double w = mlp.wStd();
        double b = mlp.bStd();
        for (int i = 0; i < p.x1().rows(); i++) {
            for (int j = 0; j < p.x2().rows(); j++) {
                Augmented g = Augmented.of(p.x1(), i, p.x2(), j, w, b);
                double[] e = formula.at(g, w, b);
                double scale = w * w * Math.sqrt(g.k11 * g.k22) + b * b + w * w * Math.abs(g.k12);
                double amp = g.amplification(d);
                double tolK = 8 * (d + 10) * U * scale * (angleSensitiveNngp ? amp : 1);
                double tolT = 8 * (d + 10) * U * scale * (1 + amp);
                double gotK = k.nngp().get(i, j);
                double gotT = k.ntk().get(i, j);
                assertTrue(Math.abs(gotK - e[0]) <= tolK, "NNGP (" + i + ", " + j + "): " + gotK + " vs closed form " + e[0]);
                assertTrue(Math.abs(gotT - e[1]) <= tolT, "NTK (" + i + ", " + j + "): " + gotT + " vs closed form " + e[1]);
            }
        }
    }

    /**
     * One hidden ReLU layer: K = w² sqrt(k11 k22)/(2π) (sin θ + (π − θ) cos θ) + b² and
     * Θ = K + w² (π − θ)/(2π) K0 (Cho &amp; Saul 2009, k_1 halved; Jacot et al. 2018).
     */
    @Test
    void oneReluLayerGivesTheArcCosineKernelOfOrderOne() {
        Gens.qt(200).forAll(Gens.wStd(), Gens.bStd(), Gens.inputPairs(8, 9)).checkAssert((w, b, p) ->
                checkDepthOne(new Gens.Mlp(1, Stax.relu(), w, b), p, (g, ww, bb) -> {
                    double s = Math.sqrt(g.k11 * g.k22);
                    double j1 = Math.sin(g.theta) + (Math.PI - g.theta) * Math.cos(g.theta);
                    double k = ww * ww * s * j1 / (2 * Math.PI) + bb * bb;
                    return new double[] {k, k + ww * ww * (Math.PI - g.theta) / (2 * Math.PI) * g.k12};
                }, false));
    }

    /** One hidden step layer: K = w² (π − θ)/(2π) + b² (arc-cosine order 0), Θ = K (φ' = 0 a.e.). */
    @Test
    void oneStepLayerGivesTheArcCosineKernelOfOrderZero() {
        Gens.qt(200).forAll(Gens.wStd(), Gens.bStd(), Gens.inputPairs(8, 9)).checkAssert((w, b, p) ->
                checkDepthOne(new Gens.Mlp(1, Stax.step(), w, b), p, (g, ww, bb) -> {
                    double k = ww * ww * (Math.PI - g.theta) / (2 * Math.PI) + bb * bb;
                    return new double[] {k, k};
                }, true));
    }

    /**
     * One hidden erf layer (Williams 1997): K = w² (2/π) arcsin(2 k12 / sqrt((1 + 2 k11)(1 + 2 k22)))
     * + b², Ṫ = (4/π) / sqrt((1 + 2 k11)(1 + 2 k22) − 4 k12²), Θ = K + w² Ṫ K0. No angle is
     * involved; arcsin's argument z has |z| ≤ 2k/(1 + 2k), and its conditioning |z|/sqrt(1 − z²)
     * joins the tolerance.
     */
    @Test
    void oneErfLayerGivesWilliamsArcSineKernel() {
        Gens.qt(200).forAll(Gens.wStd(), Gens.bStd(), Gens.inputPairs(8, 9)).checkAssert((w, b, p) -> {
            Kernels k = kernels(Stax.mlp(1, Stax.erf(), w, b), p.x1().toEjml(), p.x2().toEjml());
            int d = p.x1().cols();
            for (int i = 0; i < p.x1().rows(); i++) {
                for (int j = 0; j < p.x2().rows(); j++) {
                    Augmented g = Augmented.of(p.x1(), i, p.x2(), j, w, b);
                    double prod = (1 + 2 * g.k11) * (1 + 2 * g.k22);
                    double z = 2 * g.k12 / Math.sqrt(prod);
                    double kk = w * w * 2 / Math.PI * Math.asin(z) + b * b;
                    double tdot = 4 / Math.PI / Math.sqrt(1 + 2 * (g.k11 + g.k22) + 4 * g.gap());
                    double tt = kk + w * w * tdot * g.k12;
                    double scale = w * w * (1 + tdot * Math.sqrt(g.k11 * g.k22)) + b * b;
                    double tol = 8 * (d + 10) * U * scale * (1 + Math.abs(z) / Math.sqrt(1 - z * z));
                    assertTrue(Math.abs(k.nngp().get(i, j) - kk) <= tol, "NNGP (" + i + ", " + j + "): "
                            + k.nngp().get(i, j) + " vs " + kk);
                    assertTrue(Math.abs(k.ntk().get(i, j) - tt) <= tol, "NTK (" + i + ", " + j + "): "
                            + k.ntk().get(i, j) + " vs " + tt);
                }
            }
        });
    }

    /**
     * Identity activation (ABRelu(1, 1)): a linear network, K_L = w^(2L+2) g + b² Σ_{j ≤ L} w^(2j)
     * and Θ_L = (L + 1) w^(2L+2) g + b² Σ_{j ≤ L} (j + 1) w^(2j), g = x·x'/d (unrolling
     * K ← w² K + b², Θ ← K + w² Θ). Error: ≤ (d + 2) u on g relative to |x||x'|/d, and about
     * 4 (L + 2) u from the powers and sums, all of positive terms except g.
     */
    @Test
    void identityActivationGivesTheLinearNetworkClosedForm() {
        Gens.qt(200).forAll(Gens.depths(8), Gens.wStd(), Gens.bStd(), Gens.inputPairs(8, 9)).checkAssert((depth, w, b, p) -> {
            Kernels k = kernels(Stax.mlp(depth, Stax.identity(), w, b), p.x1().toEjml(), p.x2().toEjml());
            int d = p.x1().cols();
            double w2 = w * w;
            double sumK = 0;
            double sumT = 0;
            for (int j = 0; j <= depth; j++) {
                sumK += Math.pow(w2, j);
                sumT += (j + 1) * Math.pow(w2, j);
            }
            double top = Math.pow(w2, depth + 1);
            for (int i = 0; i < p.x1().rows(); i++) {
                for (int j = 0; j < p.x2().rows(); j++) {
                    double g = Gens.dot(p.x1(), i, p.x2(), j) / d;
                    double gAbs = Math.sqrt(Gens.dot(p.x1(), i, p.x1(), i) * Gens.dot(p.x2(), j, p.x2(), j)) / d;
                    double kk = top * g + b * b * sumK;
                    double tt = (depth + 1) * top * g + b * b * sumT;
                    double tol = 8 * (d + 4 * depth + 8) * U * ((depth + 1) * top * gAbs + b * b * sumT);
                    assertTrue(Math.abs(k.nngp().get(i, j) - kk) <= tol, "NNGP " + k.nngp().get(i, j) + " vs " + kk);
                    assertTrue(Math.abs(k.ntk().get(i, j) - tt) <= tol, "NTK " + k.ntk().get(i, j) + " vs " + tt);
                }
            }
        });
    }

    /** Depth 0 is one dense layer for every activation: K = Θ = w² x·x'/d + b². */
    @Test
    void depthZeroIsTheLinearKernelWhateverTheActivation() {
        Gens.qt(150).forAll(Gens.activations(), Gens.wStd(), Gens.bStd(), Gens.inputPairs(8, 17)).checkAssert((phi, w, b, p) -> {
            Kernels k = kernels(Stax.mlp(0, phi, w, b), p.x1().toEjml(), p.x2().toEjml());
            int d = p.x1().cols();
            for (int i = 0; i < p.x1().rows(); i++) {
                for (int j = 0; j < p.x2().rows(); j++) {
                    double kk = w * w * Gens.dot(p.x1(), i, p.x2(), j) / d + b * b;
                    double scale = w * w * Math.sqrt(Gens.dot(p.x1(), i, p.x1(), i) * Gens.dot(p.x2(), j, p.x2(), j)) / d + b * b;
                    double tol = 4 * (d + 4) * U * scale;
                    assertTrue(Math.abs(k.nngp().get(i, j) - kk) <= tol, "NNGP " + k.nngp().get(i, j) + " vs " + kk);
                    assertTrue(k.ntk().get(i, j) == k.nngp().get(i, j), "Θ0 = K0: " + k.ntk().get(i, j));
                }
            }
        });
    }

    /**
     * The named members of the ReLU family are ABRelu slopes, to the bit: relu = ABRelu(0, 1)
     * (also by name and as leaky ReLU with slope 0), abs = ABRelu(−1, 1), identity = ABRelu(1, 1),
     * leaky-relu(α) = ABRelu(α, 1).
     */
    @Test
    void reluFamilyAliasesAreABReluKernelsBitForBit() {
        Gens.qt(100).forAll(Gens.depths(5), Gens.wStd(), Gens.bStd(), Gens.inputs(10, 9)).checkAssert((depth, w, b, x) -> {
            double alpha = 0.1 + 0.01 * depth;
            List<Activation[]> aliases = List.of(
                    new Activation[] {Stax.relu(), Stax.abRelu(0, 1)},
                    new Activation[] {Stax.activation("relu"), Stax.abRelu(0, 1)},
                    new Activation[] {(Activation) Stax.parse("dense,relu,dense").layers().get(1), Stax.abRelu(0, 1)},
                    new Activation[] {Stax.leakyRelu(0), Stax.abRelu(0, 1)},
                    new Activation[] {Stax.abs(), Stax.abRelu(-1, 1)},
                    new Activation[] {Stax.activation("abs"), Stax.abRelu(-1, 1)},
                    new Activation[] {Stax.identity(), Stax.abRelu(1, 1)},
                    new Activation[] {Stax.activation("identity"), Stax.abRelu(1, 1)},
                    new Activation[] {Stax.leakyRelu(alpha), Stax.abRelu(alpha, 1)},
                    new Activation[] {Stax.activation("leaky-relu", alpha), Stax.abRelu(alpha, 1)});
            DMatrixRMaj xs = x.toEjml();
            for (Activation[] pair : aliases) {
                Kernels a = kernels(Stax.mlp(depth, pair[0], w, b), xs, null);
                Kernels c = kernels(Stax.mlp(depth, pair[1], w, b), xs, null);
                assertTrue(sameBits(a.nngp(), c.nngp()), pair[0].describe() + " NNGP " + firstDifference(a.nngp(), c.nngp()));
                assertTrue(sameBits(a.ntk(), c.ntk()), pair[0].describe() + " NTK " + firstDifference(a.ntk(), c.ntk()));
            }
        });
    }

    /**
     * φ(x) = a x + (b − a) relu(x), so one ABRelu layer decomposes: K_ab − β = (b − a)² (K_relu − β)
     * + a b (K_id − β) with β = b_std², and since Ṫ_ab = (b − a)² Ṫ_relu + a b, the same holds for
     * Θ − K. All three networks see the same Gram and angle, so only the final few roundings
     * differ: 16 u of the largest term.
     */
    @Test
    void abReluKernelsDecomposeIntoReluPlusLinear() {
        Gens.qt(200).forAll(Gens.wStd(), Gens.bStd(), Gens.inputPairs(8, 9), Gens.activations().assuming(a -> a instanceof ABRelu))
                .checkAssert((w, bias, p, act) -> {
                    ABRelu phi = (ABRelu) act;
                    double a = phi.a();
                    double b = phi.b();
                    double beta = bias * bias;
                    DMatrixRMaj x1 = p.x1().toEjml();
                    DMatrixRMaj x2 = p.x2().toEjml();
                    Kernels kab = kernels(Stax.mlp(1, phi, w, bias), x1, x2);
                    Kernels kr = kernels(Stax.mlp(1, Stax.relu(), w, bias), x1, x2);
                    Kernels kid = kernels(Stax.mlp(1, Stax.identity(), w, bias), x1, x2);
                    double scale = maxAbs(kab.ntk()) + (b - a) * (b - a) * maxAbs(kr.ntk()) + Math.abs(a * b) * maxAbs(kid.ntk()) + beta;
                    double tol = 16 * U * scale;
                    for (int i = 0; i < x1.numRows * x2.numRows; i++) {
                        double lhs = kab.nngp().data[i] - beta;
                        double rhs = (b - a) * (b - a) * (kr.nngp().data[i] - beta) + a * b * (kid.nngp().data[i] - beta);
                        assertTrue(Math.abs(lhs - rhs) <= tol, "NNGP entry " + i + ": " + lhs + " vs " + rhs);
                        lhs = kab.ntk().data[i] - kab.nngp().data[i];
                        rhs = (b - a) * (b - a) * (kr.ntk().data[i] - kr.nngp().data[i])
                                + a * b * (kid.ntk().data[i] - kid.nngp().data[i]);
                        assertTrue(Math.abs(lhs - rhs) <= tol, "Θ − K entry " + i + ": " + lhs + " vs " + rhs);
                    }
                });
    }
}
