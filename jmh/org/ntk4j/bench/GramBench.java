package org.ntk4j.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ntk4j.simd.KernelOps;
import org.ntk4j.simd.Simd;
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
 * The Gram phase alone: the full n × n block x·xᵀ of an n × 784 input through
 * {@link KernelOps#gram}, rows split evenly over the threads. Work: 2 n² d flops per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class GramBench {

    @Param({"256", "1024", "4096"})
    public int n;

    @Param({"scalar", "vector"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    public int d = 784;
    public double[] x;
    public double[] out;
    public KernelOps ops;
    private ExecutorService pool;

    @Setup(Level.Trial)
    public void setup() {
        x = BenchData.gaussian(n, d, 42).data;
        out = new double[n * n];
        ops = Simd.ops(Simd.Impl.parse(impl));
        pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        BenchData.checkGramAgrees(x, n, d);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /**
     * The symmetric path of the kernel engine: only the blocks of 128 rows against the columns
     * from their own first row on (the upper triangle plus the diagonal blocks), as
     * {@code KernelEngine} tiles x·xᵀ; row blocks are dealt to the threads in turn. Reported with
     * the full product's 2 n² d flops, so its "GFLOP/s" can pass the peak.
     */
    @Benchmark
    public double gramSymmetric() throws Exception {
        int blocks = (n + SYM_ROWS - 1) / SYM_ROWS;
        if (pool == null) {
            for (int b = 0; b < blocks; b++) {
                upperBlock(b);
            }
        } else {
            Future<?>[] parts = new Future<?>[threads];
            for (int p = 0; p < threads; p++) {
                int first = p;
                parts[p] = pool.submit(() -> {
                    // big blocks first, dealt in turn: block b has n - 128 b columns
                    for (int b = first; b < blocks; b += threads) {
                        upperBlock(b);
                    }
                });
            }
            for (Future<?> f : parts) {
                f.get();
            }
        }
        return out[n + 1] + out[n - 1];
    }

    private static final int SYM_ROWS = 128;

    private void upperBlock(int b) {
        int r0 = b * SYM_ROWS;
        int rows = Math.min(SYM_ROWS, n - r0);
        ops.gram(x, r0 * d, rows, x, r0 * d, n - r0, d, out, r0 * n + r0, n);
    }

    @Benchmark
    public double gram() throws Exception {
        if (pool == null) {
            ops.gram(x, 0, n, x, 0, n, d, out, 0, n);
        } else {
            int per = (n + threads - 1) / threads;
            Future<?>[] parts = new Future<?>[threads];
            for (int p = 0; p < threads; p++) {
                int r0 = Math.min(n, p * per);
                int rows = Math.min(per, n - r0);
                parts[p] = pool.submit(() -> ops.gram(x, r0 * d, rows, x, 0, n, d, out, r0 * n, n));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        }
        return out[n + 1] + out[out.length - 1];
    }
}
