package org.ntk4j.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.Numerics.U;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntk4j.Coverage;
import org.ntk4j.Gens;
import org.ntk4j.Gens.Mlp;

/**
 * The hand-vectorised hot loops against the scalar reference, on lengths 0 .. 4·lanes + 3
 * generated first and data second, so that every tail length occurs (checked by {@link Coverage}).
 */
class VectorScalarProperties {

    static final KernelOps SCALAR = Simd.ops(Simd.Impl.SCALAR);
    static final KernelOps VECTOR = Simd.ops(Simd.Impl.VECTOR);

    @BeforeAll
    static void vectorApiIsPresent() {
        assertTrue(Simd.vectorAvailable() && Simd.lanes() > 1, "the properties run with --add-modules=jdk.incubator.vector");
        assertEquals("scalar", SCALAR.name());
        assertEquals("vector", VECTOR.name());
        assertEquals(1, SCALAR.lanes());
        assertEquals(Simd.lanes(), VECTOR.lanes());
    }

    /** A Gram problem: ra × d block against rb × d, placed at offsets in larger arrays. */
    record GramCase(int ra, int rb, int d, int off, double[] a, double[] b) {
        @Override
        public String toString() {
            return "ra " + ra + ", rb " + rb + ", d " + d + ", off " + off + ", a " + java.util.Arrays.toString(a)
                    + ", b " + java.util.Arrays.toString(b);
        }
    }

    static org.quicktheories.core.Gen<GramCase> gramCases() {
        return Gens.between(0, 9).zip(Gens.between(0, 9), Gens.lengths(), Gens.between(0, 3), (ra, rb, d, off) -> new int[] {ra, rb, d, off})
                .flatMap(s -> Gens.values(s[0] * s[2] + s[3], -2, 2).zip(Gens.values(s[1] * s[2] + s[3], -2, 2),
                        (a, b) -> new GramCase(s[0], s[1], s[2], s[3], a, b)));
    }

    /**
     * Gram entries agree bit for bit: both implementations compute each entry as one FMA chain
     * c ← fma(a_k, b_k, c) in ascending k from c = 0 (the vector kernel keeps one chain per lane and
     * never sums lanes), so there is no rounding difference to bound.
     */
    @Test
    void gramMatchesTheScalarReferenceBitForBit() {
        Coverage cov = new Coverage("gram d");
        Gens.qt(300).forAll(gramCases()).checkAssert(c -> {
            cov.length(c.d());
            int ld = c.rb() + 2;
            double[] vs = new double[c.off() + c.ra() * ld];
            double[] sc = new double[vs.length];
            VECTOR.gram(c.a(), c.off(), c.ra(), c.b(), c.off(), c.rb(), c.d(), vs, c.off(), ld);
            SCALAR.gram(c.a(), c.off(), c.ra(), c.b(), c.off(), c.rb(), c.d(), sc, c.off(), ld);
            for (int i = 0; i < c.ra(); i++) {
                for (int j = 0; j < c.rb(); j++) {
                    int at = c.off() + i * ld + j;
                    assertEquals(sc[at], vs[at], "(" + i + ", " + j + ")");
                }
            }
            for (int i = 0; i < vs.length; i++) {
                if (i < c.off() || (i - c.off()) % ld >= c.rb()) {
                    assertEquals(0.0, vs[i], "vector gram wrote outside its block at " + i);
                }
            }
        });
        cov.assertEveryTail();
    }

    /**
     * The packed kernel's blocking is invisible: shapes that cross its micro-tile (24 rows of a,
     * 8 of b), block (120 rows of a), packed k-block (1024, whose chains continue from out) and
     * inner k-block (384) boundaries, with ragged edges, give the
     * scalar reference's bits in every entry — so padding and partial blocks neither leak into
     * stored entries nor change a chain.
     */
    @Test
    void gramBlockingAndPaddingNeverChangeAnEntry() {
        Gens.qt(12).forAll(Gens.between(1, 300), Gens.between(1, 40), Gens.between(1, 2600), Gens.between(0, 1000))
                .checkAssert((ra, rb, d, seed) -> {
                    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
                    double[] a = rnd.doubles(ra * d, -2, 2).toArray();
                    double[] b = rnd.doubles(rb * d + 3, -2, 2).toArray();
                    double[] vs = new double[ra * rb];
                    double[] sc = new double[ra * rb];
                    VECTOR.gram(a, 0, ra, b, 3, rb, d, vs, 0, rb);
                    SCALAR.gram(a, 0, ra, b, 3, rb, d, sc, 0, rb);
                    for (int i = 0; i < ra * rb; i++) {
                        assertEquals(sc[i], vs[i], "entry (" + i / rb + ", " + i % rb + ") of " + ra + " x " + rb + ", d " + d);
                    }
                });
    }

