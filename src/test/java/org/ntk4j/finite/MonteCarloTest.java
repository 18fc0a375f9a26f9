package org.ntk4j.finite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;

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
        // relu, and the smooth closed forms the activation issue names (gelu, sin); each case draws
        // 200 networks of 270 000 parameters. The other activations' MC path is the same code,
        // covered at small sizes by the catalog contract's convergence-rate property.
        for (String act : new String[] {"relu", "gelu", "sin"}) {
            Network net = Stax.mlp(2, Stax.activation(act), 1.4, 0.1);
            DMatrixRMaj x1 = FiniteFixtures.gaussian(6, 8, 21);
            DMatrixRMaj x2 = FiniteFixtures.gaussian(4, 8, 22);
            MonteCarlo.Estimate mc = MonteCarlo.builder(net, new MonteCarlo.Config(512, 10, 200, 2024)).threads(2).build().estimate(x1, x2);
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
        MonteCarlo.Config config = new MonteCarlo.Config(40, 3, 13, 77);
        AtomicLong last = new AtomicLong();
        MonteCarlo.Estimate one = MonteCarlo.builder(net, config).threads(1).progress((d, t) -> last.set(d * 1000 + t)).build().estimate(x);
        assertTrue(last.get() == 13 * 1000 + 13, "progress reached 13 of 13: " + last.get());
        for (int threads : new int[] {2, 3, 5}) {
            MonteCarlo mc = MonteCarlo.builder(net, config).threads(threads).build();
            assertEquals(threads, mc.threads());
            MonteCarlo.Estimate e = mc.estimate(x);
            assertArrayEquals(e.nngp().data, mc.estimate(x).nngp().data, 0.0, "the engine's pool, reused");
            assertArrayEquals(one.nngp().data, e.nngp().data, 0.0, "threads " + threads);
            assertArrayEquals(one.ntk().data, e.ntk().data, 0.0, "threads " + threads);
        }
        MonteCarlo.Estimate other = MonteCarlo.builder(net, new MonteCarlo.Config(40, 3, 13, 78)).threads(2).build().estimate(x);
        assertTrue(other.nngp().get(0, 1) != one.nngp().get(0, 1), "another seed, other networks");
    }

    @Test
    void oneSampleIsThatNetworksOutputCovarianceAndTracedEntk() {
        Network net = Stax.mlp(1, Stax.relu(), 1.1, 0.3);
        DMatrixRMaj x1 = FiniteFixtures.gaussian(4, 3, 5);
        DMatrixRMaj x2 = FiniteFixtures.gaussian(2, 3, 6);
        MonteCarlo.Estimate e = MonteCarlo.builder(net, new MonteCarlo.Config(16, 4, 1, 9)).threads(1).build().estimate(x1, x2);
        Mlp mlp = Mlp.init(net, new Mlp.Shape(3, 16, 4), Initializer.sampleSeed(9, 0));
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
    void oneUnitOneOutputOneSampleAndOneInputColumnAreEnough() {
        Network net = Stax.mlp(1, Stax.relu(), 1.1, 0.3);
        DMatrixRMaj x = FiniteFixtures.gaussian(3, 1, 2);
        MonteCarlo.Estimate e = MonteCarlo.builder(net, new MonteCarlo.Config(1, 1, 1, 4)).threads(1).build().estimate(x);
        DMatrixRMaj f = Mlp.init(net, new Mlp.Shape(1, 1, 1), Initializer.sampleSeed(4, 0)).apply(x);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double k = f.get(i, 0) * f.get(j, 0);   // f fᵀ / O with O = 1: one rounding
                assertEquals(k, e.nngp().get(i, j), Math.ulp(k), "nngp " + i + "," + j);
            }
        }
        String m = assertThrows(IllegalArgumentException.class, () -> new MonteCarlo(net, new MonteCarlo.Config(4, 0, 1, 1))).getMessage();
        assertTrue(m.endsWith("got 4, 0, 1"), m);
    }

    @Test
    void moreThanAJavaArrayIsRefusedBeforeTheHeapCheck() {
        MonteCarlo mc = new MonteCarlo(Stax.mlp(1, Stax.relu(), 1, 0), new MonteCarlo.Config(1, 1, 1, 1));
        DMatrixRMaj tall = new DMatrixRMaj(50000, 1);   // 50000² = 2.5e9 entries
        String m = assertThrows(IllegalArgumentException.class,
                () -> mc.estimate(tall, tall)).getMessage();
        assertTrue(m.contains("50000 x 50000") && m.contains("more than a Java array holds"), m);
    }

    private static final Pattern FREE = Pattern.compile("the JVM has ([0-9.]+) (GiB|MiB) of heap free");

    @Test
    void buffersBeyondTheHeapAreRefusedWithTheirSizeAndTheHeapFree() {
        // 4 threads and 8 samples: a wave of 8 samples in flight, each with two n × n buffers, and
        // the two sums: 16 n² (8 + 1) bytes; n² = max/64 makes that 2.25 × the heap while one
        // n × n kernel (what the eNTK check asks for) is an eighth of it
        Runtime rt = Runtime.getRuntime();
        long max = rt.maxMemory();
        int n = (int) Math.ceil(Math.sqrt(max / 64.0));
        assumeTrue((long) n * n <= Integer.MAX_VALUE - 8, "a heap below 128 GiB");
        DMatrixRMaj x = new DMatrixRMaj(n, 1);
        MonteCarlo mc = MonteCarlo.builder(Stax.mlp(1, Stax.relu(), 1, 0), new MonteCarlo.Config(1, 1, 8, 1)).threads(4).build();
        long freeBefore = max - (rt.totalMemory() - rt.freeMemory());
        String m = assertThrows(IllegalArgumentException.class, () -> mc.estimate(x))
                .getMessage();
        long need = 16L * n * n * (8 + 1);
        assertTrue(m.startsWith("the Monte-Carlo estimate (its sample buffers and sums) needs " + org.ntk4j.linalg.MemoryCheck.format(need) + " but"), m);
        Matcher f = FREE.matcher(m);
        assertTrue(f.find(), m);
        double free = Double.parseDouble(f.group(1)) * (f.group(2).equals("GiB") ? 1L << 30 : 1L << 20);
        // printed to 0.1 of its unit; the heap only frees up between the two readings (nothing
        // large is allocated in between), so what it reports is at least what was free before
        double half = 0.05 * (f.group(2).equals("GiB") ? 1L << 30 : 1L << 20);
        assertTrue(free + half >= freeBefore - (1L << 20) && free - half <= max, free + " free, " + freeBefore + " before");
    }

    @Test
    void buffersJustBeyondTheMaximumHeapAreRefused() {
        // one sample: 2 buffers + 2 sums of n1 × n2 doubles = 32 n1 n2 bytes, just over the maximum
        // heap, so more than is free whenever anything at all is in use
        long max = Runtime.getRuntime().maxMemory();
        int n1 = (int) Math.ceil(Math.sqrt(max / 32.0));
        int n2 = (int) (max / 32 / n1 + 1);
        assumeTrue((long) n1 * n2 <= Integer.MAX_VALUE - 8, "a heap below 64 GiB");
        MonteCarlo mc = MonteCarlo.builder(Stax.mlp(1, Stax.relu(), 1, 0), new MonteCarlo.Config(1, 1, 1, 1)).threads(1).build();
        String m = assertThrows(IllegalArgumentException.class,
                () -> mc.estimate(new DMatrixRMaj(n1, 1), new DMatrixRMaj(n2, 1))).getMessage();
        assertTrue(m.startsWith("the Monte-Carlo estimate (its sample buffers and sums) needs "), m);
    }

    @Test
    void badArgumentsAreRefused() {
        Network net = Stax.mlp(1, Stax.relu(), 1, 0);
        assertThrows(IllegalArgumentException.class, () -> new MonteCarlo(net, new MonteCarlo.Config(0, 1, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> new MonteCarlo(net, new MonteCarlo.Config(4, 1, 0, 1)));
        assertThrows(IllegalArgumentException.class, () -> MonteCarlo.builder(net, new MonteCarlo.Config(4, 1, 1, 1)).threads(0));
        MonteCarlo mc = new MonteCarlo(net, new MonteCarlo.Config(4, 1, 2, 1));
        DMatrixRMaj x = FiniteFixtures.gaussian(2, 3, 1);
        assertThrows(IllegalArgumentException.class, () -> mc.estimate(x, FiniteFixtures.gaussian(2, 4, 1)));
        DMatrixRMaj inf = x.copy();
        inf.set(0, 0, Double.POSITIVE_INFINITY);
        String m = assertThrows(IllegalArgumentException.class, () -> mc.estimate(inf)).getMessage();
        assertTrue(m.contains("x1 row 0, column 0 is Infinity"), m);
    }
}
