package org.ntk4j.bench;

import java.util.SplittableRandom;
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
 * The whole kernel ({@link KernelEngine#compute} of n × 784 inputs against themselves, depth 3,
 * w-std 1.5 (exp: 0.3, see {@link #W_STD_EXP}), b-std 0.05, vector, one thread) for every activation of the catalog: the runner
 * expands {@code activation=catalog} into the catalog's list, and the report gives each one's
 * cost relative to ReLU in the same run. Inputs of equal norm (every row scaled to norm sqrt(784),
 * as the main job preprocesses images) or of random norms (each row scaled by 10^s, s uniform in
 * [−0.5, 0.5]). Work: n² kernel entries per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ActivationBench {

    @Param({"catalog"})
    public String activation;

    @Param({"256", "2000"})
    public int n;

    @Param({"equal", "random"})
    public String norms;

    @Param({"vector"})
    public String impl;

    /**
     * exp's NNGP map is K' = exp(2K) on the diagonal, so three layers at w-std 1.5 overflow a
     * double (2.25 · e^4.5 ≈ 200, then e^400, then e^(10^173)). At 0.3 the largest diagonal, for an
     * input of norm² 10·d (the random-norm grid), stays below 7; the cost per entry does not depend
     * on the magnitude.
     */
    static final double W_STD_EXP = 0.3;

    public int depth = 3;
    public int d = 784;
    public DMatrixRMaj x;
    public Network net;
    public KernelEngine engine;

    @Setup(Level.Trial)
    public void setup() {
        net = Stax.mlp(depth, Stax.parseActivation(activation), activation.equals("exp") ? W_STD_EXP : 1.5, 0.05);
        x = BenchData.gaussian(n, d, 42);
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int k = 0; k < d; k++) {
                norm += x.data[i * d + k] * x.data[i * d + k];
            }
            double scale = norms.equals("equal") ? Math.sqrt(d / norm) : Math.pow(10, r.nextDouble() - 0.5);
            for (int k = 0; k < d; k++) {
                x.data[i * d + k] *= scale;
            }
        }
        engine = KernelEngine.builder().impl(Simd.Impl.parse(impl)).threads(1).build();
        BenchData.checkRecursionAgrees(net, x);
    }

    @Benchmark
    public Kernels compute() {
        return engine.compute(net, x);
    }
}