    /** selfDots is the Gram diagonal to the bit, in both implementations (so cos θ(x, x) = 1 exactly). */
    @Test
    void selfDotsAreTheGramDiagonalBitForBit() {
        Coverage cov = new Coverage("selfDots d");
        Gens.qt(300).forAll(Gens.between(0, 9).zip(Gens.lengths(), (n, d) -> new int[] {n, d})
                        .flatMap(s -> Gens.values(s[0] * s[1], -2, 2).map(v -> new GramCase(s[0], s[0], s[1], 0, v, v))))
                .checkAssert(c -> {
                    cov.length(c.d());
                    for (KernelOps ops : new KernelOps[] {SCALAR, VECTOR}) {
                        double[] g = new double[c.ra() * c.ra()];
                        double[] dots = new double[c.ra() + 1];
                        ops.gram(c.a(), 0, c.ra(), c.a(), 0, c.ra(), c.d(), g, 0, c.ra());
                        ops.selfDots(c.a(), 0, c.ra(), c.d(), dots, 1);
                        for (int i = 0; i < c.ra(); i++) {
                            assertEquals(Double.doubleToRawLongBits(g[i * c.ra() + i]), Double.doubleToRawLongBits(dots[i + 1]),
                                    ops.name() + " row " + i + ": gram " + g[i * c.ra() + i] + ", selfDots " + dots[i + 1]);
                        }
                        assertEquals(0.0, dots[0], "selfDots wrote before its offset");
                    }
                });
        cov.assertEveryTail();
    }

    /** A recursion tile: inputs x1 (rows) and x2 (cols, the vectorised direction) and a network. */
    record TileCase(Mlp mlp, Gens.Matrix x1, Gens.Matrix x2) {
    }

    static org.quicktheories.core.Gen<TileCase> tileCases(int maxDepth) {
        return Gens.between(1, 3).zip(Gens.lengths(), Gens.between(4, 9), (r, c, d) -> new int[] {r, c, d})
                .flatMap(s -> Gens.matrix(s[0], s[2]).zip(Gens.matrix(s[1], s[2]), (a, b) -> new Gens.Matrix[] {a, b}))
                .assuming(m -> Gens.maxAbsCosine(m[0], m[1]) <= 0.95 && Gens.maxAbsCosine(m[0], m[0]) <= 0.95)
                .zip(Gens.networks(maxDepth), (m, net) -> new TileCase(net, m[0], m[1]));
    }

