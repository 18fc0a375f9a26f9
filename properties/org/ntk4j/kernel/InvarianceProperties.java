package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.Numerics.U;
import static org.ntk4j.Numerics.firstDifference;
import static org.ntk4j.Numerics.sameBits;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.ntk4j.Bounds;
import org.ntk4j.Gens;
import org.ntk4j.Quadrature;
import org.ntk4j.Gens.Mlp;
import org.quicktheories.generators.Generate;

/**
 * What the kernels depend on and how: only on inner products (rotation invariance), positively
 * homogeneously on the input norms for the ReLU family without bias, through a one-variable
 * recursion on the diagonal, and with the NTK dominating the NNGP there.
 */
class InvarianceProperties {

    static Kernels kernels(Network net, DMatrixRMaj x1, DMatrixRMaj x2) {
        return KernelEngine.defaults().compute(net, x1, x2);
    }

    /** ABRelu and step networks without bias: the kernels scale like c^deg, deg 1 (ABRelu) or 0 (step). */
    static org.quicktheories.core.Gen<Mlp> homogeneousNetworks(int maxDepth) {
        return Gens.networks(maxDepth, Gens.abRelus().mix(Generate.constant(Stax.step()), 25), Generate.constant(0.0));
    }

    static int degree(Mlp mlp) {
        return mlp.depth() > 0 && mlp.phi() instanceof Step ? 0 : 1;
    }

    /** Row i of x scaled by c. */
    static DMatrixRMaj scaleRow(DMatrixRMaj x, int i, double c) {
        DMatrixRMaj y = x.copy();
        for (int k = 0; k < x.numCols; k++) {
            y.set(i, k, c * x.get(i, k));
        }
        return y;
    }

    /**
     * Scaling an input by 2^m scales every quantity of the recursion exactly (the Gram, the
     * variances by 4^m, sqrt(k11 k22) by 2^m, the cosine not at all), so
     * K(2^m x, x') = 2^(m·deg) K(x, x') to the bit.
     */
    @Test
    void scalingAnInputByAPowerOfTwoScalesTheKernelsExactly() {
        Gens.qt(150).forAll(homogeneousNetworks(6), Gens.inputPairs(8, 9), Gens.between(-8, 8))
                .checkAssert((mlp, p, m) -> {
                    DMatrixRMaj x1 = p.x1().toEjml();
                    DMatrixRMaj x2 = p.x2().toEjml();
                    double c = Math.scalb(1.0, m);
                    double factor = degree(mlp) == 1 ? c : 1;
                    DMatrixRMaj scaled = x1.copy();
                    CommonOps_DDRM.scale(c, scaled);
                    Kernels k = kernels(mlp.network(), x1, x2);
                    Kernels ks = kernels(mlp.network(), scaled, x2);
                    DMatrixRMaj expK = k.nngp().copy();
                    DMatrixRMaj expT = k.ntk().copy();
                    CommonOps_DDRM.scale(factor, expK);
                    CommonOps_DDRM.scale(factor, expT);
                    assertTrue(sameBits(expK, ks.nngp()), "NNGP " + firstDifference(ks.nngp(), expK));
                    assertTrue(sameBits(expT, ks.ntk()), "NTK " + firstDifference(ks.ntk(), expT));
                });
    }

    /**
     * For any c &gt; 0: K(c x, x') = c^deg K(x, x') within the bound τ of {@link Bounds} (the Gram
     * of c x rounds differently from c times the Gram).
     */
    @Test
    void reluFamilyKernelsArePositivelyHomogeneousInEachInput() {
        Gens.qt(150).forAll(homogeneousNetworks(5), Gens.separatedPairs(5, 4, 9), Gens.between(0, 5), org.quicktheories.generators.SourceDSL.doubles().between(-3, 3))
                .checkAssert((mlp, p, row, logC) -> {
                    DMatrixRMaj x1 = p.x1().toEjml();
                    DMatrixRMaj x2 = p.x2().toEjml();
                    int i = row % x1.numRows;
                    double c = Math.pow(10, logC);
                    double f = degree(mlp) == 1 ? c : 1;
                    Kernels k = kernels(mlp.network(), x1, x2);
                    Kernels ks = kernels(mlp.network(), scaleRow(x1, i, c), x2);
                    double tau = Bounds.tau(mlp, x1, x2);
                    for (int j = 0; j < x2.numRows; j++) {
                        double[] exp = {f * k.nngp().get(i, j), f * k.ntk().get(i, j)};
                        double[] got = {ks.nngp().get(i, j), ks.ntk().get(i, j)};
                        double[][] diag = {{f * f * k.diag1().nngp()[i], k.diag2().nngp()[j]},
                            {f * f * k.diag1().ntk()[i], k.diag2().ntk()[j]}};
                        for (int t = 0; t < 2; t++) {
                            double scale = Math.sqrt(diag[t][0] * diag[t][1]);
                            assertTrue(Math.abs(got[t] - exp[t]) <= tau * scale, (t == 0 ? "NNGP" : "NTK") + " (" + i + ", " + j
                                    + "): K(c x, x') = " + got[t] + ", c^deg K(x, x') = " + exp[t] + ", c = " + c);
                        }
                    }
                });
    }

