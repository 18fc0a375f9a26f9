package org.ntk4j.bench;

import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.kernel.KernelEngine;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;
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
 * The whole infinite-width kernel, {@link KernelEngine#compute} of an n × 784 input against itself
 * (MNIST-sized rows): diagonals, Gram tiles, fused recursion, mirroring. Work: n² kernel entries
 * per operation. The scalar n = 4096, depth 10 point takes tens of seconds per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class KernelBench {

    @Param({"256", "1024", "4096"})
    public int n;

    @Param({"1", "3", "10"})
    public int depth;

    @Param({"relu", "erf"})
    public String activation;

    @Param({"scalar", "vector"})
    public String impl;

    @Param({"1"})
    public int threads;

    public int d = 784;
    public DMatrixRMaj x;
    public Network net;
    public KernelEngine engine;

    @Setup(Level.Trial)
    public void setup() {
        net = Stax.mlp(depth, Stax.activation(activation), 1.5, 0.05);
        x = BenchData.gaussian(n, d, 42);
        engine = KernelEngine.builder().impl(Simd.Impl.parse(impl)).threads(threads).build();
        BenchData.checkRecursionAgrees(net, x);
    }

    @Benchmark
    public Kernels compute() {
        return engine.compute(net, x);
    }
}
