package org.ntk4j.simd;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's measured double-precision peak: per thread, {@link #ELEMENT_FMAS} lane-FMAs on
 * {@link #ACCUMULATORS} independent register-resident vectors (enough to cover the FMA latency), so
 * the work per operation is 2 · ELEMENT_FMAS · threads flops whatever the species length.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class PeakFlopsBench {

    /** Lane-FMAs per thread and operation (2^24: about 0.3 ms at 100 GFLOP/s). */
    public static final int ELEMENT_FMAS = 1 << 24;
    /** Independent accumulators: 8 vectors in flight hide a 4-cycle FMA latency on 2 pipes. */
    public static final int ACCUMULATORS = 8;
    // acc ← acc·A + B converges to B/(1 − A) = 0.1: no overflow, no subnormals however long it runs.
    private static final double A = 0.9999999;
    private static final double B = 1e-8;

    @Param({"1", "2"})
    public int threads;

    public int iterations;
    private ExecutorService pool;

    @Setup(Level.Trial)
    public void setup() {
        iterations = ELEMENT_FMAS / (ACCUMULATORS * VectorMath.SPECIES.length());
        if (iterations * ACCUMULATORS * VectorMath.SPECIES.length() != ELEMENT_FMAS) {
            throw new IllegalStateException("species length " + VectorMath.SPECIES.length() + " does not divide the work");
        }
        pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        // Each lane runs the same fma chain as this scalar twin, so the sum is known to the bit.
        double want = 0;
        for (int a = 0; a < ACCUMULATORS; a++) {
            double s = a + 1;
            for (int i = 0; i < iterations; i++) {
                s = Math.fma(s, A, B);
            }
            want += s * VectorMath.SPECIES.length();
        }
        double got = fmaLoop(iterations);
        if (Math.abs(got - want) > 1e-12 * want) { // only the final lane/accumulator sums differ in order
            throw new IllegalStateException("vector FMA loop gives " + got + ", scalar twin " + want);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Benchmark
    public double fma() throws Exception {
        if (pool == null) {
            return fmaLoop(iterations);
        }
        Future<?>[] parts = new Future<?>[threads];
        int its = iterations;
        for (int p = 0; p < threads; p++) {
            parts[p] = pool.submit(() -> fmaLoop(its));
        }
        double sum = 0;
        for (Future<?> f : parts) {
            sum += (Double) f.get();
        }
        return sum;
    }

    static double fmaLoop(int iterations) {
        DoubleVector a = DoubleVector.broadcast(VectorMath.SPECIES, A);
        DoubleVector b = DoubleVector.broadcast(VectorMath.SPECIES, B);
        DoubleVector c0 = DoubleVector.broadcast(VectorMath.SPECIES, 1);
        DoubleVector c1 = DoubleVector.broadcast(VectorMath.SPECIES, 2);
        DoubleVector c2 = DoubleVector.broadcast(VectorMath.SPECIES, 3);
        DoubleVector c3 = DoubleVector.broadcast(VectorMath.SPECIES, 4);
        DoubleVector c4 = DoubleVector.broadcast(VectorMath.SPECIES, 5);
        DoubleVector c5 = DoubleVector.broadcast(VectorMath.SPECIES, 6);
        DoubleVector c6 = DoubleVector.broadcast(VectorMath.SPECIES, 7);
        DoubleVector c7 = DoubleVector.broadcast(VectorMath.SPECIES, 8);
        for (int i = 0; i < iterations; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
