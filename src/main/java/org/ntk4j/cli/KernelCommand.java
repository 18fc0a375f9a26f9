package org.ntk4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.io.Npy;
import org.ntk4j.io.NpyArray;
import org.ntk4j.kernel.ConvKernels;
import org.ntk4j.kernel.ConvNet;
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
                "Inputs are .npy (<f8 or <f4, 2-D) or .csv files with one example per row;",
                "a --net with conv/avgpool/flatten/gap layers takes .npy images (n, H, W, C)."})
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
        ConvNet conv = netOptions.convNetOrNull();
        if (conv != null) {
            return convolutional(conv);
        }
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
                engine.impl().name().toLowerCase(Locale.ROOT),
                engine.impl() == Simd.Impl.VECTOR ? Simd.lanes() : 1, engine.threads());
        return 0;
    }

    /** The conv kernels (scalar paths) on .npy images of shape (n, H, W, C). */
    private Integer convolutional(ConvNet conv) throws IOException {
        ConvKernels.Images a1 = images(inputs.x1, "--x1");
        ConvKernels.Images a2 = inputs.x2 == null ? null : images(inputs.x2, "--x2");
        long t0 = System.nanoTime();
        ConvKernels.Result r = ConvKernels.compute(conv, a1, a2,
                ConvKernels.Path.AUTO, exec.threads());
        double secs = (System.nanoTime() - t0) / 1e9;
        outputs.write(r.nngp(), r.ntk());
        spec.commandLine().getOut().printf("kernel: %s, %d x %d (%d x %d x %d images), path %s, %.3f s, impl scalar, %d threads%n",
                conv, r.nngp().numRows, r.nngp().numCols, a1.h(), a1.w(), a1.c(),
                ConvKernels.resolve(conv, ConvKernels.Path.AUTO).name().toLowerCase(Locale.ROOT),
                secs, exec.threads());
        return 0;
    }

    static ConvKernels.Images images(Path p, String option) throws IOException {
        if (!p.toString().endsWith(".npy")) {
            throw new IllegalArgumentException(option + " " + p.getFileName() + ": a convolutional network takes .npy images (n, H, W, C)");
        }
        NpyArray a = Npy.read(p);
        if (a.rank() != 4) {
            throw new IllegalArgumentException(option + " " + p.getFileName() + " has rank " + a.rank()
                    + "; a convolutional network takes images of shape (n, H, W, C)");
        }
        int[] s = a.shape();
        return new ConvKernels.Images(a.data(), s[0], s[1], s[2], s[3]);
    }
}
