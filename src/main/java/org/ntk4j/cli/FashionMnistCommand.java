package org.ntk4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.data.FashionMnist;
import org.ntk4j.data.Preprocess;
import org.ntk4j.exec.Progress;
import org.ntk4j.kernel.KernelEngine;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.ntk4j.predict.Classification;
import org.ntk4j.predict.GpPosterior;
import org.ntk4j.simd.Simd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ntk4j fashion-mnist}: NNGP and NTK classification of Fashion-MNIST, the main job. */
@Command(name = "fashion-mnist", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classifies Fashion-MNIST with the NNGP posterior and NTK gradient descent",
                "of an infinitely wide fully-connected network (Lee et al. 2018, 2019).",
                "Images: /255, centred per image, norm sqrt(784); targets one-hot minus 0.1;",
                "prediction = argmax. Data: --data DIR, else the Debian package",
                "dataset-fashion-mnist if installed, else the embedded subset (2000 train,",
                "1000 test)."})
final class FashionMnistCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--train", defaultValue = "2000", paramLabel = "N", description = "Training examples (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--test", defaultValue = "1000", paramLabel = "M", description = "Test examples (default: ${DEFAULT-VALUE}).")
    int test;

    @Mixin
    ModelOptions model;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory with the four IDX files (gzip or plain),"
            + " or 'embedded' for the subset in the jar.")
    Path data;

    @Option(names = "--out", paramLabel = "R.json", description = "Result file, JSON (.json) or Markdown (.md), written atomically.")
    Path out;

    @Option(names = "--sweep", description = "Accuracy against training-set size and depth (NNGP and NTK, t = inf):"
            + " a Markdown table on stdout and an SVG plot.")
    boolean sweep;

    @Option(names = "--sweep-sizes", split = ",", paramLabel = "N,...", defaultValue = "1000,2000,5000,10000,20000",
            description = "Training-set sizes of the sweep, capped at what the data hold (default: ${DEFAULT-VALUE}).")
    List<Integer> sweepSizes;

    @Option(names = "--sweep-depths", split = ",", paramLabel = "L,...", defaultValue = "1,2,3,4,5",
            description = "Depths of the sweep (default: ${DEFAULT-VALUE}).")
    List<Integer> sweepDepths;

    @Option(names = "--plot", paramLabel = "P.svg", defaultValue = "fashion-mnist-sweep.svg",
            description = "Where --sweep writes its plot (default: ${DEFAULT-VALUE}).")
    Path plot;

    @Override
    public Integer call() throws Exception {
        model.validate();
        if (train < 1 || test < 1) {
            throw new IllegalArgumentException("--train and --test must be >= 1, got " + train + " and " + test);
        }
        if (out != null) {
            ResultFile.format(out);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (sweep) {
            Inputs.requireWritable(out, plot);
            new FashionMnistSweep(model, data, sweepSizes, sweepDepths, test, plot, out).run(o);
            return 0;
        }
        Inputs.requireWritable(out);
        double steps = model.time();
        boolean streamed = Double.isInfinite(steps);
        KernelPredictor.requireMemory(train, test, streamed ? Math.min(test, TEST_BLOCK) : test, !streamed);
        org.ntk4j.kernel.ConvNet conv = model.net.convNetOrNull();
        if (conv != null) {
            return FashionMnistConv.run(o, conv, load(data, train, test), model);
        }
        Network net = model.network();

        long t0 = System.nanoTime();
        FashionMnist.Data d = load(data, train, test);
        long t1 = System.nanoTime();
        ProgressBar kBar = new ProgressBar("kernel train/train", 2000);
        Kernels tt = model.engine(kBar::update).compute(net, d.train().x());
        kBar.finish();
        long kernelNanos = System.nanoTime() - t1;

        DMatrixRMaj y = Preprocess.oneHotMinusTenth(d.train().labels(), FashionMnist.CLASSES);
        KernelPredictor.Output ntkOut;
        DMatrixRMaj nngpMean;
        long solveNanos;
        long predictNanos;
        if (streamed) {
            // t = inf: solve first, then stream the test/train kernels through the posterior means
            // block by block, so only the two train kernels are ever held whole.
            long s0 = System.nanoTime();
            GpPosterior[] fits = fitBoth(tt.nngp(), tt.ntk(), y);
            solveNanos = System.nanoTime() - s0;
            long[] split = new long[2];
            DMatrixRMaj[] means = streamTestKernels(model::engine, net, d.test().x(), d.train().x(), fits,
                    model.solver(), split, TEST_BLOCK);
            kernelNanos += split[0];
            predictNanos = split[1];
            nngpMean = means[0];
            ntkOut = new KernelPredictor.Output(means[1], null);
        } else {
            ProgressBar kBar2 = new ProgressBar("kernel test/train", 2000);
            long k0 = System.nanoTime();
            Kernels st = model.engine(kBar2::update).compute(net, d.test().x(), d.train().x());
            kBar2.finish();
            kernelNanos += System.nanoTime() - k0;
            long s0 = System.nanoTime();
            ProgressBar nBar = new ProgressBar("solve NNGP", 2000);
            GpPosterior nngpFit = GpPosterior.fitInPlace(tt.nngp(), y, model.diagReg, model.solver(nBar::update));
            nBar.finish();
            ProgressBar tBar = new ProgressBar("solve NTK", 2000);
            // the eigendecomposition path solves and predicts in one go; it is counted as solve
            ntkOut = KernelPredictor.ntkInPlace(tt.ntk(), st.ntk(), y, model.diagReg, steps, model.learningRate,
                    model.solver(tBar::update));
            tBar.finish();
            long p0 = System.nanoTime();
            solveNanos = p0 - s0;
            nngpMean = nngpFit.mean(st.nngp());
            predictNanos = System.nanoTime() - p0;
        }
        double nngpAcc = Classification.accuracy(nngpMean, d.test().labels());
        double ntkAcc = Classification.accuracy(ntkOut.mean(), d.test().labels());

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("source", d.source());
        r.put("train", train);
        r.put("test", test);
        r.put("network", net.toString());
        r.put("diag_reg", model.diagReg);
        r.put("time", Double.isInfinite(steps) ? "inf" : steps);
        if (ntkOut.learningRate() != null) {
            r.put("learning_rate", ntkOut.learningRate());
        }
        r.put("solver", model.method().name().toLowerCase(java.util.Locale.ROOT));
        r.put("nngp_accuracy", nngpAcc);
        r.put("ntk_accuracy", ntkAcc);
        r.put("predictions_sha256", digest(nngpMean, ntkOut.mean()));
        r.put("load_s", secs(t0, t1));
        r.put("kernel_s", kernelNanos / 1e9);
        r.put("solve_s", solveNanos / 1e9);
        r.put("predict_s", predictNanos / 1e9);
        r.put("peak_heap_bytes", RunInfo.peakHeap());
        r.put("peak_resident_bytes", RunInfo.peakResident());
        r.put("environment", RunInfo.environment(model.impl(), model.threadCount()));

        o.printf("fashion-mnist: %s; %d train, %d test; %s; diag-reg %s%n", d.source(), train, test, net, model.diagReg);
        String time = Double.isInfinite(steps) ? "t = inf" : String.format("t = %s steps at learning rate %.4g", steps,
                ntkOut.learningRate());
        o.printf("accuracy: NNGP posterior %.2f %%, NTK gradient descent (%s) %.2f %%%n", 100 * nngpAcc, time, 100 * ntkAcc);
        o.printf("time: load %.2f s, kernel %.2f s, solve %.2f s (%s Cholesky%s), predict %.2f s%n", secs(t0, t1),
                kernelNanos / 1e9, solveNanos / 1e9, r.get("solver"), streamed ? "" : " + EJML eigendecomposition",
                predictNanos / 1e9);
        o.printf("memory: %s%n", RunInfo.memory());
        o.printf("environment: %s%n", r.get("environment"));
        if (out != null) {
            ResultFile.write(out, "fashion-mnist", r, List.of());
            o.printf("wrote %s%n", out);
        }
        o.flush();
        return 0;
    }

    /**
     * SHA-256 of the bits of both prediction matrices (NNGP then NTK, row-major, big-endian):
     * two runs that agree here agree to the last bit, e.g. with different thread counts.
     */
    static String digest(DMatrixRMaj... ms) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8);
            for (DMatrixRMaj m : ms) {
                for (int i = 0; i < m.numRows * m.numCols; i++) {
                    md.update(buf.clear().putLong(0, Double.doubleToRawLongBits(m.data[i])).array());
                }
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The data: 'embedded' for the subset in the jar, a directory, or null for the default. */
    static FashionMnist.Data load(Path data, int train, int test) throws java.io.IOException {
        return isEmbedded(data) ? FashionMnist.loadEmbedded(train, test) : FashionMnist.load(data, train, test);
    }

    static boolean isEmbedded(Path data) {
        return data != null && data.toString().equals("embedded");
    }

    static double secs(long from, long to) {
        return (to - from) / 1e9;
    }

    static List<Integer> capped(List<Integer> sizes, int max) {
        List<Integer> out = new ArrayList<>();
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("sweep sizes must be >= 1, got " + s);
            }
            int c = Math.min(s, max);
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        out.sort(null);
        return out;
    }

    /** Test rows per block of the streamed test/train kernels. */
    static final int TEST_BLOCK = 1024;

    /**
     * The NNGP and NTK posterior means of all test rows, computing the test/train kernels
     * blockRows test rows at a time (engines: an engine reporting to the given progress) and
     * multiplying each block by α at once with solver (the products' bits do not depend on its threads). Each mean
     * row depends only on its own kernel row, so the result has the bits of the unblocked
     * computation. nanos[0] += kernel time, nanos[1] += multiply time.
     */
    static DMatrixRMaj[] streamTestKernels(java.util.function.Function<Progress, KernelEngine> engines,
                                           Network net, DMatrixRMaj xTest, DMatrixRMaj xTrain, GpPosterior[] fits,
                                           org.ntk4j.linalg.Solver solver, long[] nanos, int blockRows) {
        // the fits' own solvers ran on half the threads each; the products use them all
        DMatrixRMaj[] alphas = {fits[0].alpha(), fits[1].alpha()};
        int m = xTest.numRows;
        int blocks = (m + blockRows - 1) / blockRows;
        ProgressBar bar = new ProgressBar("kernel test/train", 2000);
        DMatrixRMaj[] means = {new DMatrixRMaj(m, FashionMnist.CLASSES), new DMatrixRMaj(m, FashionMnist.CLASSES)};
        int rows = Math.min(m, blockRows);
        double[] kBuf = new double[rows * xTrain.numRows];
        double[] tBuf = new double[kBuf.length];
        for (int b = 0; b < blocks; b++) {
            int r0 = b * blockRows;
            int r1 = Math.min(m, r0 + blockRows);
            int block = b;
            long k0 = System.nanoTime();
            DMatrixRMaj x = org.ejml.dense.row.CommonOps_DDRM.extract(xTest, r0, r1, 0, xTest.numCols);
            // the last block may be shorter: views of the same two buffers
            DMatrixRMaj kOut = DMatrixRMaj.wrap(r1 - r0, xTrain.numRows, kBuf);
            DMatrixRMaj tOut = DMatrixRMaj.wrap(r1 - r0, xTrain.numRows, tBuf);
            Kernels st = engines.apply((done, total) -> bar.update(block * total + done, blocks * total))
                    .compute(net, x, xTrain, kOut, tOut);
            long p0 = System.nanoTime();
            DMatrixRMaj[] parts = {solver.times(st.nngp(), alphas[0]), solver.times(st.ntk(), alphas[1])};
            for (int w = 0; w < 2; w++) {
                System.arraycopy(parts[w].data, 0, means[w].data, r0 * FashionMnist.CLASSES, parts[w].data.length);
            }
            nanos[0] += p0 - k0;
            nanos[1] += System.nanoTime() - p0;
        }
        bar.finish();
        return means;
    }

    /**
     * Fits the NNGP and NTK posteriors (both train kernels factored in place) at the same time,
     * each on half the threads: a Cholesky factorisation keeps one core busier than it keeps two,
     * so two side by side finish sooner than one after the other (the factors' bits do not
     * depend on the thread count). One progress bar for both.
     */
    private GpPosterior[] fitBoth(DMatrixRMaj kTrain, DMatrixRMaj thetaTrain, DMatrixRMaj y) {
        ProgressBar bar = new ProgressBar("solve NNGP + NTK", 2000);
        long[] done = new long[2];
        long[] total = new long[2];
        java.util.function.IntFunction<Progress> part = i -> (dn, tot) -> {
            synchronized (done) {
                done[i] = dn;
                total[i] = tot;
                bar.update(done[0] + done[1], 2 * Math.max(total[0], total[1]));
            }
        };
        int threads = model.threadCount();
        GpPosterior[] fits = new GpPosterior[2];
        if (threads < 2) {
            fits[0] = GpPosterior.fitInPlace(kTrain, y, model.diagReg, model.solver(part.apply(0)));
            fits[1] = GpPosterior.fitInPlace(thetaTrain, y, model.diagReg, model.solver(part.apply(1)));
        } else {
            java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                var ntk = other.submit(() -> GpPosterior.fitInPlace(thetaTrain, y, model.diagReg,
                        model.solver(threads - threads / 2, part.apply(1))));
                fits[0] = GpPosterior.fitInPlace(kTrain, y, model.diagReg, model.solver(threads / 2, part.apply(0)));
                fits[1] = ntk.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while solving", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) { // e.g. out of memory: reported as on the main thread
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                other.shutdownNow();
            }
        }
        bar.finish();
        return fits;
    }
}
