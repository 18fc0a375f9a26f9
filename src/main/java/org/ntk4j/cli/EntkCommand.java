package org.ntk4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.finite.EmpiricalNtk;
import org.ntk4j.finite.FullNtk;
import org.ntk4j.finite.Mlp;
import org.ntk4j.io.MatrixFiles;
import org.ntk4j.io.Npy;
import org.ntk4j.kernel.Network;
import org.ntk4j.simd.Simd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ntk4j entk}: the empirical NTK of one finite network. */
@Command(name = "entk", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Empirical NTK of a finite fully-connected network (NTK parameterisation):",
                "Dense, act, ..., Dense (--net, or --depth and --activation) with hidden layers of --width units",
                "and --outputs readouts,",
                "drawn with --seed or loaded from --params-in (W0.npy, b0.npy, ...).",
                "full: shape (n1, n2, O, O) (.npy only); logits: (1/O) sum_ab Theta_ab, n1 x n2;",
                "trace: (1/O) sum_a Theta_aa, n1 x n2."})
final class EntkCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PairInputs inputs;

    @Mixin
    FiniteOptions net;

    @Mixin
    ParamsOptions params;

    @Option(names = "--mode", defaultValue = "logits",
            description = "${COMPLETION-CANDIDATES}: all output pairs, their logit-summed mean, or the mean of"
                    + " the diagonal pairs (default: ${DEFAULT-VALUE}).")
    EmpiricalNtk.Mode mode;

    @Option(names = "--method", defaultValue = "structured",
            description = "${COMPLETION-CANDIDATES}: structured uses the outer-product structure (fast), jacobian"
                    + " explicit Jacobians (the reference) (default: ${DEFAULT-VALUE}).")
    EmpiricalNtk.Method method;

    @Option(names = "--compare", description = "Also report ||FULL - LOGITS (x) I_O||_F / ||FULL||_F.")
    boolean compare;

    @Option(names = "--out", required = true, paramLabel = "E.npy", description = "Where to write the kernel.")
    Path out;

    @Override
    public Integer call() throws Exception {
        EmpiricalNtk.Mode m = mode;
        EmpiricalNtk.Method how = method;
        params.check();
        if (m == EmpiricalNtk.Mode.FULL && !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            throw new IllegalArgumentException("--mode full writes a 4-D array: --out must be a .npy file, got " + out);
        }
        int outputs = FiniteOptions.require(net.outputs, "--outputs", 1);
        Integer width = params.loaded() ? net.width.value : (Integer) net.width.require();
        Inputs.requireWritable(out);
        Network network = net.network();
        int depth = network.hiddenLayers();
        DMatrixRMaj a1 = inputs.first();
        DMatrixRMaj a2 = inputs.secondOrNull();
        int n2 = (a2 == null ? a1 : a2).numRows;
        Mlp mlp = params.loaded() ? params.load(network) : Mlp.init(network, new Mlp.Shape(a1.numCols, width, outputs), params.seed);
        if (params.loaded()) {
            checkLoaded(mlp, depth, outputs, width);
        }
        if (m == EmpiricalNtk.Mode.FULL || compare) {
            EmpiricalNtk.requireMemory(a1.numRows, n2, outputs, EmpiricalNtk.Mode.FULL, how);
        }
        EmpiricalNtk engine = EmpiricalNtk.builder().method(how).impl(net.exec.impl).threads(net.threads()).build();

        long t0 = System.nanoTime();
        FullNtk full = m == EmpiricalNtk.Mode.FULL || compare ? (a2 == null ? engine.full(mlp, a1) : engine.full(mlp, a1, a2)) : null;
        DMatrixRMaj matrix = switch (m) {
            case FULL -> null;
            case LOGITS -> a2 == null ? engine.logits(mlp, a1) : engine.logits(mlp, a1, a2);
            case TRACE -> a2 == null ? engine.trace(mlp, a1) : engine.trace(mlp, a1, a2);
        };
        String comparison = "";
        if (compare) {
            DMatrixRMaj logits = m == EmpiricalNtk.Mode.LOGITS ? matrix : a2 == null ? engine.logits(mlp, a1) : engine.logits(mlp, a1, a2);
            comparison = String.format(Locale.ROOT, "; LOGITS vs FULL: relative Frobenius error %.6g",
                    full.relativeErrorOf(logits));
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        if (m == EmpiricalNtk.Mode.FULL) {
            Npy.write(out, full.toNpy());
        } else {
            MatrixFiles.write(out, matrix);
        }
        params.save(mlp);
        String shape = m == EmpiricalNtk.Mode.FULL
                ? String.format("(%d, %d, %d, %d)", a1.numRows, n2, outputs, outputs)
                : a1.numRows + " x " + n2;
        spec.commandLine().getOut().printf(Locale.ROOT, "entk: %s %s %s, %d parameters, %s, %.3f s, %s%s%n",
                m.name().toLowerCase(Locale.ROOT), how.name().toLowerCase(Locale.ROOT), mlp, mlp.parameterCount(),
                shape, secs, engine.threads() + " threads", comparison);
        return 0;
    }

    /** Loaded parameters must be the network the options describe. */
    private static void checkLoaded(Mlp mlp, int depth, int outputs, Integer width) {
        if (mlp.outputs() != outputs) {
            throw new IllegalArgumentException("--params-in has " + mlp.outputs() + " outputs (last W has "
                    + mlp.outputs() + " rows) but --outputs is " + outputs);
        }
        assert mlp.depth() == depth;
        if (width != null) {
            for (int l = 1; l <= depth; l++) {
                if (mlp.width(l) != width) {
                    throw new IllegalArgumentException("--params-in hidden layer " + l + " has " + mlp.width(l)
                            + " units but --width is " + width);
                }
            }
        }
    }
}
