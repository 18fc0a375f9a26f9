package org.ntk4j.cli;

import java.io.PrintWriter;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.data.FashionMnist;
import org.ntk4j.data.Preprocess;
import org.ntk4j.kernel.ConvKernels;
import org.ntk4j.kernel.ConvNet;
import org.ntk4j.predict.Classification;
import org.ntk4j.predict.GpPosterior;

/**
 * {@code fashion-mnist --net SPEC} with spatial layers: the preprocessed pixels as 28 × 28 × 1
 * images, the conv kernels, and the NNGP and NTK (t = ∞) posterior means.
 */
final class FashionMnistConv {

    private FashionMnistConv() {
    }

    static int run(PrintWriter o, ConvNet net, FashionMnist.Data d, ModelOptions model) {
        ConvKernels.Images train = images(d.train().x());
        ConvKernels.Images test = images(d.test().x());
        long t0 = System.nanoTime();
        ConvKernels.Result tt = ConvKernels.compute(net, train, null, ConvKernels.Path.AUTO, model.threadCount());
        ConvKernels.Result st = ConvKernels.compute(net, test, train, ConvKernels.Path.AUTO, model.threadCount());
        long t1 = System.nanoTime();
        DMatrixRMaj y = Preprocess.oneHotMinusTenth(d.train().labels(), FashionMnist.CLASSES);
        double nngp = Classification.accuracy(
                GpPosterior.fitInPlace(tt.nngp(), y, model.diagReg, model.solver()).mean(st.nngp()), d.test().labels());
        double ntk = Classification.accuracy(
                GpPosterior.fitInPlace(tt.ntk(), y, model.diagReg, model.solver()).mean(st.ntk()), d.test().labels());
        long t2 = System.nanoTime();
        long n = train.n();
        long entries = n * (n + 1) / 2 + (long) test.n() * n;
        o.printf("fashion-mnist: %s; %d train, %d test; %s (path %s); diag-reg %s%n", d.source(), train.n(), test.n(), net,
                ConvKernels.resolve(net, ConvKernels.Path.AUTO).name().toLowerCase(java.util.Locale.ROOT), model.diagReg);
        o.printf("accuracy: NNGP posterior %.2f %%, NTK posterior (t = inf) %.2f %%%n", 100 * nngp, 100 * ntk);
        o.printf("time: kernel %.2f s (%.4f ms per entry, scalar, %d threads), solve and predict %.2f s%n", (t1 - t0) / 1e9,
                (t1 - t0) / 1e6 / entries, model.threadCount(), (t2 - t1) / 1e9);
        o.printf("memory: %s%n", RunInfo.memory());
        o.flush();
        return 0;
    }

    /** Rows of 784 pixels as (n, 28, 28, 1) images. */
    private static ConvKernels.Images images(DMatrixRMaj x) {
        int side = (int) Math.round(Math.sqrt(x.numCols));
        if (side * side != x.numCols) {
            throw new IllegalArgumentException("fashion-mnist rows have " + x.numCols + " pixels, not a square image");
        }
        return new ConvKernels.Images(x.data.clone(), x.numRows, side, side, 1);
    }
}
