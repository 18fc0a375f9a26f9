package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.Numerics.U;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.Bounds;
import org.ntk4j.Gens;
import org.ntk4j.simd.Recursion;
import org.ntk4j.simd.Simd;

/**
 * The contracts around the recursion: each activation's scalar kernel map is the map the engine
 * runs, its pointwise function and derivative are what the finite network will use, the program
 * lists the layers in order, progress counts every tile, and kernels too large for the heap are
 * refused before any allocation.
 */
class ContractProperties {

    /**
     * Activation.nngp / tdot (the scalar reference per activation) against the engine: one hidden
     * layer with w = 1, b = 0 gives K = E[φφ](K0) and Θ = K + Ṫ(K0) K0, K0 = x·x'/d. Within τ of
     * {@link Bounds}.
     */
    @Test
    void anActivationsScalarKernelMapIsTheMapTheEngineRuns() {
        Gens.qt(150).forAll(Gens.activations(), Gens.separatedPairs(4, 3, 7)).checkAssert((phi, p) -> {
            Gens.Mlp mlp = new Gens.Mlp(1, phi, 1, 0);
            DMatrixRMaj x1 = p.x1().toEjml();
            DMatrixRMaj x2 = p.x2().toEjml();
            Kernels k = mlp.network().kernels(x1, x2);
            double tau = Bounds.tau(mlp, x1, x2);
            int d = x1.numCols;
            for (int i = 0; i < x1.numRows; i++) {
                for (int j = 0; j < x2.numRows; j++) {
                    double k12 = Gens.dot(p.x1(), i, p.x2(), j) / d;
                    double k11 = Gens.dot(p.x1(), i, p.x1(), i) / d;
                    double k22 = Gens.dot(p.x2(), j, p.x2(), j) / d;
                    double kk = phi.nngp(k12, k11, k22);
                    double tt = kk + phi.tdot(k12, k11, k22) * k12;
                    double sK = Math.sqrt(k.diag1().nngp()[i] * k.diag2().nngp()[j]);
                    double sT = Math.sqrt(k.diag1().ntk()[i] * k.diag2().ntk()[j]);
                    assertTrue(Math.abs(k.nngp().get(i, j) - kk) <= tau * sK, phi.describe() + " NNGP " + k.nngp().get(i, j) + " vs " + kk);
                    assertTrue(Math.abs(k.ntk().get(i, j) - tt) <= tau * sT, phi.describe() + " NTK " + k.ntk().get(i, j) + " vs " + tt);
                }
            }
        });
    }

