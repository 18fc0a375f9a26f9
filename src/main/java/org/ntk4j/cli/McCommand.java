package org.ntk4j.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.finite.MonteCarlo;
import org.ntk4j.kernel.Network;
import org.ntk4j.simd.Simd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ntk4j mc}: Monte-Carlo NNGP and NTK from many finite networks. */
@Command(name = "mc", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Monte-Carlo estimates of the NNGP and NTK from --samples finite networks",
                "(Dense, act, ..., Dense from --net or --depth and --activation; hidden layers of --width units,",
                "--outputs readouts):",
                "NNGP = mean f(x) f(x')^T / O, NTK = mean (1/O) sum_a eNTK_aa. Same seed, same bits."})
final class McCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PairInputs inputs;

    @Mixin
    FiniteOptions net;

    @Option(names = "--samples", required = true, paramLabel = "S", description = "Networks to average, >= 1.")
    int samples;

    @Option(names = "--seed", required = true, paramLabel = "N", description = "Master seed; sample s draws from its own stream derived from N and s.")
    long seed;

    @Mixin
    KernelOutputs files;

    @Override
    public Integer call() throws Exception {
        int width = net.width.require();
        int outputs = FiniteOptions.require(net.outputs, "--outputs", 1);
        FiniteOptions.require(samples, "--samples", 1);
        files.check();
        Network network = net.network();
        Simd.Impl impl = net.exec.impl;
        int threads = net.threads();
        DMatrixRMaj a1 = inputs.first();
        DMatrixRMaj a2 = inputs.secondOrNull();
        ProgressBar bar = new ProgressBar("mc", 2000);
        long t0 = System.nanoTime();
        MonteCarlo mc = MonteCarlo.builder(network, new MonteCarlo.Config(width, outputs, samples, seed))
                .impl(impl).threads(threads).progress(bar::update).build();
        MonteCarlo.Estimate e = a2 == null ? mc.estimate(a1) : mc.estimate(a1, a2);
        double secs = (System.nanoTime() - t0) / 1e9;
        bar.finish();
        files.write(e.nngp(), e.ntk());
        spec.commandLine().getOut().printf(Locale.ROOT, "mc: %s, width %d, %d outputs, %d samples, %d x %d, %.3f s, %d threads%n",
                network, width, outputs, samples, e.nngp().numRows, e.nngp().numCols, secs, threads);
        return 0;
    }
}
