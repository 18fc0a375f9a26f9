package org.ntk4j.finite;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.exec.ExecutionBuilder;
import org.ntk4j.exec.Progress;
import org.ntk4j.kernel.Network;
import org.ntk4j.linalg.MemoryCheck;
import org.ntk4j.simd.KernelOps;
import org.ntk4j.simd.Simd;

/**
 * Monte-Carlo estimates of the infinite-width kernels from S independently initialised finite
 * networks: NNGP ≈ mean_s f_s(x) f_s(x')ᵀ / O and NTK ≈ mean_s (1/O) Σ_a Θ_s,aa(x, x'), averaging
 * over samples and readout units (as neural-tangents' monte_carlo_kernel_fn does). Sample s is
 * drawn with {@link Initializer#sampleSeed}(seed, s); samples run in parallel, one per thread, and
 * are added in sample order, so the result does not depend on the thread count. Immutable; its
 * thread pool is created once, with the estimator.
 */
public final class MonteCarlo {

    /**
     * What to sample.
     *
     * @param width   units of every hidden layer
     * @param outputs units of the readout
     * @param samples S ≥ 1 networks
     * @param seed    the seed of sample 0's stream (sample s uses {@link Initializer#sampleSeed})
     */
    public record Config(int width, int outputs, int samples, long seed) {
    }

    /** The two estimates, n1 × n2 each; fresh matrices that belong to the caller (not copied on access). */
    public record Estimate(DMatrixRMaj nngp, DMatrixRMaj ntk, int samples) {
    }

    private final Network net;
    private final int width;
    private final int outputs;
    private final int samples;
    private final long seed;
    private final Simd.Impl impl;
    private final Progress progress;
    /** Created once with the estimator and reused by every call: samples in flight at once. */
    private final org.ntk4j.exec.Workers pool;

    /**
     * With the default execution (vector kernels when available, all processors); see
     * {@link #builder} to choose them.
     *
     * @param net Dense, φ, Dense, ..., Dense; every hidden layer gets {@code config.width()} units
     */
    public MonteCarlo(Network net, Config config) {
        this(net, config, new Builder(net, config));
    }

    private MonteCarlo(Network net, Config config, Builder b) {
        int width = config.width();
        int outputs = config.outputs();
        int samples = config.samples();
        this.net = Objects.requireNonNull(net, "network");
        if (width < 1 || outputs < 1 || samples < 1) {
            throw new IllegalArgumentException("width, outputs and samples must be >= 1, got " + width + ", "
                    + outputs + ", " + samples);
        }
        this.width = width;
        this.outputs = outputs;
        this.samples = samples;
        this.seed = config.seed();
        this.impl = b.implementation();
        this.progress = b.progressCallback();
        this.pool = b.newWorkers();
    }

    /** An estimator of net's kernels as config says, with the implementation and threads still to choose. */
    public static Builder builder(Network net, Config config) {
        return new Builder(Objects.requireNonNull(net, "network"), Objects.requireNonNull(config, "config"));
    }

    /** Samples in flight at once. */
    public int threads() {
        return pool.threads();
    }

    /** Both estimates between the rows of x and themselves, reporting after each sample. x: not modified. */
    public Estimate estimate(DMatrixRMaj x) {
        return run(x, null);
    }

    /** Both estimates between the rows of x1 and x2, reporting after each sample. x1, x2: not modified. */
    public Estimate estimate(DMatrixRMaj x1, DMatrixRMaj x2) {
        return run(x1, Objects.requireNonNull(x2, "x2"));
    }

    /** Settings for a {@link MonteCarlo}: the shared execution settings (progress: once per sample). */
    public static final class Builder extends ExecutionBuilder<Builder> {
        private final Network net;
        private final Config config;

        private Builder(Network net, Config config) {
            this.net = net;
            this.config = config;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public MonteCarlo build() {
            return new MonteCarlo(net, config, this);
        }
    }

    /** x2 null: x1 against itself. */
    private Estimate run(DMatrixRMaj x1, DMatrixRMaj x2) {
        if (x1 == null || x1.numCols < 1) {
            throw new IllegalArgumentException("x1 is missing or has no columns");
        }
        Mlp.checkInputs(x1, "x1", x1.numCols);
        if (x2 != null) {
            Mlp.checkInputs(x2, "x2", x1.numCols);
        }
        int n1 = x1.numRows;
        int n2 = (x2 == null ? x1 : x2).numRows;
        // a wave of samples in flight, each with its own pair of n1 × n2 buffers
        int wave = Math.max(1, Math.min(samples, 2 * pool.threads()));
        EmpiricalNtk.requireMemory(n1, n2, 1, EmpiricalNtk.Mode.TRACE, EmpiricalNtk.Method.STRUCTURED);
        requireHeap((long) n1 * n2 * 8 * 2 * (wave + 1));
        KernelOps ops = Simd.ops(impl);
        double[] k = new double[n1 * n2];
        double[] t = new double[n1 * n2];
        double[][] kb = new double[wave][];
        double[][] tb = new double[wave][];
        AtomicLong done = new AtomicLong();
        try (Workers onPool = new Workers(pool); Workers single = new Workers(org.ntk4j.exec.Workers.SINGLE)) {
            for (int s0 = 0; s0 < samples; s0 += wave) {
                int first = s0;
                int count = Math.min(wave, samples - s0);
                onPool.run(count, w -> {
                    Mlp mlp = Mlp.init(net, new Mlp.Shape(x1.numCols, width, outputs), Initializer.sampleSeed(seed, first + w));
                    sample(mlp, x1, x2, ops, single, kb, tb, w);
                    progress.update(done.incrementAndGet(), samples);
                });
                for (int w = 0; w < count; w++) {   // in sample order: the sum's bits are fixed
                    for (int ij = 0; ij < k.length; ij++) {
                        k[ij] += kb[w][ij];
                        t[ij] += tb[w][ij];
                    }
                }
            }
        }
        for (int ij = 0; ij < k.length; ij++) {
            k[ij] /= samples;
            t[ij] /= samples;
        }
        return new Estimate(new DMatrixRMaj(n1, n2, true, k), new DMatrixRMaj(n1, n2, true, t), samples);
    }

    /** One network's f f'ᵀ / O and traced eNTK into slot w of the buffers. */
    private static void sample(Mlp mlp, DMatrixRMaj x1, DMatrixRMaj x2, KernelOps ops, Workers single,
                               double[][] kb, double[][] tb, int w) {
        Forward f1 = Forward.run(mlp, x1, ops, single, true);
        Forward f2 = x2 == null ? f1 : Forward.run(mlp, x2, ops, single, true);
        int o = mlp.outputs();
        double[] k = new double[f1.n() * f2.n()];
        single.gram(ops, f1.output(), f1.n(), f2.output(), f2.n(), o, k);
        for (int ij = 0; ij < k.length; ij++) {
            k[ij] /= o;
        }
        kb[w] = k;
        tb[w] = StructuredNtk.compute(mlp, f1, f2, EmpiricalNtk.Mode.TRACE, ops, single);
    }

    private static void requireHeap(long need) {
        MemoryCheck.require(need, "the Monte-Carlo estimate (its sample buffers and sums)", "raise -Xmx or use fewer threads");
    }
}
