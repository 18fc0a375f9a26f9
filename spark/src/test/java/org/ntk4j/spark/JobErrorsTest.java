package org.ntk4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntk4j.io.Npy;

/** Bad input ends with one line on stderr, exit code 2 and no output file. */
class JobErrorsTest {

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.start("errors");
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    private static String fail(Path out, String... args) {
        StringWriter err = new StringWriter();
        int code = RegressionJobTest.run(sc, err, args);
        assertEquals(2, code, err.toString());
        String text = err.toString().strip();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("ntk4j-spark: "), text);
        assertFalse(Files.exists(out.resolve("nngp.npy")), "no output after an error");
        return text;
    }

    private static Path[] inputs(Path dir, int n, int d) throws Exception {
        Path x = dir.resolve("x.npy");
        Path y = dir.resolve("y.npy");
        Npy.write(x, TilesMatchSingleMachineTest.gaussian(n, d, 3));
        Npy.write(y, TilesMatchSingleMachineTest.gaussian(n, 2, 4));
        return new Path[] {x, y};
    }

    @Test
    void missingInputBadSpecAndOversizedTiles(@TempDir Path dir) throws Exception {
        Path[] in = inputs(dir, 50, 3);
        Path out = dir.resolve("out");
        String m = fail(out, "--train-x", dir.resolve("nope.npy").toString(), "--train-y", in[1].toString(), "--test-x",
                in[0].toString(), "--net", "dense,relu,dense", "--out", out.toString());
        assertTrue(m.contains("nope.npy: no such file"), m);

        m = fail(out, "--train-x", in[0].toString(), "--train-y", in[1].toString(), "--test-x", in[0].toString(),
                "--net", "dense,relu(1),dense", "--out", out.toString());
        assertTrue(m.contains("layer 2 'relu(1)'"), m);

        // 30 000 rows in one tile: 2 x 8 x 30 000^2 bytes = 13.4 GiB of cache, refused before any tile runs
        Path[] big = inputs(dir.resolve("big").toFile().mkdirs() ? dir.resolve("big") : dir, 30_000, 1);
        m = fail(out, "--train-x", big[0].toString(), "--train-y", big[1].toString(), "--test-x", big[0].toString(),
                "--net", "dense,relu,dense", "--out", out.toString(), "--tile", "30000");
        assertTrue(m.contains("the tiles do not fit executor memory"), m);
    }

    @Test
    void mismatchedShapesAndNonFiniteInputs(@TempDir Path dir) throws Exception {
        Path[] in = inputs(dir, 40, 3);
        Path out = dir.resolve("out");
        Path t = dir.resolve("t.npy");
        Npy.write(t, TilesMatchSingleMachineTest.gaussian(5, 4, 5));
        String m = fail(out, "--train-x", in[0].toString(), "--train-y", in[1].toString(), "--test-x", t.toString(),
                "--net", "dense,relu,dense", "--out", out.toString());
        assertTrue(m.contains("--test-x has 4 columns but --train-x has 3"), m);
        DMatrixRMaj x = Npy.readMatrix(in[0]);
        x.set(7, 1, Double.NaN);
        Path nan = dir.resolve("nan.npy");
        Npy.write(nan, x);
        m = fail(out, "--train-x", nan.toString(), "--train-y", in[1].toString(), "--test-x", in[0].toString(),
                "--net", "dense,relu,dense", "--out", out.toString());
        assertTrue(m.contains("train-x row 7, column 1 is NaN"), m);
    }
}
