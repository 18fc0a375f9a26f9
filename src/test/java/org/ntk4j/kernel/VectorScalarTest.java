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
 * <p>Bound: the two paths run the same operations in the same order except the Gram summation
 * (FMA vs multiply-add, lanes vs sequential: ≤ d ulps of Σ|x||x'|) and arccos/arcsine (≤ 2 ulp
 * each). On Gaussian inputs of these sizes cos θ stays well below 1 (condition of arccos ≤ ~10),
 * so each layer adds a few ulp relative to the largest entry; 64 ulps per layer allows for it.
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
            Network net = Stax.mlp(depth, Stax.activation(act, -0.2, 1.1), 1.4, 0.1);
            for (int n = 1; n <= 4 * lanes + 3; n++) {
                for (int d : new int[] {1, lanes - 1, lanes + 3, 3 * lanes + 5}) {
                    DMatrixRMaj x1 = TestInputs.gaussian(n, d, 31L * n + d);
                    DMatrixRMaj x2 = TestInputs.gaussian(n + 2, d, 77L * n + d);
                    Kernels v = run(Simd.Impl.VECTOR, net, x1, x2, 1, 128);
                    Kernels s = run(Simd.Impl.SCALAR, net, x1, x2, 1, 128);
                    double bound = 64 * (depth + 1) * Math.ulp(1.0);
                    double eK = relMax(v.nngp(), s.nngp());
                    double eT = relMax(v.ntk(), s.ntk());
                    assertTrue(eK <= bound, act + " n " + n + " d " + d + ": NNGP " + eK / Math.ulp(1.0) + " ulps");
                    assertTrue(eT <= bound, act + " n " + n + " d " + d + ": NTK " + eT / Math.ulp(1.0) + " ulps");
                }
            }
        }
    }

    @Test
    void bitsDoNotDependOnThreadsTilesOrSymmetry() {
        Network net = Stax.mlp(4, Stax.relu(), 1.5, 0.05);
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