    /**
     * φ and φ' for the finite network: ABRelu is a x / b x with φ(c x) = c φ(x) for c &gt; 0 and
     * φ' = φ(x)/x; erf' matches a central difference (h = 1e-5: truncation h² |erf'''|/6 ≤ 2e-11,
     * cancellation 2u/h ≈ 2e-11, so 1e-9 is ample); the step is 1[x &gt; 0] with φ' = 0.
     */
    @Test
    void activationValuesAndDerivativesAreThoseOfTheirFunctions() {
        Gens.qt(300).forAll(Gens.activations(), doubles().between(-6, 6), doubles().between(0.01, 100)).checkAssert((phi, x, c) -> {
            switch (phi) {
                case ABRelu r -> {
                    assertEquals(x < 0 ? r.a() * x : r.b() * x, r.apply(x), 0.0);
                    assertEquals(x < 0 ? r.a() : r.b(), r.derivative(x), 0.0);
                    assertEquals(c * r.apply(x), r.apply(c * x), 4 * U * Math.abs(c * r.apply(x)));
                    assertEquals(r.a() != r.b(), r.needsAngle());
                }
                case Erf e -> {
                    double h = 1e-5;
                    double fd = (e.apply(x + h) - e.apply(x - h)) / (2 * h);
                    assertEquals(fd, e.derivative(x), 1e-9, "erf'(" + x + ")");
                    assertEquals(-e.apply(x), e.apply(-x), 0.0, "erf is odd");
                    assertTrue(Math.abs(e.apply(x)) <= 1 && !e.needsAngle());
                }
                case Step s -> {
                    assertEquals(x > 0 ? 1.0 : 0.0, s.apply(x), 0.0);
                    assertEquals(0.0, s.apply(0.0), 0.0, "1[x > 0] at 0");
                    assertEquals(0.0, s.derivative(x), 0.0);
                    assertTrue(s.needsAngle());
                    assertEquals(0.0, s.tdot(x, 1, 1), 0.0);
                }
                case Sign s -> {
                    assertEquals(x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0, s.apply(x), 0.0);
                    assertEquals(0.0, s.derivative(x), 0.0);
                    assertTrue(s.needsAngle());
                    assertEquals(0.0, s.tdot(x, 1, 1), 0.0);
                }
                case RectifiedMonomial r -> {
                    assertEquals(x > 0 ? Math.pow(x, r.n()) : 0.0, r.apply(x), 4 * U * Math.pow(Math.abs(x), r.n()));
                    centralDifference(r, x);
                    assertTrue(r.needsAngle());
                }
                case Gelu g -> {
                    // Φ(x) + Φ(−x) = 1, so gelu(x) − gelu(−x) = x
                    assertEquals(x, g.apply(x) - g.apply(-x), 8 * U * Math.max(1, Math.abs(x)), "gelu(x) - gelu(-x)");
                    centralDifference(g, x);
                }
                case Sin f -> {
                    assertEquals(Math.sin(x), f.apply(x), 2 * U);
                    centralDifference(f, x);
                }
                case Cos f -> {
                    assertEquals(Math.cos(x), f.apply(x), 2 * U);
                    centralDifference(f, x);
                }
                case Gaussian f -> {
                    assertEquals(Math.exp(-x * x / 2), f.apply(x), 4 * U);
                    centralDifference(f, x);
                }
                case Exp f -> {
                    assertEquals(1.0, f.apply(x) * f.apply(-x), 4 * U, "e^x e^-x");
                    assertEquals(f.apply(x), f.derivative(x), 0.0);
                }
                case Polynomial f -> {
                    // Σ c_i x^i term by term against Horner: both err by at most 2(D + 1) u Σ |c_i| |x|^i
                    double[] co = f.coefficients();
                    double sum = 0;
                    double abs = 0;
                    for (int i = 0; i < co.length; i++) {
                        sum += co[i] * Math.pow(x, i);
                        abs += Math.abs(co[i] * Math.pow(x, i));
                    }
                    assertEquals(sum, f.apply(x), 4 * (co.length + 1) * U * abs, f.describe() + "(" + x + ")");
                    assertTrue(!f.needsAngle());
                    // the catalog's samples (degree ≤ 3, |c_i| ≤ 1) keep Horner's error 8 u Σ|c_i||x|^i
                    // ≤ 8 u 1.2 |φ| + ... below the difference's 1e-9 budget times h (see centralDifference)
                    centralDifference(f, x);
                }
            }
            assertTrue(!phi.describe().isBlank());
        });
    }

    /**
     * φ' against the central difference (φ(x + h) − φ(x − h))/(2h), h = 1e-5: truncation
     * h² |φ'''|/6 and cancellation 2u|φ|/h stay below 1e-9 relative to max(1, |φ|, |φ'|) on
     * [−6, 6] for the smooth activations here (|φ'''| ≤ 3 max(1, |φ|, |φ'|) for all of them but
     * exp, whose φ' is checked exactly).
     */
    static void centralDifference(Activation phi, double x) {
        double h = 1e-5;
        double fd = (phi.apply(x + h) - phi.apply(x - h)) / (2 * h);
        double scale = Math.max(1, Math.max(Math.abs(phi.apply(x)), Math.abs(phi.derivative(x))));
        assertEquals(fd, phi.derivative(x), 1e-9 * scale, phi.describe() + "'(" + x + ")");
    }

