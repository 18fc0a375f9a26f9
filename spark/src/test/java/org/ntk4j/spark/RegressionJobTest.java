package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.data.FashionMnist;
import org.ntk4j.data.Preprocess;
import org.ntk4j.io.Npy;
import org.ntk4j.kernel.KernelEngine;
import org.ntk4j.kernel.Kernels;
import org.ntk4j.kernel.Network;
import org.ntk4j.kernel.Stax;
import org.ntk4j.linalg.Solver;
import org.ntk4j.predict.Classification;
import org.ntk4j.predict.GpPosterior;

/**
 * The job end to end in local[2] on the embedded Fashion-MNIST subset, against the
 * single-machine Cholesky path computed here (not by the job).
 */
class RegressionJobTest {

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start("job");
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    static int run(JavaSparkContext sc, StringWriter err, String... args) {
        return KernelRegressionJob.run(args, sc, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    }

    /**
     * Posterior means within 1e-6 relative of the Cholesky path. CG stops at a relative
     * residual of 1e-10 in α; the means K* α inherit at most that times ‖K*‖ ‖α‖ / ‖K* α‖, which
     * is O(1) here because Y lies mostly in K's top eigenvectors (measured: ≈ 1e-10 .. 1e-9).
     */
    @Test
    void meansMatchTheSingleMachineCholeskyPath(@TempDir Path dir) throws Exception {
        int n = 400;
        int m = 200;
        FashionMnist.Data data = FashionMnist.loadEmbedded(n, m);
        Network net = Stax.parse("dense(1.4,0.1),relu,dense(1.4,0.1),relu,dense(1.4,0.1)");
        Path x = dir.resolve("x.npy");
        Path y = dir.resolve("y.npy");
        Path t = dir.resolve("t.npy");
        Npy.write(x, data.train().x());
        DMatrixRMaj targets = Preprocess.oneHotMinusTenth(data.train().labels(), 10);
        Npy.write(y, targets);
        Npy.write(t, data.test().x());
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        int code = run(sc, err, "--train-x", x.toString(), "--train-y", "file://" + y, "--test-x", t.toString(),
                "--net", net.toString(), "--out", out.toString(), "--tile", "128", "--rank", "100", "--tol", "1e-10",
                "--tiles-out", dir.resolve("tiles").toString());
        assertEquals(0, code, err.toString());

        Kernels tt = KernelEngine.defaults().compute(net, data.train().x());
        Kernels st = KernelEngine.defaults().compute(net, data.test().x(), data.train().x());
        DMatrixRMaj[] ref = {
            GpPosterior.fit(tt.nngp(), targets, 1e-6, Solver.defaults()).mean(st.nngp()),
            GpPosterior.fit(tt.ntk(), targets, 1e-6, Solver.defaults()).mean(st.ntk())};
        String[] names = {"nngp", "ntk"};
        for (int s = 0; s < 2; s++) {
            DMatrixRMaj got = Npy.readMatrix(out.resolve(names[s] + ".npy"));
            assertEquals(m, got.numRows);
            assertEquals(10, got.numCols);
            double rel = SingleMachine.frobeniusRelative(got.data, ref[s].data);
            assertTrue(rel < 1e-6, names[s] + ": relative difference " + rel);
            assertEquals(1.0, SingleMachine.agreement(got, ref[s]), names[s] + " argmax");
        }
        assertTrue(Files.exists(dir.resolve("tiles/train/manifest.json")));
        assertTrue(Files.exists(dir.resolve("tiles/test-train/nngp-1-3.npy")));
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"stopping_rule\""), summary);
        assertTrue(summary.contains("\"iterations\""), summary);
        assertTrue(summary.contains("\"context_start\""), summary);
    }
}
