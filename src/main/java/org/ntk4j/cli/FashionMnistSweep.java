package org.ntk4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ntk4j.data.FashionMnist;
import org.ntk4j.data.Preprocess;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.linalg.MemoryCheck;
import org.ntk4j.linalg.Solver;
import org.ntk4j.predict.Classification;
import org.ntk4j.simd.Simd;

/**
 * The table a paper prints: test accuracy of the NNGP posterior and of NTK gradient descent at
 * t = ∞ against training-set size and depth. Kernels are computed once per depth at the largest
 * size; smaller sizes use their leading blocks (the first n training examples).
 */
final class FashionMnistSweep {

    private final ModelOptions model;
    private final Path data;
    private final List<Integer> sizes;
    private final List<Integer> depths;
    private final int test;
    private final Path plot;
    private final Path out;

    FashionMnistSweep(ModelOptions model, Path data, List<Integer> sizes, List<Integer> depths, int test, Path plot,
                      Path out) {
        this.model = model;
        this.data = data;
        this.sizes = sizes;
        this.depths = depths;
        this.test = test;
        this.plot = plot;
        this.out = out;
    }

    void run(PrintWriter o) throws IOException {
        if (!Double.isInfinite(model.time())) {
            throw new IllegalArgumentException("--sweep predicts at t = inf only; drop --time");
        }
        if (model.net.net != null) {
            throw new IllegalArgumentException("--sweep varies the depth of dense,A,...,dense: give --activation, not --net");
        }
        for (int d : depths) {
            if (d < 0) {
                throw new IllegalArgumentException("sweep depths must be >= 0, got " + d);
            }
        }
        Path dir = FashionMnistCommand.isEmbedded(data) ? null : data != null ? data : FashionMnist.defaultDir();
        int[] available = FashionMnist.available(dir);
        List<Integer> ns = FashionMnistCommand.capped(sizes, available[0]);
        int nMax = ns.get(ns.size() - 1);
        int nCopy = ns.size() > 1 ? ns.get(ns.size() - 2) : 0;
        KernelPredictor.requireMemory(nMax, test, false);
        MemoryCheck.require(8L * ((long) nMax * nMax * 2 + 2L * test * nMax + (long) nCopy * nCopy + (long) test * nCopy),
                "the sweep's kernels at " + nMax + " train and " + test + " test points plus the copies of smaller blocks");

        long start = System.nanoTime();
        FashionMnist.Data d = FashionMnistCommand.load(data, nMax, test);
        DMatrixRMaj yAll = Preprocess.oneHotMinusTenth(d.train().labels(), FashionMnist.CLASSES);
        double[][] nngp = new double[depths.size()][ns.size()];
        double[][] ntk = new double[depths.size()][ns.size()];
        for (int di = 0; di < depths.size(); di++) {
            model.net.depth = depths.get(di);
            ProgressBar kBar = new ProgressBar("kernel depth " + model.net.depth, 2000);
            var engine = model.engine(kBar::update);
            Kernels tt = engine.compute(model.network(), d.train().x());
            Kernels st = engine.compute(model.network(), d.test().x(), d.train().x());
            kBar.finish();
            ProgressBar sBar = new ProgressBar("solve depth " + model.net.depth, 2000);
            Solver solver = model.solver(sBar::update);
            for (int si = 0; si < ns.size(); si++) {
                int n = ns.get(si);
                boolean last = n == nMax; // the largest size factors the kernels themselves, in place
                DMatrixRMaj y = last ? yAll : leadingRows(yAll, n);
                DMatrixRMaj sNngp = last ? st.nngp() : leadingColumns(st.nngp(), n);
                DMatrixRMaj mean = KernelPredictor.nngpInPlace(last ? tt.nngp() : leading(tt.nngp(), n), sNngp, y,
                        model.diagReg, solver);
                nngp[di][si] = Classification.accuracy(mean, d.test().labels());
                sNngp = null;
                DMatrixRMaj sNtk = last ? st.ntk() : leadingColumns(st.ntk(), n);
                mean = KernelPredictor.ntkInPlace(last ? tt.ntk() : leading(tt.ntk(), n), sNtk, y, model.diagReg,
                        Double.POSITIVE_INFINITY, null, solver).mean();
                ntk[di][si] = Classification.accuracy(mean, d.test().labels());
            }
            sBar.finish();
            o.printf("depth %d done (%.1f s)%n", model.net.depth, (System.nanoTime() - start) / 1e9);
            o.flush();
        }
        double total = (System.nanoTime() - start) / 1e9;

        List<List<Object>> table = new ArrayList<>();
        List<Object> header = new ArrayList<>();
        header.add("train");
        for (int dep : depths) {
            header.add("NNGP L=" + dep);
            header.add("NTK L=" + dep);
        }
        table.add(header);
        for (int si = 0; si < ns.size(); si++) {
            List<Object> row = new ArrayList<>();
            row.add(ns.get(si));
            for (int di = 0; di < depths.size(); di++) {
                row.add(String.format("%.2f", 100 * nngp[di][si]));
                row.add(String.format("%.2f", 100 * ntk[di][si]));
            }
            table.add(row);
        }
        o.printf("fashion-mnist sweep: %s; %d test; %s, w-std %s, b-std %s, diag-reg %s; test accuracy %%:%n",
                d.source(), test, model.net.activationName(), model.net.wStd, model.net.bStd, model.diagReg);
        o.print(ResultFile.markdownTable(table));
        SweepPlot.write(plot, ns, depths, nngp, ntk);
        o.printf("time: %.1f s; memory: %s%nenvironment: %s%nwrote %s%n", total, RunInfo.memory(),
                RunInfo.environment(model.impl(), model.threadCount()), plot);
        if (out != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("source", d.source());
            r.put("test", test);
            r.put("activation", model.net.activationName());
            r.put("w_std", model.net.wStd);
            r.put("b_std", model.net.bStd);
            r.put("diag_reg", model.diagReg);
            r.put("total_s", total);
            r.put("environment", RunInfo.environment(model.impl(), model.threadCount()));
            ResultFile.write(out, "fashion-mnist sweep", r, table);
            o.printf("wrote %s%n", out);
        }
        o.flush();
    }

    /** The leading n × n block (a copy). */
    static DMatrixRMaj leading(DMatrixRMaj k, int n) {
        MemoryCheck.require(8L * n * n, "a copy of the leading " + n + " x " + n + " train kernel");
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(k.data, i * k.numCols, out.data, i * n, n);
        }
        return out;
    }

    /** The first n columns (a copy). */
    static DMatrixRMaj leadingColumns(DMatrixRMaj k, int n) {
        DMatrixRMaj out = new DMatrixRMaj(k.numRows, n);
        for (int i = 0; i < k.numRows; i++) {
            System.arraycopy(k.data, i * k.numCols, out.data, i * n, n);
        }
        return out;
    }

    /** The first n rows (a copy). */
    static DMatrixRMaj leadingRows(DMatrixRMaj y, int n) {
        DMatrixRMaj out = new DMatrixRMaj(n, y.numCols);
        System.arraycopy(y.data, 0, out.data, 0, n * y.numCols);
        return out;
    }
}
