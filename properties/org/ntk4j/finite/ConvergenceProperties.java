package org.ntk4j.finite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.Gens;
import org.ntk4j.Numerics;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.quicktheories.core.Gen;

/**
 * Finite networks approach the infinite-width kernels at the rate theory gives, 1/√width
 * (Jacot et al. 2018; Lee et al. 2018; Hanin &amp; Nica 2020): the error at widths 64 .. 1024 is
 * fitted by a power law and its exponent must lie in [−0.7, −0.3].
 *
 * <p>Why one hidden layer. With W_0, b_0 standard normal, h_1 is exactly Gaussian with covariance
 * K_0 at any width, so every finite kernel below is an average of n_1 i.i.d. per-unit terms whose
 * mean is the analytic kernel: no finite-width bias, and the mean squared error is C/width
 * exactly. Deeper networks add a bias of order L/width that bends the log-log line at small widths
 * and would make the fit test a mixture of rates. The error used is the root mean square over
 * seeds of the relative Frobenius error ‖K̂ − K‖_F/‖K‖_F, whose square is the quantity that scales
 * as 1/width; the seeds are pinned, so each run checks the same draws.
 *
 * <p>Why the slope window is safe. Each relative error of an n × n kernel (n = 4 .. 6) is the norm
 * of a random matrix with ≥ n(n + 1)/2 ≥ 10 entries, so its relative spread is ≲ 1/√(2·10) ≈ 0.22;
 * the RMS over R seeds has ≲ 0.22/√R in log-error. Over ln 64 .. ln 1024 (Σ(u − ū)² = 10 (ln 2)²
 * = 4.8) the fitted slope then has a standard deviation ≲ 0.22/√(4.8 R): 0.035 for R = 8, so
 * ±0.2 around −0.5 is more than 5 standard deviations. Shrinking is off: a statistical failure
 * does not shrink to a meaningful smaller case, and "Seed was N" reproduces it.
 */
class ConvergenceProperties {

    static final double[] WIDTHS = {64, 128, 256, 512, 1024};
    static final double LO = -0.7;
    static final double HI = -0.3;

    /**
     * n = 4 .. 6 inputs in d = 8 with pairwise |cos| ≤ 0.9: linearly independent rows, so the error
     * matrix has n(n + 1)/2 ≥ 10 degrees of freedom (identical rows would leave one, a chi-square
     * with one degree of freedom whose log is too noisy for a five-point fit).
     */
    static Gen<Gens.Matrix> inputs() {
        return Gens.between(4, 6).flatMap(n -> Gens.matrix(n, 8)).assuming(m -> Gens.maxAbsCosine(m, m) <= 0.9);
    }

