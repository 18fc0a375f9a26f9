package org.ntk4j.finite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;
import org.ntk4j.simd.Simd;

/** Monte-Carlo kernels: convergence to the infinite-width kernels, determinism, progress. */
class MonteCarloTest {

    private static double relFrobenius(DMatrixRMaj got, DMatrixRMaj want) {
        return FiniteFixtures.relFrobenius(got.data, want.data);
    }

    /**
     * The acceptance case: width 512, 200 samples, 10 outputs, depth 2, against the kernel
     * command's engine. Error budget (fixed seed, so the test is deterministic; the bounds say
     * what a correct implementation may show). NNGP: given the hidden layer, the S·O = 2000 readouts
     * f_a(x) f_a(x') are independent with variance K_xx K_x'x' + K_xx'², so the relative Frobenius
     * error has standard deviation σ = √(((tr K)² + ‖K‖²) / (S·O ‖K‖²)); the finite-width bias is
     * O(L/n) = 0.4 %. Bound: 3σ + 1 %. NTK: the traced eNTK of one network fluctuates by
     * O(L/√n) ≈ 9 % around its mean and is biased by O(L/n) ≈ 0.4 %; over 200 networks the spread
     * is ≈ 0.6 %: bound 3 %.
     */
    @Test
    void width512Samples200IsWithinAFewPercentOfTheInfiniteWidthKernels() {
        // relu only: erf's MC path is the same code (covered at small sizes below), and this case
        // alone draws 200 networks of 270 000 parameters
        for (String act : new String[] {"relu"}) {
            Network net = Stax.mlp(2, Stax.activation(act, 0, 1), 1.4, 0.1);
            DMatrixRMaj x1 = FiniteFixtures.gaussian(6, 8, 21);
            DMatrixRMaj x2 = FiniteFixtures.gaussian(4, 8, 22);
            MonteCarlo.Estimate mc = new MonteCarlo(net, 512, 10, 200, 2024).estimate(x1, x2, Simd.Impl.AUTO, 2, null);
            Kernels exact = net.kernels(x1, x2);
            Kernels self = net.kernels(x1);
            double eK = relFrobenius(mc.nngp(), exact.nngp());
            double eT = relFrobenius(mc.ntk(), exact.ntk());
            // σ from the cross kernel's own entries: Σ_ij K_ii K'_jj over ‖K‖² uses both diagonals
            Kernels self2 = net.kernels(x2);
            double trace1 = 0;
            double trace2 = 0;
            for (int i = 0; i < 6; i++) {
                trace1 += self.nngp().get(i, i);
            }
            for (int j = 0; j < 4; j++) {
                trace2 += self2.nngp().get(j, j);
            }
            double norm2 = 0;
            for (double v : exact.nngp().data) {
                norm2 += v * v;
            }
            double sigma = Math.sqrt((trace1 * trace2 + norm2) / (200 * 10 * norm2));
            System.out.printf("mc %s: NNGP %.4f (sigma %.4f), NTK %.4f%n", act, eK, sigma, eT);
            assertTrue(eK <= 3 * sigma + 0.01, act + " NNGP relative error " + eK + ", sigma " + sigma);
            assertTrue(eT <= 0.03, act + " NTK relative error " + eT);
        }
    }

    @Test
    void sameSeedSameBitsForAnyThreadCountAndProgressCounts() {
        Network net = Stax.mlp(2, Stax.erf(), 1.3, 0.2);
        DMatrixRMaj x = FiniteFixtures.gaussian(5, 3, 1);
        MonteCarlo mc = new MonteCarlo(net, 40, 3, 13, 77);
        AtomicLong last = new AtomicLong();
        MonteCarlo.Estimate one = mc.estimate(x, null, Simd.Impl.AUTO, 1, (d, t) -> last.set(d * 1000 + t));
        assertTrue(last.get() == 13 * 1000 + 13, "progress reached 13 of 13: " + last.get());
        for (int threads : new int[] {2, 3, 5}) {
            MonteCarlo.Estimate e = mc.estimate(x, null, Simd.Impl.AUTO, threads, null);
            assertArrayEquals(one.nngp().data, e.nngp().data, 0.0, "threads " + threads);
            assertArrayEquals(one.ntk().data, e.ntk().data, 0.0, "threads " + threads);
        }
        MonteCarlo.Estimate other = new MonteCarlo(net, 40, 3, 13, 78).estimate(x, null, Simd.Impl.AUTO, 2, null);
        assertTrue(other.nngp().get(0, 1) != one.nngp().get(0, 1), "another seed, other networks");
    }

    @Test
    void oneSampleIsThatNetworksOutputCovarianceAndTracedEntk() {
        Network net = Stax.mlp(1, Stax.relu(), 1.1, 0.3);
        DMatrixRMaj x1 = FiniteFixtures.gaussian(4, 3, 5);
        DMatrixRMaj x2 = FiniteFixtures.gaussian(2, 3, 6);
        MonteCarlo.Estimate e = new MonteCarlo(net, 16, 4, 1, 9).estimate(x1, x2, Simd.Impl.AUTO, 1, null);
        Mlp mlp = Mlp.init(net, 3, 16, 4, Initializer.sampleSeed(9, 0));
        DMatrixRMaj f1 = mlp.apply(x1);
        DMatrixRMaj f2 = mlp.apply(x2);
        FullNtk full = EmpiricalNtk.defaults().full(mlp, x1, x2);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                double k = 0;
                for (int a = 0; a < 4; a++) {
                    k += f1.get(i, a) * f2.get(j, a) / 4;
                }
                // sums of 4 (or P) terms in another order: 1e-13 relative
                assertTrue(Math.abs(k - e.nngp().get(i, j)) <= 1e-13 * Math.abs(k) + 1e-15, "nngp " + i + "," + j);
                double t = full.trace().get(i, j);
                assertTrue(Math.abs(t - e.ntk().get(i, j)) <= 1e-13 * Math.abs(t), "ntk " + i + "," + j);
            }
        }
    }

    @Test
    void badArgumentsAreRefused() {
        Network net = Stax.mlp(1, Stax.relu(), 1, 0);
        assertThrows(IllegalArgumentException.class, () -> new MonteCarlo(net, 0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MonteCarlo(net, 4, 1, 0, 1));
        MonteCarlo mc = new MonteCarlo(net, 4, 1, 2, 1);
        DMatrixRMaj x = FiniteFixtures.gaussian(2, 3, 1);
        assertThrows(IllegalArgumentException.class, () -> mc.estimate(x, FiniteFixtures.gaussian(2, 4, 1), Simd.Impl.AUTO, 1, null));
        DMatrixRMaj inf = x.copy();
        inf.set(0, 0, Double.POSITIVE_INFINITY);
        String m = assertThrows(IllegalArgumentException.class, () -> mc.estimate(inf, null, Simd.Impl.AUTO, 1, null)).getMessage();
        assertTrue(m.contains("x1 row 0, column 0 is Infinity"), m);
    }
}