    /**
     * The tile recursion from identical Gram entries and diagonal tables: the two implementations
     * run the same operations in the same order except arccos/arcsine (vector ≤ 2 ulp, Math ≤ 1),
     * a 3-ulp difference in θ that later layers amplify by 1/sin θ_l: within τ of
     * {@link org.ntk4j.Bounds} relative to sqrt(K_ii K_jj).
     */
    @Test
    void recursionMatchesTheScalarReferenceWithinFewUlps() {
        Coverage cov = new Coverage("recursion cols");
        Gens.qt(300).forAll(tileCases(6)).checkAssert(c -> {
            int rows = c.x1().rows();
            int cols = c.x2().rows();
            int d = c.x1().cols();
            cov.length(cols);
            Recursion pr = Recursion.of(c.mlp().network());
            int len = pr.length() + 1;
            double[] dots1 = new double[rows];
            double[] dots2 = new double[cols];
            SCALAR.selfDots(c.x1().data(), 0, rows, d, dots1, 0);
            SCALAR.selfDots(c.x2().data(), 0, cols, d, dots2, 0);
            DiagonalTables d1 = SCALAR.diagonals(pr, dots1, rows, d);
            DiagonalTables d2 = SCALAR.diagonals(pr, dots2, cols, d);
            double[] ks = new double[rows * cols];
            SCALAR.gram(c.x1().data(), 0, rows, c.x2().data(), 0, cols, d, ks, 0, cols);
            double[] kv = ks.clone();
            double[] ts = new double[rows * cols];
            double[] tv = new double[rows * cols];
            SCALAR.recursion(pr, d, ks, ts, 0, cols, rows, cols, d1, 0, d2, 0);
            VECTOR.recursion(pr, d, kv, tv, 0, cols, rows, cols, d1, 0, d2, 0);
            double tau = org.ntk4j.Bounds.tau(c.mlp(), c.x1().toEjml(), c.x2().toEjml());
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    int at = i * cols + j;
                    double sK = Math.sqrt(d1.nngp(len - 1, i) * d2.nngp(len - 1, j));
                    double sT = Math.sqrt(d1.ntk(len - 1, i) * d2.ntk(len - 1, j));
                    assertTrue(Math.abs(kv[at] - ks[at]) <= tau * sK, "NNGP (" + i + ", " + j + "): vector " + kv[at] + ", scalar " + ks[at]);
                    assertTrue(Math.abs(tv[at] - ts[at]) <= tau * sT, "NTK (" + i + ", " + j + "): vector " + tv[at] + ", scalar " + ts[at]);
                }
            }
        });
        cov.assertEveryTail();
    }

    /**
     * How much an arcsine inside the map magnifies the rounding of its argument s:
     * s / (sqrt(1 − s²) asin s), with s = 2k/(1 + 2k) for erf and k/(1 + k) for gelu on the
     * diagonal (near s = 1 the argument's few ulps become several ulps of the angle); 1 for maps
     * without one.
     */
    static double arcsineCondition(org.ntk4j.kernel.Activation phi, double k) {
        double s = phi instanceof org.ntk4j.kernel.Erf ? 2 * k / (1 + 2 * k)
                : phi instanceof org.ntk4j.kernel.Gelu ? k / (1 + k) : 0;
        return s <= 0 ? 1 : Math.max(1, s / (Math.sqrt((1 - s) * (1 + s)) * Math.asin(s)));
    }

    /** |d ln f / d ln k| at k by central differences (h = 1e-6 relative), 0 where f(k) = 0. */
    static double condition(java.util.function.DoubleUnaryOperator f, double k) {
        double fk = f.applyAsDouble(k);
        if (fk == 0 || k == 0) {
            return 0;
        }
        double h = 1e-6;
        return Math.abs((f.applyAsDouble(k * (1 + h)) - f.applyAsDouble(k * (1 - h))) / (2 * h * fk));
    }

    /**
     * The diagonal tables: both implementations evaluate each layer's diagonal map with a few
     * correctly rounded operations and arccos/arcsine/exp of at most 2 ulp, so they differ by a
     * few ulps per layer (8u, times ABReLU's cancellation factor below), and an earlier layer's
     * relative error e reaches the next through the map's relative condition on the diagonal,
     * κ = |d ln K'/d ln k| (1 for the ReLU family and the bounded maps at most, n for max(x, 0)^n,
     * 2k for e^x), measured here by central differences of the scalar map: e' = κ e + ε with
     * ε = (6 c + 4)u, c the magnification of an inner arcsine ({@link #arcsineCondition}). The
     * NTK row adds Ṫ's condition κ_Ṫ times e and its own ε; a dense layer adds 2u to both.
     */
    @Test
    void diagonalTablesMatchTheScalarReference() {
        Coverage cov = new Coverage("diagonals n");
        Gens.qt(300).forAll(Gens.networks(8), Gens.lengths().flatMap(n -> Gens.values(n, 1e-3, 20)))
                .checkAssert((mlp, dots) -> {
                    int n = dots.length;
                    cov.length(n);
                    Recursion pr = Recursion.of(mlp.network());
                    int len = pr.length() + 1;
                    DiagonalTables s = SCALAR.diagonals(pr, dots, n, 3);
                    DiagonalTables v = VECTOR.diagonals(pr, dots, n, 3);
                    boolean exact = mlp.depth() == 0;
                    // ABReLU's diagonal (b−a)² k/2 + ab k cancels when ab < 0: its relative
                    // condition is ((b−a)²/2 + |ab|) / ((a² + b²)/2) (3 for |x|, 1 for ReLU)
                    double cond = mlp.phi() instanceof org.ntk4j.kernel.ABRelu r && r.a() != r.b()
                            ? ((r.b() - r.a()) * (r.b() - r.a()) / 2 + Math.abs(r.a() * r.b())) / ((r.a() * r.a() + r.b() * r.b()) / 2)
                            : 1;
                    for (int i = 0; i < n; i++) {
                        double eK = 2 * U;
                        double eT = 0;
                        for (int p = 0; p < len; p++) {
                            if (p > 0) {
                                if (pr.isDense(p - 1)) {
                                    eT = Math.max(eT, eK) + 2 * U;
                                    eK += 2 * U;
                                } else {
                                    double k = s.nngp(p - 1, i);
                                    org.ntk4j.kernel.Activation phi = pr.activation(p - 1);
                                    double kappa = condition(kk -> phi.nngp(kk, kk, kk), k);
                                    double kappaT = condition(kk -> phi.tdot(kk, kk, kk), k);
                                    double eps = (6 * arcsineCondition(phi, k) + 4) * cond * U;
                                    eT = eT + kappaT * eK + eps;
                                    eK = kappa * eK + eps;
                                }
                            }
                            for (int t = 0; t < 2; t++) {
                                double sv = t == 0 ? s.nngp(p, i) : s.ntk(p, i);
                                double vv = t == 0 ? v.nngp(p, i) : v.ntk(p, i);
                                double tol = (t == 0 ? eK : eT) * Math.abs(sv);
                                assertTrue(exact ? Double.compare(vv, sv) == 0 : Math.abs(vv - sv) <= tol,
                                        (t == 0 ? "NNGP" : "NTK") + " table row " + p + " entry " + i + ": vector " + vv
                                                + ", scalar " + sv + ", bound " + tol);
                            }
                        }
                    }
                });
        cov.assertEveryTail();
    }
}
