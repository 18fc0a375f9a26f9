package org.ntk4j.bench;

import java.util.concurrent.TimeUnit;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The layer recursion alone (Gram precomputed, copied in before each call outside the timing),
 * one thread, on an n × n kernel: the cost per entry and layer of the fused vector kernel against
 * the scalar reference. Work: n² kernel entries per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class RecursionBench {

    @Param({"256", "1024", "4096"})
    public int n;

    @Param({"1", "3", "10"})
    public int depth;

    @Param({"relu", "erf"})
    public String activation;

    @Param({"scalar", "vector"})
    public String impl;

    public int d = 64;
    public double[] x;
    public double[] gram;
    public double[] k;
    public double[] t;
    public Network net;
    public KernelOps ops;
    public org.ntk4j.simd.Recursion recursion;
    private org.ntk4j.simd.DiagonalTables diagTable;

    @Setup(Level.Trial)
    public void setup() {
        net = Stax.mlp(depth, Stax.activation(activation), 1.5, 0.05);
        org.ejml.data.DMatrixRMaj xs = BenchData.gaussian(n, d, 42);
        x = xs.data;
        ops = Simd.ops(Simd.Impl.parse(impl));
        recursion = org.ntk4j.simd.Recursion.of(net);
        gram = new double[n * n];
        ops.gram(x, 0, n, x, 0, n, d, gram, 0, n);
        diagTable = BenchData.diagonalTable(net, xs, ops);
        k = new double[n * n];
        t = new double[n * n];
        BenchData.checkRecursionAgrees(net, xs);
    }

    /**
     * The recursion overwrites its input, so each call gets the Gram afresh, outside the timed
     * region: the copy (8 MB at n = 1024, about 0.8 ms) is not recursion work, and inside the
     * timing it added the same constant to both implementations, understating their ratio.
     */
    @Setup(Level.Invocation)
    public void freshGram() {
        System.arraycopy(gram, 0, k, 0, k.length);
    }

    @Benchmark
    public double recursion() {
        ops.recursion(recursion, d, k, t, 0, n, n, n, diagTable, 0, diagTable, 0);
        return k[n + 1] + t[7];
    }
}
