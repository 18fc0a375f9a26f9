package org.ntk4j.finite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.ntk4j.Gens;
import org.ntk4j.simd.Simd;
import org.quicktheories.core.Gen;

/**
 * Same seed, same bits: the parameters are fixed streams of the seed whichever thread draws a row,
 * eNTK entries are computed by the same code whichever task runs them, and Monte-Carlo samples are
 * added in sample order, so one and two threads give identical results.
 */
class FiniteDeterminismProperties {

    /**
     * Mlp.init draws rows on the common pool; run inside pools of 1 and 2 threads it gives the same
     * bits, and row r of W_l is the first n_l normals of stream(seed, l, r) drawn on their own.
     */
    @Test
    void initIsTheSameStreamsForAnyParallelism() {
        Gen<int[]> sizes = Gens.between(1, 9).zip(Gens.between(1, 70), Gens.between(1, 4), (d, w, o) -> new int[] {d, w, o});
        Gens.qt(40).forAll(Gens.networks(3), sizes, Gens.seeds()).checkAssert((spec, size, seed) -> {
                    int d = size[0];
                    int width = size[1];
                    int outputs = size[2];
                    Mlp one = inPool(1, () -> Mlp.init(spec.network(), new Mlp.Shape(d, width, outputs), seed));
                    Mlp two = inPool(2, () -> Mlp.init(spec.network(), new Mlp.Shape(d, width, outputs), seed));
                    for (int l = 0; l <= spec.depth(); l++) {
                        assertArrayEquals(one.weight(l).data, two.weight(l).data, 0.0, "W" + l);
                        assertArrayEquals(one.bias(l), two.bias(l), 0.0, "b" + l);
                        int in = one.width(l);
                        int r = one.width(l + 1) - 1;
                        double[] row = new double[in];
                        Initializer.normals(seed, l, r, row, 0, in);
                        assertArrayEquals(row, java.util.Arrays.copyOfRange(one.weight(l).data, r * in, (r + 1) * in), 0.0,
                                "last row of W" + l + " is its own stream");
                    }
                    Mlp other = Mlp.init(spec.network(), new Mlp.Shape(d, width, outputs), seed ^ 1);
                    assertTrue(other.weight(0).get(0, 0) != one.weight(0).get(0, 0), "another seed, other weights");
                });
    }

    private static <T> T inPool(int threads, java.util.concurrent.Callable<T> task) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(task).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdown();
        }
    }

    /** Every mode and method, impl VECTOR and SCALAR: threads 1 and 2 give the same bits. */
    @Test
    void entkHasIdenticalBitsForOneAndTwoThreads() {
        Gens.qt(40).forAll(EntkMethodProperties.cases()).checkAssert(c -> {
            Mlp mlp = c.net().mlp();
            DMatrixRMaj x1 = c.x1().toEjml();
            DMatrixRMaj x2 = c.x2().toEjml();
            for (Simd.Impl impl : new Simd.Impl[] {Simd.Impl.SCALAR, Simd.Impl.VECTOR}) {
                for (EmpiricalNtk.Method m : EmpiricalNtk.Method.values()) {
                    EmpiricalNtk e1 = EmpiricalNtk.builder().method(m).impl(impl).threads(1).build();
                    EmpiricalNtk e2 = EmpiricalNtk.builder().method(m).impl(impl).threads(2).build();
                    assertArrayEquals(e1.full(mlp, x1, x2).data(), e2.full(mlp, x1, x2).data(), 0.0, impl + " " + m + " FULL");
                    assertArrayEquals(e1.logits(mlp, x1, x2).data, e2.logits(mlp, x1, x2).data, 0.0, impl + " " + m + " LOGITS");
                    assertArrayEquals(e1.trace(mlp, x1).data, e2.trace(mlp, x1).data, 0.0, impl + " " + m + " TRACE");
                }
            }
        });
    }

    /** Wider layers, so that the Gram products split into several tiles across the pool. */
    @Test
    void entkOfWideLayersHasIdenticalBitsForOneAndTwoThreads() {
        Gens.qt(6).forAll(Gens.networks(2), Gens.between(150, 300), Gens.between(60, 140), Gens.seeds())
                .checkAssert((spec, width, n, seed) -> {
                    Mlp mlp = Mlp.init(spec.network(), new Mlp.Shape(5, width, 2), seed);
                    DMatrixRMaj x = new DMatrixRMaj(n, 5);
                    Initializer.normals(seed, 0, 0, x.data, 0, x.data.length);
                    EmpiricalNtk e1 = EmpiricalNtk.builder().threads(1).build();
                    EmpiricalNtk e2 = EmpiricalNtk.builder().threads(2).build();
                    assertArrayEquals(e1.logits(mlp, x).data, e2.logits(mlp, x).data, 0.0, "LOGITS");
                    assertArrayEquals(e1.full(mlp, x).data(), e2.full(mlp, x).data(), 0.0, "FULL");
                });
    }

    /** Monte-Carlo estimates: threads 1 and 2, same master seed, same bits. */
    @Test
    void monteCarloHasIdenticalBitsForOneAndTwoThreads() {
        Gen<int[]> sizes = Gens.between(1, 40).zip(Gens.between(1, 7), (w, s) -> new int[] {w, s});
        Gens.qt(25).forAll(Gens.networks(3), sizes, Gens.seeds(), Gens.between(1, 6).flatMap(n -> Gens.matrix(n, 4)))
                .checkAssert((spec, size, seed, x) -> {
                    int width = size[0];
                    int samples = size[1];
                    DMatrixRMaj xs = x.toEjml();
                    MonteCarlo.Config config = new MonteCarlo.Config(width, 3, samples, seed);
                    MonteCarlo.Estimate one = MonteCarlo.builder(spec.network(), config).threads(1).build().estimate(xs);
                    MonteCarlo.Estimate two = MonteCarlo.builder(spec.network(), config).threads(2).build().estimate(xs);
                    assertEquals(samples, one.samples());
                    assertArrayEquals(one.nngp().data, two.nngp().data, 0.0, "NNGP");
                    assertArrayEquals(one.ntk().data, two.ntk().data, 0.0, "NTK");
                });
    }
}
