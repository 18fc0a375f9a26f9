package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
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
import org.ntk4j.predict.GpPosterior;

/**
 * The acceptance run: Fashion-MNIST, 8 000 train and 2 000 test images, local[2], against the
 * single-machine Cholesky path computed here. Slow (minutes): runs with -Pspark-full.
 */
@Tag("slow")
class FashionMnistAcceptanceTest {

    /**
     * Means within 1e-6 relative (Frobenius) and the same argmax on ≥ 99.9 % of the test
     * images. CG stops at relative residual 1e-8; the means' error measured at n = 4 000 was
     * 1e-8 relative, two decades inside the bound asked for.
     */
    @Test
    void eightThousandTrainTwoThousandTest(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(FashionMnist.defaultDir() != null,
                "needs the Debian package dataset-fashion-mnist (apt-get install -y dataset-fashion-mnist)");
        int n = 8000;
        int m = 2000;
        FashionMnist.Data data = FashionMnist.load(null, n, m);
        Network net = Stax.parse("dense,relu,dense,relu,dense,relu,dense");
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        int code;
        try (JavaSparkContext sc = LocalSpark.start("fashion-mnist", 2)) {
            code = RegressionJobTest.run(sc, err, "--fashion-mnist", "--train", "8000", "--test", "2000",
                    "--net", net.toString(), "--out", out.toString());
        }
        assertEquals(0, code, err.toString());
        DMatrixRMaj y = Preprocess.oneHotMinusTenth(data.train().labels(), FashionMnist.CLASSES);
        Kernels tt = KernelEngine.defaults().compute(net, data.train().x());
        DMatrixRMaj[] train = {tt.nngp(), tt.ntk()};
        tt = null;
        GpPosterior[] gp = {GpPosterior.fit(train[0], y, 1e-6, Solver.defaults()), GpPosterior.fit(train[1], y, 1e-6, Solver.defaults())};
        train = null;
        Kernels st = KernelEngine.defaults().compute(net, data.test().x(), data.train().x());
        DMatrixRMaj[] ref = {gp[0].mean(st.nngp()), gp[1].mean(st.ntk())};
        String[] names = {"nngp", "ntk"};
        for (int s = 0; s < 2; s++) {
            DMatrixRMaj got = Npy.readMatrix(out.resolve(names[s] + ".npy"));
            double rel = SingleMachine.frobeniusRelative(got.data, ref[s].data);
            double agree = SingleMachine.agreement(got, ref[s]);
            System.out.printf("%s: relative difference %.3g (max-norm %.3g), argmax agreement %.4f%n", names[s], rel,
                    SingleMachine.maxRelative(got.data, ref[s].data), agree);
            assertTrue(rel <= 1e-6, names[s] + ": relative difference " + rel);
            assertTrue(agree >= 0.999, names[s] + ": argmax agreement " + agree);
        }
        System.out.println(Files.readString(out.resolve("summary.json")));
    }
}
