package org.ntk4j.cli;

import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.kernel.KernelEngine;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.ntk4j.simd.Simd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ntk4j kernel}: infinite-width NNGP and NTK of a fully-connected network. */
@Command(name = "kernel", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"NNGP and NTK of the readout of a network of infinite width: --net, or",
                "dense,A,dense,...,dense with --depth hidden layers of --activation A.",
                "Inputs are .npy (<f8 or <f4, 2-D) or .csv files with one example per row."})
final class KernelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PairInputs inputs;

    @Mixin
    NetworkOptions netOptions;

    @Mixin
    ExecutionOptions exec;

    @Mixin
    KernelOutputs outputs;

    @Override
    public Integer call() throws Exception {
        outputs.check();
        Network net = netOptions.network();
        KernelEngine.Builder eb = KernelEngine.builder().impl(exec.impl).threads(exec.threads());
        ProgressBar bar = new ProgressBar("kernel", 2000);
        KernelEngine engine = eb.progress(bar::update).build();

        DMatrixRMaj a1 = inputs.first();
        DMatrixRMaj a2 = inputs.secondOrNull();
        long t0 = System.nanoTime();
        Kernels k = a2 == null ? engine.compute(net, a1) : engine.compute(net, a1, a2);
        double secs = (System.nanoTime() - t0) / 1e9;
        bar.finish();
        outputs.write(k.nngp(), k.ntk());
        spec.commandLine().getOut().printf("kernel: %s, %d x %d (d = %d), %.3f s, impl %s (%d lanes), %d threads%n",
                net, k.nngp().numRows, k.nngp().numCols, a1.numCols, secs,
                engine.impl().name().toLowerCase(java.util.Locale.ROOT),
                engine.impl() == Simd.Impl.VECTOR ? Simd.lanes() : 1, engine.threads());
        return 0;
    }
}
