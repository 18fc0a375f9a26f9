package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.simd.Simd;

/**
 * The vector kernels against the scalar reference on shapes that hit every tail length, and the
 * invariances of the vector path: bit-identical for any thread count, tile size, and for the
 * symmetric path vs the cross path with x2 = x1.
 *
 * <p>Bound: the two paths evaluate the same formulas but round differently: the Gram summation
 * (FMA and lanes vs sequential multiply-add), cos θ (k12 r1 r2 vs k12 / sqrt(k11 k22), ≤ 3 ulp)
 * and arccos/arcsine (≤ 2 ulp each). arccos amplifies an error in cos θ by 1/sin θ, so the
 * few-ulp bound needs inputs away from parallel: on well-separated inputs each layer adds a few
 * ulp relative to the largest entry, and 64 ulps per layer allows for it. Nearly parallel inputs
 * are covered by ReferenceAgreementTest's 1e-10 / 2e-8 relative bounds.
 */
class VectorScalarTest {

    private static Kernels run(Simd.Impl impl, Network net, DMatrixRMaj x1, DMatrixRMaj x2, int threads, int tile) {
        return KernelEngine.builder().impl(impl).threads(threads).tileSize(tile).build().compute(net, x1, x2);
    }

    @Test
    void vectorMatchesScalarOnEveryTailLength() {
        int lanes = Simd.lanes();
        assertTrue(lanes > 1, "the tests run with the Vector API");
        for (String act : new String[] {"relu", "erf", "step", "abrelu"}) {
            int depth = 3;
            Network net = Stax.mlp(depth, (act.equals("abrelu") ? Stax.abRelu(-0.2, 1.1) : Stax.activation(act)), 1.4, 0.1);
            for (int n = 1; n <= 4 * lanes + 3; n++) {
                // d = 16 Gaussian rows: pairwise |cos| stays below 0.9, so arccos's condition
                // number 1/sin θ stays below ~2.3 at the first layer (checked, not assumed)
                int d = 16;
                DMatrixRMaj x1 = TestInputs.gaussian(n, d, 31L * n + d);
                DMatrixRMaj x2 = TestInputs.gaussian(n + 2, d, 77L * n + d);
                assertTrue(maxAbsCos(x1, x2) < 0.9, "well-separated test inputs");
                Kernels v = run(Simd.Impl.VECTOR, net, x1, x2, 1, 128);
                Kernels s = run(Simd.Impl.SCALAR, net, x1, x2, 1, 128);
                double bound = 64 * (depth + 1) * Math.ulp(1.0);
                double eK = relMax(v.nngp(), s.nngp());
                double eT = relMax(v.ntk(), s.ntk());
                assertTrue(eK <= bound, act + " n " + n + ": NNGP " + eK / Math.ulp(1.0) + " ulps");
                assertTrue(eT <= bound, act + " n " + n + ": NTK " + eT / Math.ulp(1.0) + " ulps");
            }
        }
    }