    /** An orthogonal matrix and the inputs it rotates. */
    record Rotation(DMatrixRMaj q, Gens.Pair inputs) {
        @Override
        public String toString() {
            return "Q = " + java.util.Arrays.toString(q.data) + ", " + inputs;
        }
    }

    /**
     * Rotation invariance: K depends on the inputs only through x·x', |x|, |x'|, so K(XQ, X'Q) =
     * K(X, X') for orthogonal Q. Bound: τ of {@link Bounds} with d + 8 replaced by 3d + 8 (the
     * products XQ and the orthogonality of the computed Q add 2d u).
     */
    @Test
    void kernelsAreInvariantUnderRotationsOfTheInputSpace() {
        Gens.qt(120).forAll(Gens.networks(5), Gens.separatedPairs(5, 4, 9).flatMap(p -> Gens.orthogonal(p.x1().cols())
                        .map(q -> new Rotation(q, p))))
                .checkAssert((mlp, rot) -> {
                    DMatrixRMaj q = rot.q();
                    DMatrixRMaj x1 = rot.inputs().x1().toEjml();
                    DMatrixRMaj x2 = rot.inputs().x2().toEjml();
                    DMatrixRMaj r1 = CommonOps_DDRM.mult(x1, q, null);
                    DMatrixRMaj r2 = CommonOps_DDRM.mult(x2, q, null);
                    Kernels k = kernels(mlp.network(), x1, x2);
                    Kernels kr = kernels(mlp.network(), r1, r2);
                    int d = x1.numCols;
                    double tau = Bounds.tau(mlp, x1, x2) * (3.0 * d + 8) / (d + 8);
                    double eK = Bounds.maxScaledError(kr.nngp(), k.nngp(), k.diag1().nngp(), k.diag2().nngp());
                    double eT = Bounds.maxScaledError(kr.ntk(), k.ntk(), k.diag1().ntk(), k.diag2().ntk());
                    assertTrue(eK <= tau, "NNGP scaled error " + eK + " > " + tau);
                    assertTrue(eT <= tau, "NTK scaled error " + eT + " > " + tau);
                });
    }

    /** E[φ(u)²] for u ~ N(0, q), written per activation: the diagonal has its own, simpler recursion. */
    static double[] diagonalMap(Activation phi, double q) {
        return switch (phi) {
            case ABRelu r -> new double[] {(r.a() * r.a() + r.b() * r.b()) / 2 * q, (r.a() * r.a() + r.b() * r.b()) / 2};
            case Step s -> new double[] {0.5, 0.0};
            case Erf e -> new double[] {2 / Math.PI * Math.asin(2 * q / (1 + 2 * q)), 4 / Math.PI / Math.sqrt(1 + 4 * q)};
            case Sign s -> new double[] {1.0, 0.0};
            // E[u_+^2n] = q^n (2n − 1)!!/2
            case RectifiedMonomial r -> new double[] {Math.pow(q, r.n()) * oddFactorial(2 * r.n() - 1) / 2,
                r.n() * r.n() * Math.pow(q, r.n() - 1) * oddFactorial(2 * r.n() - 3) / 2};
            // E[sin² u] = (1 − e^(−2q))/2 and E[cos² u] = (1 + e^(−2q))/2, from E[cos 2u] = e^(−2q)
            case Sin f -> new double[] {-0.5 * Math.expm1(-2 * q), 0.5 * (1 + Math.exp(-2 * q))};
            case Cos f -> new double[] {0.5 * (1 + Math.exp(-2 * q)), -0.5 * Math.expm1(-2 * q)};
            case Gaussian f -> new double[] {1 / Math.sqrt(1 + 2 * q), q / Math.pow(1 + 2 * q, 1.5)};
            case Exp f -> new double[] {Math.exp(2 * q), Math.exp(2 * q)};
            // E[φ(u)²] = Σ_ij c_i c_j E[u^(i+j)], Isserlis: E[u^2m] = (2m − 1)!! q^m, odd moments 0
            case Polynomial f -> new double[] {momentSquare(f.coefficients(), q), momentSquare(derivativeOf(f.coefficients()), q)};
            // Φ's step sits at x = 0, so the quadrature splits there (width 1/sqrt(q) in its variable)
            case Gelu g -> new double[] {Quadrature.expect(x -> g.apply(x) * g.apply(x), q, 1e-15 * q, 0.0),
                Quadrature.expect(x -> g.derivative(x) * g.derivative(x), q, 1e-15, 0.0)};
        };
    }