    static double relFrobenius(DMatrixRMaj got, DMatrixRMaj want) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < want.getNumElements(); i++) {
            double e = got.data[i] - want.data[i];
            num += e * e;
            den += want.data[i] * want.data[i];
        }
        return Math.sqrt(num / den);
    }

    static String table(double[] err) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < err.length; i++) {
            sb.append(String.format(Locale.ROOT, " %d:%.4f", (int) WIDTHS[i], err[i]));
        }
        return sb.toString();
    }

    /**
     * Monte-Carlo NNGP and NTK (S = 16 networks per estimate, R = 3 estimates per width) approach
     * the analytic kernels like 1/√width (observed slopes −0.39 .. −0.61 over 25 random cases). The readout has width/8 units: the NNGP estimate
     * (1/O) Σ_a f_a f_aᵀ has, given the hidden layer, a sampling variance ∝ 1/O that would
     * otherwise not shrink with width and flatten the slope; with O ∝ width the whole mean
     * squared error is ∝ 1/(S·width). The NTK estimate (the traced eNTK) needs no such care.
     */
    @Test
    void monteCarloKernelsConvergeLikeOneOverSqrtWidth() {
        int samples = 16;
        int seeds = 8;
        Gens.qtFixed(4, 20240605L).withShrinkCycles(0).forAll(FiniteGens.oneHiddenLayer(), inputs(), Gens.seeds())
                .checkAssert((spec, x, seed) -> {
                    Network net = spec.network();
                    DMatrixRMaj xs = x.toEjml();
                    Kernels exact = net.kernels(xs);
                    double[] errK = new double[WIDTHS.length];
                    double[] errT = new double[WIDTHS.length];
                    for (int w = 0; w < WIDTHS.length; w++) {
                        int width = (int) WIDTHS[w];
                        for (int r = 0; r < seeds; r++) {
                            MonteCarlo.Estimate e = MonteCarlo.builder(net, new MonteCarlo.Config(width, width / 8, samples, Initializer.sampleSeed(seed, 1000L * w + r))).threads(2).build().estimate(xs);
                            errK[w] += sq(relFrobenius(e.nngp(), exact.nngp())) / seeds;
                            errT[w] += sq(relFrobenius(e.ntk(), exact.ntk())) / seeds;
                        }
                        errK[w] = Math.sqrt(errK[w]);
                        errT[w] = Math.sqrt(errT[w]);
                    }
                    double sK = LogLogFit.slope(WIDTHS, errK);
                    double sT = LogLogFit.slope(WIDTHS, errT);
                    System.out.printf(Locale.ROOT, "mc %s: NNGP slope %.3f%s; NTK slope %.3f%s%n", spec, sK, table(errK),
                            sT, table(errT));
                    assertTrue(sK >= LO && sK <= HI, spec + ": MC NNGP error slope " + sK + ", errors" + table(errK));
                    assertTrue(sT >= LO && sT <= HI, spec + ": MC NTK error slope " + sT + ", errors" + table(errT));
                });
    }

    /**
     * One network's eNTK with one output concentrates on the analytic NTK like 1/√width: it is
     * c_1(x, x') + c_0(x, x') (wStd²/n) Σ_k W_1k² φ'(h_k(x)) φ'(h_k(x')), an average of n i.i.d.
     * unit terms with the NTK as mean. RMS over R = 32 networks per width (slope sd ≲ 0.03;
     * observed −0.41 .. −0.56 over 40 random cases).
     */
    @Test
    void oneNetworksEntkConcentratesLikeOneOverSqrtWidth() {
        int seeds = 32;
        EmpiricalNtk entk = EmpiricalNtk.builder().threads(2).build();
        Gens.qtFixed(8, 777L).withShrinkCycles(0).forAll(FiniteGens.oneHiddenLayer(), inputs(), Gens.seeds()).checkAssert((spec, x, seed) -> {
            Network net = spec.network();
            DMatrixRMaj xs = x.toEjml();
            DMatrixRMaj exact = net.kernels(xs).ntk();
            double[] err = new double[WIDTHS.length];
            for (int w = 0; w < WIDTHS.length; w++) {
                for (int r = 0; r < seeds; r++) {
                    Mlp mlp = Mlp.init(net, new Mlp.Shape(8, (int) WIDTHS[w], 1), Initializer.sampleSeed(seed, 1000L * w + r));
                    err[w] += sq(relFrobenius(entk.trace(mlp, xs), exact)) / seeds;
                }
                err[w] = Math.sqrt(err[w]);
            }
            double s = LogLogFit.slope(WIDTHS, err);
            System.out.printf(Locale.ROOT, "entk %s: slope %.3f%s%n", spec, s, table(err));
            assertTrue(s >= LO && s <= HI, spec + ": eNTK error slope " + s + ", errors" + table(err));
        });
    }

    /** Depth 1 .. 2, 2 .. 4 outputs: networks whose FULL kernel has off-diagonal output blocks. */
    static Gen<Object[]> multiOutput() {
        return Gens.networks(2).assuming(m -> m.depth() >= 1 && Gens.monteCarloFriendly(m)).zip(Gens.between(2, 4), (m, o) -> new Object[] {m, o});
    }

    /**
     * The logit-summed eNTK approaches FULL: Θ_ab → δ_ab Θ at infinite width, and both the
     * off-diagonal blocks Θ_ab (a ≠ b, sums over n units of products of independent zero-mean
     * readout weights) and the spread of the diagonal blocks shrink like 1/√width, so
     * ‖FULL − LOGITS ⊗ I‖_F/‖FULL‖_F, averaged (RMS) over R = 8 networks per width, has a negative
     * fitted slope, the error at 1024 is below the error at 64, and the slope is in the same
     * window [−0.7, −0.3]. Networks with φ' = 0 (step, sign) have FULL = LOGITS ⊗ I at every width.
     */
    @Test
    void logitsApproachFullAsWidthGrows() {
        int seeds = 8;
        EmpiricalNtk entk = EmpiricalNtk.builder().threads(2).build();
        Gens.qtFixed(4, 4242L).withShrinkCycles(0)
                .forAll(multiOutput(), inputs(), Gens.seeds()).checkAssert((mo, x, seed) -> {
                    Gens.Mlp spec = (Gens.Mlp) mo[0];
                    int outputs = (Integer) mo[1];
                    DMatrixRMaj xs = x.toEjml();
                    double[] err = new double[WIDTHS.length];
                    for (int w = 0; w < WIDTHS.length; w++) {
                        for (int r = 0; r < seeds; r++) {
                            Mlp mlp = Mlp.init(spec.network(), new Mlp.Shape(8, (int) WIDTHS[w], outputs),
                                    Initializer.sampleSeed(seed, 1000L * w + r));
                            FullNtk full = entk.full(mlp, xs);
                            err[w] += sq(full.relativeErrorOf(entk.logits(mlp, xs))) / seeds;
                        }
                        err[w] = Math.sqrt(err[w]);
                    }
                    double s = LogLogFit.slope(WIDTHS, err);
                    System.out.printf(Locale.ROOT, "logits %s O %d: slope %.3f%s%n", spec, outputs, s, table(err));
                    if (spec.phi().tdot(1, 1, 1) == 0) {
                        // φ' = 0 (step, sign, a constant): only the readout layer contributes, FULL = c_L ⊗ I exactly; LOGITS
                        // is (O c_L)/O, two roundings: ≤ 2u relative (Frobenius over the blocks)
                        for (double e : err) {
                            assertTrue(e <= 2 * Numerics.U, spec + ": step network's FULL is LOGITS ⊗ I, error " + e);
                        }
                        return;
                    }
                    // the rate is 1/√width as for the kernels above (observed −0.42 .. −0.56 over
                    // 20 random cases); the minimum is a decrease, the window states the rate
                    assertTrue(s < 0 && err[WIDTHS.length - 1] < err[0], spec + " O " + outputs
                            + ": ‖FULL − LOGITS⊗I‖/‖FULL‖ does not decrease, slope " + s + ", errors" + table(err));
                    assertTrue(s >= LO && s <= HI, spec + " O " + outputs + ": ‖FULL − LOGITS⊗I‖/‖FULL‖ slope " + s
                            + ", errors" + table(err));
                });
    }

    /**
     * LOGITS − TRACE = (1/O) Σ_{a≠b} Θ_ab, whose expectation over the initialisation is 0 (each
     * term carries W_L,a · W_L,b with independent zero-mean rows): averaged over R = 32 networks of
     * width 256, each entry is within a few standard errors of 0. With D̄ the mean and s²_ij the
     * sample variance of entry (i, j), E‖D̄‖²_F = Σ_ij σ²_ij / R; the bound is 4 sqrt(Σ_ij s²_ij / R),
     * i.e. ‖D̄‖²_F at most 16 times its expectation, which a sum of squared near-Gaussian means
     * exceeds with probability below 1e-4 (χ² with one degree of freedom, the worst case). A LOGITS
     * that missed the 1/O or a cross term would have a mean of the order of TRACE itself.
     */
    @Test
    void logitsMinusTraceHasMeanZeroOverTheInitialisation() {
        int seeds = 32;
        int width = 256;
        EmpiricalNtk entk = EmpiricalNtk.builder().threads(2).build();
        Gens.qtFixed(6, 31337L).withShrinkCycles(0)
                .forAll(multiOutput(), inputs(), Gens.seeds()).checkAssert((mo, x, seed) -> {
                    Gens.Mlp spec = (Gens.Mlp) mo[0];
                    int outputs = (Integer) mo[1];
                    DMatrixRMaj xs = x.toEjml();
                    int nn = xs.numRows * xs.numRows;
                    double[] sum = new double[nn];
                    double[] sumSq = new double[nn];
                    double[] trace = new double[nn];
                    for (int r = 0; r < seeds; r++) {
                        Mlp mlp = Mlp.init(spec.network(), new Mlp.Shape(8, width, outputs), Initializer.sampleSeed(seed, r));
                        DMatrixRMaj l = entk.logits(mlp, xs);
                        DMatrixRMaj t = entk.trace(mlp, xs);
                        for (int ij = 0; ij < nn; ij++) {
                            double d = l.data[ij] - t.data[ij];
                            sum[ij] += d;
                            sumSq[ij] += d * d;
                            trace[ij] += t.data[ij] / seeds;
                        }
                    }
                    double mean2 = 0;
                    double var = 0;
                    double tr2 = 0;
                    for (int ij = 0; ij < nn; ij++) {
                        double m = sum[ij] / seeds;
                        mean2 += m * m;
                        var += (sumSq[ij] - seeds * m * m) / (seeds - 1);
                        tr2 += trace[ij] * trace[ij];
                    }
                    double bound = 4 * Math.sqrt(var / seeds);
                    System.out.printf(Locale.ROOT, "logits-trace %s O %d: |mean| %.3g, bound %.3g, |mean|/|TRACE| %.3g, z %.2f%n",
                            spec, outputs, Math.sqrt(mean2), bound, Math.sqrt(mean2 / tr2), Math.sqrt(mean2 / (var / seeds)));
                    assertTrue(Math.sqrt(mean2) <= bound, spec + " O " + outputs + ": ‖mean(LOGITS − TRACE)‖ "
                            + Math.sqrt(mean2) + " > " + bound + " (4 standard errors over " + seeds + " networks)");
                });
    }

    static double sq(double v) {
        return v * v;
    }
}
