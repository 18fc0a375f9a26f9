package org.ntk4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.finite.Mlp;
import org.ntk4j.io.AtomicFile;
import org.ntk4j.io.MatrixFiles;
import org.ntk4j.kernel.Network;
import org.ntk4j.train.Checkpoint;
import org.ntk4j.train.Loss;
import org.ntk4j.train.Optimizer;
import org.ntk4j.train.Parameterization;
import org.ntk4j.train.TrainConfig;
import org.ntk4j.train.TrainResult;
import org.ntk4j.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ntk4j train}: trains a finite fully-connected network by gradient descent. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a finite fully-connected network Dense, act, ..., Dense (--net, or --depth and",
                "--activation) with hidden layers of --width units and as many outputs as --y-train has columns",
                "(cross-entropy: a one-column --y-train holds class labels 0 .. k-1).",
                "Conventions as neural-tangents: MSE ||f - Y||^2/(2 n k), one step theta <- theta - lr grad L.",
                "--out: the outputs on --x-test (else on --x-train) after --steps updates."})
final class TrainCommand implements Callable<Integer> {

    /** About this many log-spaced report steps between 0 and T. */
    private static final int REPORT_POINTS = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--x-train", required = true, paramLabel = "A.npy", description = "Train inputs, n x d (.npy or .csv).")
    Path xTrain;

    @Option(names = "--y-train", required = true, paramLabel = "B.npy", description = "Train targets, n x k, or n x 1 class labels for cross-entropy.")
    Path yTrain;

    @Option(names = "--x-test", paramLabel = "C.npy", description = "Test inputs, m x d.")
    Path xTest;

    @Option(names = "--y-test", paramLabel = "D.npy", description = "Test targets, for the test loss of the report.")
    Path yTest;

    @Mixin
    NetworkOptions net;

    @Mixin
    WidthOption width;

    @Mixin
    ParamsOptions params;

    @Option(names = "--parameterization", defaultValue = "ntk",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Parameterization parameterization;

    @Option(names = "--loss", defaultValue = "mse", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Loss loss;

    @Option(names = "--optimizer", defaultValue = "gd",
            description = "${COMPLETION-CANDIDATES}: full batch, minibatches of --batch, heavy ball (default: ${DEFAULT-VALUE}).")
    Optimizer optimizer;

    @Option(names = "--lr", defaultValue = "1.0", paramLabel = "ETA", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--momentum", defaultValue = "0.9", paramLabel = "M", description = "Heavy-ball momentum in [0, 1) (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--batch", paramLabel = "B", description = "SGD minibatch size (required with --optimizer sgd).")
    Integer batch;

    @Option(names = "--alpha", paramLabel = "A", description = "Output scale: train A (f(theta) - f(theta_0)) instead of f.")
    Double alpha;

    @Option(names = "--linearize", description = "Train the linearised network f(theta_0) + J (theta - theta_0), by Jacobian-vector products.")
    boolean linearize;

    @Option(names = "--steps", required = true, paramLabel = "T", description = "Updates, >= 0.")
    int steps;

    @Option(names = "--out", paramLabel = "F.npy", description = "Where to write the outputs after training (.npy or .csv).")
    Path out;

    @Option(names = "--report", paramLabel = "R.json", description = "Losses and weight change at log-spaced steps, JSON.")
    Path report;

    @Override
    public Integer call() throws Exception {
        if (optimizer == Optimizer.SGD && batch == null) {
            throw new IllegalArgumentException("--optimizer sgd needs --batch");
        }
        if (yTest != null && xTest == null) {
            throw new IllegalArgumentException("--y-test needs --x-test");
        }
        Inputs.requireWritable(out, report);
        params.check();
        Network network = net.network();
        DMatrixRMaj x = Inputs.read(xTrain);
        DMatrixRMaj xt = xTest == null ? null : Inputs.read(xTest);
        DMatrixRMaj y = targets(Inputs.read(yTrain), "--y-train", -1);
        DMatrixRMaj yt = yTest == null ? null : targets(Inputs.read(yTest), "--y-test", y.numCols);
        Mlp start;
        if (params.loaded()) {
            start = params.load(network);
            if (width.value != null && start.depth() > 0 && start.width(1) != width.value) {
                throw new IllegalArgumentException("--params-in has " + start.width(1) + " hidden units but --width is " + width.value);
            }
        } else {
            int w = width.require();
            start = Trainer.initialise(network, new Mlp.Shape(x.numCols, w, y.numCols), params.seed, parameterization);
        }
        TrainConfig c = new TrainConfig(parameterization, loss, optimizer, lr, optimizer == Optimizer.MOMENTUM ? momentum : 0,
                batch == null ? 1 : batch, steps, params.seed == null ? 0 : params.seed, alpha, linearize);
        long t0 = System.nanoTime();
        TrainResult r = Trainer.train(start, x, y, xt, yt, c, Trainer.reportSteps(steps, REPORT_POINTS));
        double secs = (System.nanoTime() - t0) / 1e9;
        if (out != null) {
            MatrixFiles.write(out, r.testOutput() != null ? r.testOutput() : r.trainOutput());
        }
        if (report != null) {
            byte[] json = json(r).getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(report, os -> os.write(json));
        }
        params.save(r.params());
        Checkpoint last = r.report().get(r.report().size() - 1);
        spec.commandLine().getOut().printf(Locale.ROOT, "train: %s %s %s, %s, %d steps, train loss %.6g, weight change %.4g, %.3f s%n",
                optimizer, loss, parameterization, start, steps, last.trainLoss(), last.weightChange(), secs);
        return 0;
    }

    /** Targets as n x k; for cross-entropy a one-column array of labels becomes one-hot rows. */
    private DMatrixRMaj targets(DMatrixRMaj y, String name, int classes) {
        if (loss != Loss.CROSS_ENTROPY || y.numCols != 1 || classes == 1) {
            return y;
        }
        int k = classes;
        for (int i = 0; i < y.numRows; i++) {
            double v = y.data[i];
            if (!(v >= 0) || v != Math.rint(v) || v > 1 << 20) {
                throw new IllegalArgumentException(name + " row " + i + " is " + v + ": class labels are integers 0, 1, ...");
            }
            if (classes < 0) {
                k = Math.max(k, (int) v + 1);
            } else if (v >= classes) {
                throw new IllegalArgumentException(name + " row " + i + " is class " + (int) v + " but --y-train has "
                        + classes + " classes");
            }
        }
        DMatrixRMaj hot = new DMatrixRMaj(y.numRows, Math.max(k, 2));
        for (int i = 0; i < y.numRows; i++) {
            hot.set(i, (int) y.data[i], 1);
        }
        return hot;
    }

    private String json(TrainResult r) {
        StringBuilder sb = new StringBuilder("{\"steps\": ").append(steps).append(", \"checkpoints\": [");
        for (int i = 0; i < r.report().size(); i++) {
            Checkpoint p = r.report().get(i);
            sb.append(i == 0 ? "\n  " : ",\n  ").append(String.format(Locale.ROOT,
                    "{\"step\": %d, \"train_loss\": %s, \"test_loss\": %s, \"weight_change\": %s}",
                    p.step(), num(p.trainLoss()), num(p.testLoss()), num(p.weightChange())));
        }
        return sb.append("\n]}\n").toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }
}
