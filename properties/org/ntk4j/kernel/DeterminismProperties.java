package org.ntk4j.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntk4j.Numerics.firstDifference;
import static org.ntk4j.Numerics.sameBits;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.ntk4j.Gens;
import org.ntk4j.simd.Simd;
import org.quicktheories.generators.Generate;

/**
 * Same inputs, same bits: an entry of the kernels is a pure function of its two input rows, so
 * neither the thread count, the tile size, the position of a row in the matrix nor the other
 * rows may change it (Gram entries accumulate in one fixed order whether they fall in a 4 × 4
 * register block or in the remainder).
 */
class DeterminismProperties {

    @Test
    void kernelsHaveIdenticalBitsForAnyThreadCountAndTileSize() {
        Gens.qt(60).forAll(Gens.networks(4), Gens.inputs(40, 9), Gens.between(1, 4), Gens.between(1, 17))
                .checkAssert((mlp, x, threads, tile) -> {
                    for (Simd.Impl impl : new Simd.Impl[] {Simd.Impl.SCALAR, Simd.Impl.VECTOR}) {
                        Kernels ref = KernelEngine.builder().impl(impl).threads(1).tileSize(128).build()
                                .compute(mlp.network(), x.toEjml());
                        Kernels k = KernelEngine.builder().impl(impl).threads(threads).tileSize(tile).build()
                                .compute(mlp.network(), x.toEjml());
                        assertTrue(sameBits(ref.nngp(), k.nngp()), impl + " NNGP " + firstDifference(ref.nngp(), k.nngp()));
                        assertTrue(sameBits(ref.ntk(), k.ntk()), impl + " NTK " + firstDifference(ref.ntk(), k.ntk()));
                    }
                });
    }

    /** A tile computed on its own (the distributed path) equals the same block of the whole. */
    @Test
    void aTileComputedAloneEqualsTheSameBlockOfTheWholeKernel() {
        Gens.qt(80).forAll(Gens.networks(4), Gens.inputPairs(16, 9), Gens.seeds(), Generate.enumValues(SymmetryProperties.Impls.class))
                .checkAssert((mlp, p, s, impl) -> {
                    Network net = mlp.network();
                    DMatrixRMaj x1 = p.x1().toEjml();
                    DMatrixRMaj x2 = p.x2().toEjml();
                    java.util.SplittableRandom r = new java.util.SplittableRandom(s);
                    int i0 = r.nextInt(x1.numRows);
                    int rows = 1 + r.nextInt(x1.numRows - i0);
                    int j0 = r.nextInt(x2.numRows);
                    int cols = 1 + r.nextInt(x2.numRows - j0);
                    Kernels whole = KernelEngine.builder().impl(impl.impl).build().compute(net, x1, x2);
                    Diagonals d1 = Diagonals.compute(net, x1, impl.impl, "x1");
                    Diagonals d2 = Diagonals.compute(net, x2, impl.impl, "x2");
                    Tile t = KernelTiles.tile(net, CommonOps_DDRM.extract(x1, i0, i0 + rows, 0, x1.numCols),
                            CommonOps_DDRM.extract(x2, j0, j0 + cols, 0, x2.numCols),
                            d1.slice(i0, rows), d2.slice(j0, cols), impl.impl);
                    DMatrixRMaj k = CommonOps_DDRM.extract(whole.nngp(), i0, i0 + rows, j0, j0 + cols);
                    DMatrixRMaj th = CommonOps_DDRM.extract(whole.ntk(), i0, i0 + rows, j0, j0 + cols);
                    assertTrue(sameBits(k, t.nngp()), "NNGP " + firstDifference(k, t.nngp()));
                    assertTrue(sameBits(th, t.ntk()), "NTK " + firstDifference(th, t.ntk()));
                });
    }

    /** K(P x, P x) = P K(x, x) Pᵀ exactly: rows move between the Gram's blocks and its remainder. */
    @Test
    void permutingTheInputRowsPermutesTheKernelBitForBit() {
        Gens.qt(80).forAll(Gens.networks(4), Gens.inputs(23, 19), Gens.seeds(), Generate.enumValues(SymmetryProperties.Impls.class))
                .checkAssert((mlp, x, s, impl) -> {
                    int n = x.rows();
                    int d = x.cols();
                    int[] perm = permutation(n, s);
                    DMatrixRMaj xs = x.toEjml();
                    DMatrixRMaj px = new DMatrixRMaj(n, d);
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(xs.data, perm[i] * d, px.data, i * d, d);
                    }
                    KernelEngine e = KernelEngine.builder().impl(impl.impl).build();
                    Kernels k = e.compute(mlp.network(), xs);
                    Kernels pk = e.compute(mlp.network(), px);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double a = pk.nngp().get(i, j);
                            double b = k.nngp().get(perm[i], perm[j]);
                            assertTrue(Double.compare(a, b) == 0, "NNGP (" + i + ", " + j + "): " + a + " vs " + b);
                            a = pk.ntk().get(i, j);
                            b = k.ntk().get(perm[i], perm[j]);
                            assertTrue(Double.compare(a, b) == 0, "NTK (" + i + ", " + j + "): " + a + " vs " + b);
                        }
                    }
                });
    }

    /** Entries of K(x1, x2) do not change when rows are appended to x1 or x2. */
    @Test
    void appendingRowsLeavesTheExistingEntriesUnchanged() {
        Gens.qt(80).forAll(Gens.networks(4), Gens.inputPairs(14, 13), Gens.between(1, 9), Generate.enumValues(SymmetryProperties.Impls.class))
                .checkAssert((mlp, p, extra, impl) -> {
                    DMatrixRMaj x1 = p.x1().toEjml();
                    DMatrixRMaj x2 = p.x2().toEjml();
                    DMatrixRMaj big1 = new DMatrixRMaj(x1.numRows + extra, x1.numCols);
                    DMatrixRMaj big2 = new DMatrixRMaj(x2.numRows + extra, x2.numCols);
                    System.arraycopy(x1.data, 0, big1.data, 0, x1.getNumElements());
                    System.arraycopy(x2.data, 0, big2.data, 0, x2.getNumElements());
                    for (int i = x1.getNumElements(); i < big1.getNumElements(); i++) {
                        big1.data[i] = 0.5 + i % 7;
                    }
                    for (int i = x2.getNumElements(); i < big2.getNumElements(); i++) {
                        big2.data[i] = -0.25 - i % 5;
                    }
                    KernelEngine e = KernelEngine.builder().impl(impl.impl).build();
                    Kernels small = e.compute(mlp.network(), x1, x2);
                    Kernels big = e.compute(mlp.network(), big1, big2);
                    DMatrixRMaj k = CommonOps_DDRM.extract(big.nngp(), 0, x1.numRows, 0, x2.numRows);
                    DMatrixRMaj t = CommonOps_DDRM.extract(big.ntk(), 0, x1.numRows, 0, x2.numRows);
                    assertTrue(sameBits(small.nngp(), k), "NNGP " + firstDifference(small.nngp(), k));
                    assertTrue(sameBits(small.ntk(), t), "NTK " + firstDifference(small.ntk(), t));
                });
    }

    static int[] permutation(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