    /** Σ_ij c_i c_j E[u^(i+j)] for u ~ N(0, q). */
    static double momentSquare(double[] c, double q) {
        double s = 0;
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c.length; j++) {
                if ((i + j) % 2 == 0) {
                    s += c[i] * c[j] * oddFactorial(i + j - 1) * Math.pow(q, (i + j) / 2);
                }
            }
        }
        return s;
    }

    /** The coefficients of the derivative, (i + 1) c_(i+1). */
    static double[] derivativeOf(double[] c) {
        double[] d = new double[Math.max(0, c.length - 1)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i + 1) * c[i + 1];
        }
        return d;
    }

    /** (2m − 1)!! = 1 · 3 · ... · (2m − 1), 1 for m ≤ 0. */
    static double oddFactorial(int k) {
        double p = 1;
        for (int i = k; i > 1; i -= 2) {
            p *= i;
        }
        return p;
    }

    /**
     * On the diagonal the angle is 0, and each layer is a function of the variance alone:
     * ABRelu q ↦ (a² + b²) q/2, step q ↦ 1/2, erf q ↦ (2/π) arcsin(2q/(1 + 2q)); then
     * q ← w² q' + b², Θ ← q + w² Ṫ(q) Θ. Every term is positive and every map well conditioned
     * (relative condition ≤ 1), so the relative error grows by a few u per layer:
     * 4 (d + 8 (L + 1)) u.
     */
    @Test
    void theDiagonalFollowsTheOneVariableRecursion() {
        Gens.qt(200).forAll(Gens.networks(12), Gens.inputs(10, 9)).checkAssert((mlp, x) -> {
            Kernels k = kernels(mlp.network(), x.toEjml(), null);
            double w2 = mlp.wStd() * mlp.wStd();
            double b2 = mlp.bStd() * mlp.bStd();
            // gelu's reference maps come from Quadrature, whose stopping rule accepts an interval
            // at 1e-14 of the integrand's scale: that much per layer is the reference's own error
            double tol = 4 * (x.cols() + 8 * (mlp.depth() + 1)) * U
                    + (mlp.phi() instanceof Gelu ? 1e-14 * (mlp.depth() + 1) : 0);
            for (int i = 0; i < x.rows(); i++) {
                double q = w2 * Gens.dot(x, i, x, i) / x.cols() + b2;
                double t = q;
                assertTrue(Math.abs(k.diag1().nngp(1, i) - q) <= tol * q, "layer 0: " + k.diag1().nngp(1, i) + " vs " + q);
                for (int l = 1; l <= mlp.depth(); l++) {
                    double[] m = diagonalMap(mlp.phi(), q);
                    q = w2 * m[0] + b2;
                    t = q + w2 * m[1] * t;
                    double got = k.diag1().nngp(2 * l + 1, i);
                    assertTrue(Math.abs(got - q) <= tol * q, "row " + i + " layer " + l + ": " + got + " vs " + q);
                }
                assertTrue(Math.abs(k.nngp().get(i, i) - q) <= tol * q, "K(x, x) " + k.nngp().get(i, i) + " vs " + q);
                assertTrue(Math.abs(k.ntk().get(i, i) - t) <= tol * t, "Θ(x, x) " + k.ntk().get(i, i) + " vs " + t);
            }
        });
    }

    /**
     * Θ(x, x) ≥ K(x, x): Θ_L = K_L + w² Ṫ Θ_{L−1} with Ṫ, Θ ≥ 0 on the diagonal. Exact in
     * floating point, because fl(s + K) ≥ K for s ≥ 0.
     */
    @Test
    void theNtkDominatesTheNngpOnTheDiagonal() {
        Gens.qt(200).forAll(Gens.networks(10), Gens.inputs(12, 9)).checkAssert((mlp, x) -> {
            Kernels k = kernels(mlp.network(), x.toEjml(), null);
            for (int i = 0; i < x.rows(); i++) {
                assertTrue(k.ntk().get(i, i) >= k.nngp().get(i, i), "row " + i + ": Θ " + k.ntk().get(i, i)
                        + " < K " + k.nngp().get(i, i));
            }
        });
    }

    /** The step's derivative vanishes almost everywhere: its network's NTK is its NNGP, to the bit. */
    @Test
    void stepNetworksHaveAnNtkEqualToTheirNngp() {
        Gens.qt(100).forAll(Gens.networks(6, Generate.constant(Stax.step()), Gens.bStd()).assuming(m -> m.depth() > 0), Gens.inputPairs(10, 9))
                .checkAssert((mlp, p) -> {
                    Kernels k = kernels(mlp.network(), p.x1().toEjml(), p.x2().toEjml());
                    assertTrue(sameBits(k.nngp(), k.ntk()), firstDifference(k.nngp(), k.ntk()));
                });
    }

    /**
     * For ReLU-like φ with slopes 0 ≤ a &lt; b and no bias, the correlation map never lowers the
     * correlation (J(θ)/π ≥ cos θ for the arc-cosine kernel), so ρ_l = K_l(x, x')/sqrt(K_l(x, x)
     * K_l(x', x')) is non-decreasing in depth: deep networks forget angles. Slack: τ of
     * {@link Bounds} per layer.
     */
    @Test
    void reluCorrelationsNeverDecreaseWithDepth() {
        Gens.qt(100).forAll(Gens.networks(8, Gens.between(0, 5).map(i -> (Activation) Stax.leakyRelu(0.1 * i)), Generate.constant(0.0)),
                        Gens.inputPairs(5, 9))
                .checkAssert((mlp, p) -> {
                    DMatrixRMaj x1 = p.x1().toEjml();
                    DMatrixRMaj x2 = p.x2().toEjml();
                    double tau = Bounds.tau(mlp, x1, x2);
                    double[] prev = null;
                    for (int l = 0; l <= mlp.depth(); l++) {
                        Kernels k = kernels(Stax.mlp(l, mlp.phi(), mlp.wStd(), 0), x1, x2);
                        double[] rho = new double[x1.numRows * x2.numRows];
                        for (int i = 0; i < x1.numRows; i++) {
                            for (int j = 0; j < x2.numRows; j++) {
                                rho[i * x2.numRows + j] = k.nngp().get(i, j) / Math.sqrt(k.diag1().nngp()[i] * k.diag2().nngp()[j]);
                            }
                        }
                        for (int e = 0; prev != null && e < rho.length; e++) {
                            assertTrue(rho[e] >= prev[e] - tau, "depth " + l + " entry " + e + ": ρ " + rho[e] + " < " + prev[e]);
                        }
                        prev = rho;
                    }
                });
    }

    /**
     * |erf| ≤ 1, so after a hidden erf layer |K − b²| ≤ w² (up to one rounding of (2/π) arcsin,
     * 4 u), and Θ ≥ K whenever the pre-activation NTK is ≥ 0.
     */
    @Test
    void erfNngpIsBoundedByTheWeightVariance() {
        Gens.qt(150).forAll(Gens.networks(8, Generate.constant(Stax.erf()), Gens.bStd()).assuming(m -> m.depth() > 0), Gens.inputPairs(10, 9))
                .checkAssert((mlp, p) -> {
                    Kernels k = kernels(mlp.network(), p.x1().toEjml(), p.x2().toEjml());
                    double w2 = mlp.wStd() * mlp.wStd();
                    double b2 = mlp.bStd() * mlp.bStd();
                    for (double v : k.nngp().data) {
                        assertTrue(Math.abs(v - b2) <= w2 * (1 + 4 * U) + 4 * U * b2, "K = " + v + " outside b² ± w²");
                    }
                });
    }

}
