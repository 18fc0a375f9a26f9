package org.ntk4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.io.MatrixFiles;
import org.ntk4j.kernel.KernelEngine;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.ntk4j.linalg.Solver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ntk4j predict}: kernel regression with the NNGP or NTK of an infinitely wide MLP on the user's data. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predicts test outputs with an infinitely wide fully-connected network: the",
                "NNGP posterior mean (--kernel nngp) or the output of gradient descent on",
                "squared loss at time --time (--kernel ntk). Inputs are .npy (<f8 or <f4) or",
                ".csv files with one example per row; targets n x k (or a vector of n)."})
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--train-x", required = true, paramLabel = "A.npy", description = "Training inputs, n x d.")
    Path trainX;

    @Option(names = "--train-y", required = true, paramLabel = "B.npy", description = "Training targets, n x k or length n.")
    Path trainY;

    @Option(names = "--test-x", required = true, paramLabel = "C.npy", description = "Test inputs, m x d.")
    Path testX;

    @Option(names = "--out", required = true, paramLabel = "P.npy", description = "Where to write the m x k predictions (.npy or .csv).")
    Path out;

    @Option(names = "--kernel", defaultValue = "ntk",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Choices.KernelKind kernel;

    @Mixin
    ModelOptions model;

    @Override
    public Integer call() throws Exception {
        model.validate();
        String which = Choices.spelling(kernel);
        double steps = model.time();
        if (which.equals("nngp") && !Double.isInfinite(steps)) {
            throw new IllegalArgumentException("--time applies to --kernel ntk only (the NNGP posterior has no training time)");
        }
        Inputs.requireWritable(out);
        Network net = model.network();
        DMatrixRMaj xTrain = Inputs.read(trainX);
        DMatrixRMaj y = Inputs.read(trainY);
        DMatrixRMaj xTest = Inputs.read(testX);
        if (y.numRows != xTrain.numRows) {
            throw new IllegalArgumentException("--train-y has " + y.numRows + " rows but --train-x has " + xTrain.numRows);
        }
        KernelPredictor.requireMemory(xTrain.numRows, xTest.numRows, !Double.isInfinite(steps));

        long t0 = System.nanoTime();
        ProgressBar kBar = new ProgressBar("kernel", 2000);
        KernelEngine engine = model.engine(kBar::update);
        Kernels tt = engine.compute(net, xTrain);
        Kernels st = engine.compute(net, xTest, xTrain);
        kBar.finish();
        long t1 = System.nanoTime();
        ProgressBar sBar = new ProgressBar("solve", 2000);
        Solver solver = model.solver(sBar::update);
        KernelPredictor.Output p = which.equals("nngp")
                ? new KernelPredictor.Output(KernelPredictor.nngpInPlace(tt.nngp(), st.nngp(), y, model.diagReg, solver), null)
                : KernelPredictor.ntkInPlace(tt.ntk(), st.ntk(), y, model.diagReg, steps, model.learningRate, solver);
        sBar.finish();
        long t2 = System.nanoTime();
        MatrixFiles.write(out, p.mean());
        spec.commandLine().getOut().printf(Locale.ROOT,
                "predict: %s %s, %d train, %d test, %d outputs; kernel %.2f s, solve and predict %.2f s%s; wrote %s%n",
                which, net, xTrain.numRows, xTest.numRows, y.numCols, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                p.learningRate() == null ? "" : String.format(Locale.ROOT, "; t = %s steps at learning rate %.4g",
                        steps, p.learningRate()), out);
        return 0;
    }
}