    /**
     * A layer's description is its text in the --net grammar: parsing a network's toString gives
     * an equal network, for every catalog entry and random parameters (doubles print exactly).
     */
    @Test
    void descriptionsParseBackToEqualLayers() {
        Gens.qt(100).forAll(Gens.wStd(), Gens.bStd(), doubles().between(-1.5, 1.5), doubles().between(-1.5, 1.5))
                .checkAssert((w, b, a, c) -> {
                    for (Activation phi : List.of(Stax.abRelu(a, c), Stax.abRelu(a, a), Stax.leakyRelu(a), Stax.relu(),
                            Stax.erf(), Stax.step(), Stax.abs(), Stax.identity())) {
                        Network net = Stax.serial(Stax.dense(w, b), phi, Stax.dense(1, 0));
                        assertEquals(net, Stax.parse(net.toString()), net.toString());
                    }
                    for (Activation phi : org.ntk4j.kernel.Catalog.sampleActivations()) {
                        Network net = Stax.serial(Stax.dense(w, b), phi, Stax.dense(w, b));
                        assertEquals(net, Stax.parse(net.toString()), net.toString());
                    }
                });
        assertEquals("relu", Stax.relu().describe());
        assertEquals("leaky-relu(0.1)", Stax.leakyRelu(0.1).describe());
        assertEquals("abrelu(-0.5, 2)", Stax.abRelu(-0.5, 2).describe());
        assertEquals("dense(1.5, 0.05),erf,dense(1, 0)", Stax.serial(Stax.dense(1.5, 0.05), Stax.erf(), Stax.dense(1, 0)).toString());
    }

    /** The recursion is the layer list: dense ops (w², b²) and the activations, alternating. */
    @Test
    void theRecursionListsTheLayersInOrder() {
        Gens.qt(150).forAll(Gens.networks(12)).checkAssert(mlp -> {
            Recursion pr = Recursion.of(mlp.network());
            assertEquals(2 * mlp.depth() + 1, pr.length());
            assertEquals(mlp.depth(), mlp.network().hiddenLayers());
            for (int p = 0; p < pr.length(); p++) {
                if (p % 2 == 0) {
                    assertTrue(pr.isDense(p));
                    assertEquals(mlp.wStd() * mlp.wStd(), pr.weightVariance(p), 0.0);
                    assertEquals(mlp.bStd() * mlp.bStd(), pr.biasVariance(p), 0.0);
                    assertTrue(!pr.needsAngle(p));
                } else {
                    assertTrue(!pr.isDense(p));
                    assertEquals(mlp.phi(), pr.activation(p));
                    assertEquals(mlp.phi().needsAngle(), pr.needsAngle(p));
                }
            }
            Gens.Mlp m = mlp;
            Network serial = mlp.depth() == 0 ? Stax.serial(Stax.dense(m.wStd(), m.bStd()))
                    : Stax.serial(Stax.dense(m.wStd(), m.bStd()), m.phi(), Stax.dense(m.wStd(), m.bStd()));
            assertEquals(Stax.mlp(Math.min(1, m.depth()), m.phi(), m.wStd(), m.bStd()).layers(), serial.layers(), "serial == mlp");
            Network chained = Stax.serial(Stax.dense(mlp.wStd(), mlp.bStd()), Stax.relu(), Stax.dense(1, 0), Stax.erf(),
                    Stax.dense(1, 0), Stax.step(), Stax.dense(1, 0), Stax.abRelu(2, 2), Stax.dense(1, 0));
            assertEquals(9, Recursion.of(chained).length());
            assertEquals(chained, Stax.parse(chained.toString()), chained.toString());
        });
    }