    /**
     * Gram entries on every tail length of d: each is a dot product, whose rounding error is at
     * most γ_d Σ|a_k b_k| with γ_d = d u / (1 − d u) for any summation order, so two orders differ
     * by at most 2 γ_d Σ|a_k b_k|.
     */
    @Test
    void gramMatchesScalarOnEveryTailLength() {
        int lanes = Simd.lanes();
        org.ntk4j.simd.KernelOps vec = Simd.ops(Simd.Impl.VECTOR);
        org.ntk4j.simd.KernelOps sca = Simd.ops(Simd.Impl.SCALAR);
        for (int d = 1; d <= 4 * lanes + 3; d++) {
            for (int n : new int[] {1, 3, 4, 5, 9}) {
                DMatrixRMaj a = TestInputs.gaussian(n, d, 5L * d + n);
                DMatrixRMaj b = TestInputs.gaussian(n + 3, d, 7L * d + n);
                double[] gv = new double[n * (n + 3)];
                double[] gs = new double[gv.length];
                vec.gram(a.data, 0, n, b.data, 0, n + 3, d, gv, 0, n + 3);
                sca.gram(a.data, 0, n, b.data, 0, n + 3, d, gs, 0, n + 3);
                double u = Math.ulp(1.0) / 2;
                double gamma = d * u / (1 - d * u);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n + 3; j++) {
                        double abs = 0;
                        for (int k = 0; k < d; k++) {
                            abs += Math.abs(a.get(i, k) * b.get(j, k));
                        }
                        double diff = Math.abs(gv[i * (n + 3) + j] - gs[i * (n + 3) + j]);
                        assertTrue(diff <= 2 * gamma * abs, "d " + d + " (" + i + ", " + j + "): " + diff);
                    }
                }
                double[] dots = new double[n];
                vec.selfDots(a.data, 0, n, d, dots, 0);
                double[] self = new double[n * n];
                vec.gram(a.data, 0, n, a.data, 0, n, d, self, 0, n);
                for (int i = 0; i < n; i++) {
                    assertTrue(dots[i] == self[i * n + i], "self dot == Gram diagonal, bit for bit");
                }
            }
        }
    }

    private static double maxAbsCos(DMatrixRMaj x1, DMatrixRMaj x2) {
        double max = 0;
        for (int i = 0; i < x1.numRows; i++) {
            for (int j = 0; j < x2.numRows; j++) {
                double xy = 0;
                double xx = 0;
                double yy = 0;
                for (int k = 0; k < x1.numCols; k++) {
                    xy += x1.get(i, k) * x2.get(j, k);
                    xx += x1.get(i, k) * x1.get(i, k);
                    yy += x2.get(j, k) * x2.get(j, k);
                }
                max = Math.max(max, Math.abs(xy) / Math.sqrt(xx * yy));
            }
        }
        return max;
    }

    @Test
    void bitsDoNotDependOnThreadsTilesOrSymmetry() {
        for (Network net : new Network[] {Stax.mlp(4, Stax.relu(), 1.5, 0.05), Stax.mlp(3, Stax.erf(), 1.3, 0.2)}) {
            bitsDoNotDependOnThreadsTilesOrSymmetry(net);
        }
    }

    /**
     * The packed Gram kernel at fixed shapes that cross every boundary it has (24-row panels, a
     * 120-row block, 8-column groups, inner k blocks of at most 384 and packed k blocks of 1024),
     * with ragged edges: the scalar reference's bits in every entry. Fixed shapes, so the check
     * does not depend on how many random examples a run draws.
     */
    @Test
    void gramBlockingIsInvisibleAtFixedShapes() {
        org.ntk4j.simd.KernelOps vec = Simd.ops(Simd.Impl.VECTOR);
        org.ntk4j.simd.KernelOps sca = Simd.ops(Simd.Impl.SCALAR);
        int[][] shapes = {{50, 21, 1000}, {130, 9, 2100}, {24, 8, 384}, {25, 17, 785}};
        for (int[] sh : shapes) {
            int ra = sh[0];
            int rb = sh[1];
            int d = sh[2];
            DMatrixRMaj a = TestInputs.gaussian(ra, d, ra);
            DMatrixRMaj b = TestInputs.gaussian(rb, d, rb + 1000);
            double[] v = new double[ra * (rb + 3)];
            double[] s = new double[v.length];
            vec.gram(a.data, 0, ra, b.data, 0, rb, d, v, 0, rb + 3);
            sca.gram(a.data, 0, ra, b.data, 0, rb, d, s, 0, rb + 3);
            assertArrayEquals(s, v, 0.0, ra + " x " + rb + ", d " + d);
        }
    }

    private void bitsDoNotDependOnThreadsTilesOrSymmetry(Network net) {
        DMatrixRMaj x = TestInputs.hard(53, 19, 5);
        for (Simd.Impl impl : new Simd.Impl[] {Simd.Impl.VECTOR, Simd.Impl.SCALAR}) {
            Kernels ref = run(impl, net, x, null, 1, 128);
            Kernels cross = run(impl, net, x, x, 1, 128);
            assertArrayEquals(ref.nngp().data, cross.nngp().data, 0.0, "symmetric == cross, NNGP");
            assertArrayEquals(ref.ntk().data, cross.ntk().data, 0.0, "symmetric == cross, NTK");
            for (int tile : new int[] {1, 7, 16, 53}) {
                for (int threads : new int[] {1, 2, 3}) {
                    Kernels k = run(impl, net, x, null, threads, tile);
                    assertArrayEquals(ref.nngp().data, k.nngp().data, 0.0, "tile " + tile + " threads " + threads);
                    assertArrayEquals(ref.ntk().data, k.ntk().data, 0.0, "tile " + tile + " threads " + threads);
                }
            }
            for (int i = 0; i < x.numRows; i++) {
                assertTrue(ref.nngp().get(i, i) == ref.diag1().nngp()[i], "diagonal entry == diagonal table");
                assertTrue(ref.ntk().get(i, i) == ref.diag1().ntk()[i], "diagonal entry == diagonal table");
            }
        }
    }

    @Test
    void tileFunctionEqualsTheWholeComputation() {
        Network net = Stax.mlp(2, Stax.erf(), 1.2, 0.3);
        DMatrixRMaj x1 = TestInputs.gaussian(20, 9, 1);
        DMatrixRMaj x2 = TestInputs.gaussian(15, 9, 2);
        Kernels whole = KernelEngine.builder().impl(Simd.Impl.VECTOR).build().compute(net, x1, x2);
        Diagonals d1 = Diagonals.compute(net, x1, Simd.Impl.VECTOR, "x1");
        Diagonals d2 = Diagonals.compute(net, x2, Simd.Impl.VECTOR, "x2");
        DMatrixRMaj b1 = org.ejml.dense.row.CommonOps_DDRM.extract(x1, 5, 12, 0, 9);
        DMatrixRMaj b2 = org.ejml.dense.row.CommonOps_DDRM.extract(x2, 3, 15, 0, 9);
        Tile t = KernelTiles.tile(net, b1, b2, d1.slice(5, 7), d2.slice(3, 12), Simd.Impl.VECTOR);
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 12; j++) {
                assertTrue(t.nngp().get(i, j) == whole.nngp().get(5 + i, 3 + j));
                assertTrue(t.ntk().get(i, j) == whole.ntk().get(5 + i, 3 + j));
            }
        }
    }

    private static double relMax(DMatrixRMaj a, DMatrixRMaj b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            num = Math.max(num, Math.abs(a.data[i] - b.data[i]));
            den = Math.max(den, Math.abs(b.data[i]));
        }
        return num / den;
    }
}