    /** Progress is reported once per tile, ending at the total, from any number of threads. */
    @Test
    void progressCountsEveryTileUpToTheTotal() {
        Gens.qt(60).forAll(Gens.inputs(30, 5), Gens.between(1, 9), Gens.between(1, 3), Gens.between(0, 12)).checkAssert((x, tile, threads, n2) -> {
            List<long[]> calls = java.util.Collections.synchronizedList(new ArrayList<>());
            KernelEngine e = KernelEngine.builder().tileSize(tile).threads(threads).progress((done, total) -> calls.add(new long[] {done, total})).build();
            assertEquals(threads, e.threads());
            assertEquals(Simd.Impl.VECTOR, e.impl());
            DMatrixRMaj x2 = n2 == 0 ? null : new DMatrixRMaj(n2, x.cols());
            if (x2 != null) {
                java.util.Arrays.fill(x2.data, 0.5);
            }
            e.compute(Stax.mlp(1, Stax.relu(), 1, 0.1), x.toEjml(), x2);
            // Tiles are `tile` rows by 8 * tile columns; the symmetric case starts each row block on the diagonal.
            int span = 8 * tile;
            long expected = 0;
            for (int i0 = 0; i0 < x.rows(); i0 += tile) {
                int cols = x2 == null ? x.rows() - i0 : n2;
                expected += (cols + span - 1) / span;
            }
            assertEquals(expected, calls.size(), "one call per tile");
            long max = 0;
            for (long[] c : calls) {
                assertEquals(expected, c[1]);
                max = Math.max(max, c[0]);
            }
            assertEquals(expected, max, "the last call reports total");
        });
    }

    /**
     * Kernels that cannot exist are refused before allocation: more entries than a Java array holds,
     * or more bytes than the heap has free (the inputs themselves are a few hundred kB).
     */
    @Test
    void kernelsTooLargeForAnArrayOrTheHeapAreRefusedUpFront() {
        Gens.qt(20).forAll(Gens.between(46_400, 60_000), Gens.between(20_000, 46_000)).checkAssert((big, mid) -> {
            DMatrixRMaj xb = new DMatrixRMaj(big, 1);
            java.util.Arrays.fill(xb.data, 1.0);
            Network net = Stax.mlp(1, Stax.erf(), 1, 0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.kernels(xb));
            assertTrue(e.getMessage().contains("more than a Java array holds") && e.getMessage().contains(big + " x " + big),
                    e.getMessage());
            long need = 16L * mid * mid;
            Runtime rt = Runtime.getRuntime();
            if (need > 2 * rt.maxMemory()) {
                DMatrixRMaj xm = new DMatrixRMaj(mid, 1);
                java.util.Arrays.fill(xm.data, 1.0);
                IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> net.kernels(xm));
                assertTrue(m.getMessage().contains("-Xmx") && m.getMessage().contains("GiB") && !m.getMessage().contains("\n"),
                        m.getMessage());
            }
        });
    }

    /** Simd.resolve: explicit choices stand, AUTO follows -Dntk4j.impl, else the Vector API. */
    @Test
    void theImplementationSwitchResolvesAsDocumented() {
        Gens.qt(20).forAll(org.quicktheories.generators.Generate.pick(List.of("scalar", "SCALAR", " vector ", "auto"))).checkAssert(name -> {
            assertEquals(Simd.Impl.SCALAR, Simd.resolve(Simd.Impl.SCALAR));
            assertEquals(Simd.Impl.VECTOR, Simd.resolve(Simd.Impl.VECTOR));
            assertEquals("scalar", Simd.ops(Simd.Impl.SCALAR).name());
            assertEquals("vector", Simd.ops(Simd.Impl.VECTOR).name());
            String before = System.getProperty("ntk4j.impl");
            try {
                System.setProperty("ntk4j.impl", name);
                Simd.Impl want = name.trim().equalsIgnoreCase("scalar") ? Simd.Impl.SCALAR : Simd.Impl.VECTOR;
                assertEquals(want, Simd.resolve(Simd.Impl.AUTO));
                assertEquals(want == Simd.Impl.SCALAR ? "scalar" : "vector", Simd.ops(Simd.Impl.AUTO).name());
                System.clearProperty("ntk4j.impl");
                assertEquals(Simd.Impl.VECTOR, Simd.resolve(Simd.Impl.AUTO));
            } finally {
                if (before == null) {
                    System.clearProperty("ntk4j.impl");
                } else {
                    System.setProperty("ntk4j.impl", before);
                }
            }
        });
    }
}
